package dev.confidant.pii.internal.ner;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Word clusters distilled offline from a pretrained encoder (the {@code tools} module's {@code WordClusterer}):
 * each folded word ({@link Features#fold}) of a fixed vocabulary has a 10-bit id whose top six bits are one of
 * {@value #TOP} coarse clusters, the top eight one of 256, all ten one of 1,024 (nested, like Brown-cluster bit
 * strings). Words the encoder puts in similar contexts (surnames, towns, weekdays, company heads) share ids, so the
 * tagger's cluster features carry what it learnt from names it saw to words it never saw as names. Nothing of the
 * encoder runs at detection time: a lookup is one probe of an open-addressing table. The vocabulary is fixed at
 * training time (at most a few hundred thousand words, stored in the model file); immutable and thread-safe.
 */
public final class WordClusters {
  /** Coarse clusters (the top level). */
  public static final int TOP = 64;
  /** The id of a word outside the vocabulary. */
  public static final int UNKNOWN = -1;
  static final WordClusters NONE = new WordClusters(new long[0], new short[0]);

  /** No clusters: a model without cluster features. */
  public static WordClusters none() {
    return NONE;
  }

  private final long[] keys;
  private final short[] ids;
  private final KeyIndex index;

  private WordClusters(long[] keys, short[] ids) {
    this.keys = keys;
    this.ids = ids;
    this.index = new KeyIndex(keys);
  }

  /**
   * Clusters of word hashes.
   *
   * @param keys folded-word hashes ({@link Features#hash} of {@link Features#fold}), distinct
   * @param ids the 10-bit id of each key
   * @throws IllegalArgumentException if the arrays differ in length or an id is out of range
   */
  public static WordClusters of(long[] keys, short[] ids) {
    if (keys.length != ids.length) {
      throw new IllegalArgumentException("keys and ids differ in length");
    }
    for (short id : ids) {
      if (id < 0 || id >= TOP * 16) {
        throw new IllegalArgumentException("cluster id out of range: " + id);
      }
    }
    return new WordClusters(keys.clone(), ids.clone());
  }

  /** Whether there are no clusters (a model trained without them). */
  public boolean isEmpty() {
    return keys.length == 0;
  }

  /** Words in the vocabulary. */
  public int size() {
    return keys.length;
  }

  /** The folded-word hashes, as given. */
  public long[] keys() {
    return keys.clone();
  }

  /** The 10-bit id of a folded word's hash, or {@link #UNKNOWN}. */
  public int id(long wordHash) {
    int i = index.indexOf(wordHash);
    return i < 0 ? UNKNOWN : ids[i];
  }

  /** Writes the clusters, uncompressed: count, keys, ids (the caller compresses). */
  public void write(OutputStream os) throws IOException {
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16));
    out.writeInt(keys.length);
    for (long k : keys) {
      out.writeLong(k);
    }
    for (short id : ids) {
      out.writeShort(id);
    }
    out.flush();
  }

  /** Reads what {@link #write} wrote, from the buffer's position on. */
  static WordClusters read(ByteBuffer in) {
    long[] keys = new long[in.getInt()];
    in.asLongBuffer().get(keys);
    in.position(in.position() + 8 * keys.length);
    short[] ids = new short[keys.length];
    in.asShortBuffer().get(ids);
    in.position(in.position() + 2 * ids.length);
    return of(keys, ids);
  }

  /** Reads a cluster file written by {@link #write} (the trainer's input). */
  public static WordClusters read(byte[] bytes) throws IOException {
    try {
      return read(ByteBuffer.wrap(bytes));
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException e) {
      throw new IOException("truncated or corrupt word cluster file", e);
    }
  }
}
