package dev.confidant.pii.internal.address;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * A gazetteer of populated places and regions (GeoNames, CC BY 4.0: about 196,000 names), read from the
 * {@code engine-pii-models} artifact's {@value #RESOURCE}. Names are kept as 64-bit hashes of their folded form
 * (lower case, no diacritics), the lowest bit marking towns of 15,000 people or more, in an open-addressing table of a fixed size (twice the names, rounded up to a power of
 * two: 4 MB), so a look-up allocates nothing but the folded phrase. Immutable and thread-safe.
 */
public final class Places {
  /** Where the models artifact keeps the gazetteer (gzip, one folded name a line, '#' comments). */
  public static final String RESOURCE = "META-INF/confidant/pii/places.txt.gz";
  /** The most words a name has. */
  static final int MAX_WORDS = 4;

  private final long[] table;
  private final int mask;
  private final int size;

  private Places(long[] table, int size) {
    this.table = table;
    this.mask = table.length - 1;
    this.size = size;
  }

  /**
   * The gazetteer a class loader sees, or empty when the models artifact (or an older one without places) is not on
   * its class path: detection then runs without it.
   *
   * @throws UncheckedIOException if the resource exists but cannot be read
   */
  public static Optional<Places> load(@Nullable ClassLoader loader) {
    InputStream in = loader == null ? null : loader.getResourceAsStream(RESOURCE);
    if (in == null) {
      return Optional.empty();
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in),
        StandardCharsets.UTF_8))) {
      long[] hashes = new long[1 << 16];
      int n = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (n == hashes.length) {
          hashes = java.util.Arrays.copyOf(hashes, n * 2);
        }
        boolean town = line.charAt(0) == '+';
        hashes[n++] = hash(town ? line.substring(1) : line) & ~1L | (town ? 1 : 0);
      }
      int capacity = Integer.highestOneBit(Math.max(16, n * 2 - 1)) << 1;
      long[] table = new long[capacity];
      for (int i = 0; i < n; i++) {
        insert(table, hashes[i]);
      }
      return Optional.of(new Places(table, n));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the places gazetteer " + RESOURCE, e);
    }
  }

  /** What a folded phrase ({@link Countries#fold}) names: {@link #NONE}, {@link #VILLAGE} or {@link #TOWN}. */
  int lookup(String folded) {
    long h = hash(folded) & ~1L;
    for (int i = (int) (h >>> 1) & mask; ; i = i + 1 & mask) {
      long v = table[i];
      if (v == 0) {
        return NONE;
      }
      if ((v & ~1L) == h) {
        return (v & 1) != 0 ? TOWN : VILLAGE;
      }
    }
  }

  /** Whether the gazetteer names a place or region {@code phrase} (folded first: "Saarbrücken", "SAARBRÜCKEN"). */
  public boolean contains(String phrase) {
    return lookup(Countries.fold(phrase)) != NONE;
  }

  /** No place of that name. */
  static final int NONE = 0;
  /** A place of fewer than 15,000 people only. */
  static final int VILLAGE = 1;
  /** A town or city of 15,000 people or more, a region, or a city's name in another language. */
  static final int TOWN = 2;

  /** How many names the gazetteer holds. */
  public int size() {
    return size;
  }

  private static void insert(long[] table, long h) {
    int m = table.length - 1;
    for (int i = (int) (h >>> 1) & m; ; i = i + 1 & m) {
      if (table[i] == 0 || (table[i] & ~1L) == (h & ~1L)) {
        table[i] |= h; // a town's mark wins over a village of the same name
        return;
      }
    }
  }

  /** FNV-1a over the chars, then a finalizer; its bit 0 carries the town mark, and no entry is 0 (the empty slot). */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (h & ~1L) == 0 ? 2 : h;
  }

  @Override
  public String toString() {
    return "Places[" + size + " names]";
  }
}
