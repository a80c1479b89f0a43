package dev.confidant.pii.internal.mapping;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Canonical placeholder key ({@code NAME_1}) to value, in an open-addressing table that is looked up straight from
 * the text ({@link PlaceholderLookup}): no key string, no boxing, no lock, one probe sequence of a few slots
 * whatever the size. The first value put for a key stays.
 *
 * <p>Thread-safety: any number of readers may run at any time, also while a writer adds entries; writes must be
 * serialized by the caller ({@link Mapping} writes under its lock). This holds without locks because an entry is an
 * immutable object (final fields, so it is seen whole or not at all), slots only ever go from empty to an entry,
 * and a grown table is filled before it is published through a volatile field. A reader racing with a write may
 * miss the entry being added, never see a wrong one.
 */
public final class PlaceholderTable implements PlaceholderLookup {
  private static final int MIN_CAPACITY = 16;

  private record Entry(int hash, String key, String value) {}

  /** Length a power of two, at most half full. */
  private volatile @Nullable Entry[] slots;
  private int size;

  /** An empty table. */
  public PlaceholderTable() {
    this(0);
  }

  /** An empty table sized for {@code expected} entries (no growth until then). */
  public PlaceholderTable(int expected) {
    slots = new Entry[capacityFor(expected)];
  }

  /**
   * A table of canonical keys to values (keys that are not canonical, e.g. {@code [NAME_1]}, are never found:
   * use {@link Placeholders#canonical} first).
   */
  public static PlaceholderTable of(Map<String, String> canonicalToValue) {
    PlaceholderTable table = new PlaceholderTable(canonicalToValue.size());
    canonicalToValue.forEach(table::putIfAbsent);
    return table;
  }

  /**
   * A table of placeholders as callers write them ({@code [NAME_1]}, {@code <Name 1>}) to values, as
   * {@link Mapping#seed} reads them: keys that are not placeholders and empty values are skipped, and of two
   * spellings of one key the first in iteration order wins.
   */
  public static PlaceholderTable ofPlaceholders(Map<String, String> placeholderToValue) {
    PlaceholderTable table = new PlaceholderTable(placeholderToValue.size());
    placeholderToValue.forEach((placeholder, value) -> {
      String canonical = Placeholders.canonical(placeholder);
      if (canonical != null && !value.isEmpty()) {
        table.putIfAbsent(canonical, value);
      }
    });
    return table;
  }

  /**
   * Adds {@code canonical -> value} unless the key is bound; callers serialize writes.
   *
   * @return whether it was added
   */
  public boolean putIfAbsent(String canonical, String value) {
    int sep = canonical.lastIndexOf('_');
    int hash = hash(canonical, 0, sep, canonical.length());
    @Nullable Entry[] table = slots;
    int mask = table.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      Entry e = table[i];
      if (e == null) {
        break;
      }
      if (e.hash == hash && e.key.equals(canonical)) {
        return false;
      }
    }
    if (2 * (size + 1) > table.length) {
      table = grow(table);
    }
    insert(table, new Entry(hash, canonical, value));
    size++;
    return true;
  }

  /** The value of a canonical key, or {@code null}. */
  public @Nullable String get(String canonical) {
    int sep = canonical.lastIndexOf('_');
    return sep <= 0 ? null : value(canonical, 0, sep, canonical.length());
  }

  @Override
  public @Nullable String value(String text, int start, int sep, int end) {
    int hash = hash(text, start, sep, end);
    @Nullable Entry[] table = slots; // one volatile read: a consistent table for this lookup
    int mask = table.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      Entry e = table[i];
      if (e == null) {
        return null;
      }
      if (e.hash == hash && matches(e.key, text, start, sep, end)) {
        return e.value;
      }
    }
  }

  /** Number of entries. */
  public int size() {
    return size;
  }

  private @Nullable Entry[] grow(@Nullable Entry[] old) {
    @Nullable Entry[] bigger = new Entry[old.length * 2];
    for (Entry e : old) {
      if (e != null) {
        insert(bigger, e);
      }
    }
    slots = bigger; // published filled: readers switch from one complete table to the other
    return bigger;
  }

  private static void insert(@Nullable Entry[] table, Entry e) {
    int mask = table.length - 1;
    int i = e.hash & mask;
    while (table[i] != null) {
      i = (i + 1) & mask;
    }
    table[i] = e;
  }

  private static int capacityFor(int expected) {
    int needed = Math.max(MIN_CAPACITY, 2 * expected);
    return needed >= 1 << 30 ? 1 << 30 : Integer.highestOneBit(needed - 1) << 1;
  }

  /** The canonical char at {@code i}: ASCII lower case upper-cased, the separator an underscore. */
  private static char canonicalChar(String text, int i, int sep) {
    char c = text.charAt(i);
    if (i == sep) {
      return '_';
    }
    return c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
  }

  /** A hash of the canonical form of {@code text[start, end)}, equal for a key and every spelling of it. */
  static int hash(String text, int start, int sep, int end) {
    int h = end - start;
    for (int i = start; i < end; i++) {
      h = 31 * h + canonicalChar(text, i, sep);
    }
    h *= 0x9E3779B9; // spread: sequential numbers differ in the low bits only
    return h ^ (h >>> 15);
  }

  private static boolean matches(String key, String text, int start, int sep, int end) {
    if (key.length() != end - start) {
      return false;
    }
    for (int i = start; i < end; i++) {
      if (key.charAt(i - start) != canonicalChar(text, i, sep)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "PlaceholderTable[" + size + " entries]";
  }
}
