package dev.confidant.tools.rag;

import dev.confidant.rag.Embedder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An embedder that remembers vectors in an append-only file keyed by the SHA-256 of the text, so that a repeated
 * evaluation does not embed a corpus again (minutes on two cores). For evaluation only. Thread-safe.
 */
final class CachingEmbedder implements Embedder {
  private final Embedder delegate;
  private final Path file;
  private final Map<String, float[]> cache = new ConcurrentHashMap<>();

  CachingEmbedder(Embedder delegate, Path file) {
    this.delegate = delegate;
    this.file = file;
    load();
  }

  private void load() {
    if (!Files.exists(file)) {
      return;
    }
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      while (true) {
        String key;
        try {
          key = in.readUTF();
        } catch (EOFException end) {
          return;
        }
        float[] v = new float[in.readInt()];
        for (int i = 0; i < v.length; i++) {
          v[i] = in.readFloat();
        }
        cache.put(key, v);
      }
    } catch (EOFException truncated) {
      // A run killed mid-append leaves a partial last record; everything before it is good.
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    List<String> keys = texts.stream().map(CachingEmbedder::key).toList();
    List<String> missing = new ArrayList<>();
    List<String> missingKeys = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      if (!cache.containsKey(keys.get(i))) {
        missing.add(texts.get(i));
        missingKeys.add(keys.get(i));
      }
    }
    if (!missing.isEmpty()) {
      List<float[]> vectors = delegate.embed(missing);
      append(missingKeys, vectors);
    }
    return keys.stream().map(cache::get).toList();
  }

  private synchronized void append(List<String> keys, List<float[]> vectors) {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND)))) {
      for (int i = 0; i < keys.size(); i++) {
        out.writeUTF(keys.get(i));
        out.writeInt(vectors.get(i).length);
        for (float f : vectors.get(i)) {
          out.writeFloat(f);
        }
        cache.put(keys.get(i), vectors.get(i));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String key(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
