package dev.confidant.pii.internal.mapping;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Canonical placeholder key ({@code NAME_1}) to value, looked up straight from the text ({@link PlaceholderLookup}):
 * no key string, no boxing, no lock, whatever the size. A key is a pair (tag, number): the tag is resolved in a
 * small table of the distinct tags (a few dozen at most in practice). A number written without leading zeros (all
 * that a {@link Mapping} creates) then indexes the tag's array of values directly: no hash, no probe, and a tag's
 * values side by side in number order, which keeps a 100k-entry table's lookups in few cache lines. A tag's array
 * grows only to about twice its entries plus 64 (at most about 4 slots per entry plus 256), so a caller's sparse
 * numbers ({@code NAME_99999999}) and numbers with leading zeros go to a hash table instead: the tag's id, the digit
 * count and the number packed in one {@code long}, found by open addressing in a {@code long[]} with the values in a
 * parallel array. The first value put for a key stays.
 *
 * <p>Thread-safety: any number of readers may run at any time, also while a writer adds entries; writes must be
 * serialized by the caller ({@link Mapping} writes under its lock). A slot's value is written before its key is
 * published with release semantics and readers read the key with acquire semantics (a dense slot's value itself is
 * written with release and read with acquire), slots only ever go from empty to filled, and a grown table or array
 * is filled before it is published through a volatile field. A reader racing with a write
 * may miss the entry being added, never see a wrong one.
 */
public final class PlaceholderTable implements PlaceholderLookup {
  private static final VarHandle KEYS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final VarHandle VALUES = MethodHandles.arrayElementVarHandle(String[].class);
  /** A tag's dense array never grows past twice its entries plus this, so sparse numbers cannot inflate it. */
  private static final int DENSE_SLACK = 64;
  private static final int MIN_CAPACITY = 16;
  /** Digits of a number; the number itself takes the 30 bits below (9 digits < 2^30). */
  private static final int COUNT_SHIFT = 30;
  private static final int TAG_SHIFT = 34;

  /** A tag and its id (ids start at 1, so no packed key is 0, the empty slot). Immutable. */
  private record Tag(String name, int hash, int id) {}

  /** One generation of the entry arrays; replaced whole when it grows. */
  private record Entries(long[] keys, @Nullable String[] values, int shift) {}

  private volatile @Nullable Tag[] tags = new Tag[MIN_CAPACITY];
  /**
   * Per tag id, values indexed by number, for numbers written without leading zeros (what {@link Mapping} creates:
   * {@code NAME_1}, {@code NAME_2}, ...): a lookup is one array load, no hash and no probe, and a tag's values lie
   * side by side in number order. Replaced whole (outer array) when a tag's array grows; its slots go from empty to
   * filled with release/acquire like the keys'. Other keys go to {@link #entries}.
   */
  private volatile @Nullable String[][] dense = new String[MIN_CAPACITY][];
  /** Per tag id, how many of its entries are in {@link #dense}; written under the callers' serialization. */
  private int[] denseCounts = new int[MIN_CAPACITY];
  private volatile Entries entries;
  private int tagCount;
  private int size;
  /** Entries in {@link #entries} (the others are in {@link #dense}). */
  private int hashed;

  /** An empty table. */
  public PlaceholderTable() {
    this(0);
  }

  /**
   * An empty table for about {@code expected} entries. Numbers without leading zeros go to per-tag arrays that grow
   * as the numbers do; the hash table for the other keys starts small.
   */
  public PlaceholderTable(int expected) {
    entries = newEntries(capacityFor(Math.min(expected, MIN_CAPACITY)));
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
    placeholderToValue.forEach(table::putPlaceholder);
    return table;
  }

  /**
   * Adds a placeholder as callers write it, read the way {@link Placeholders#canonical} reads it but straight from
   * the string (no key string is built: 100k entries take milliseconds); not a placeholder or an empty value: nothing.
   */
  private void putPlaceholder(String placeholder, String value) {
    if (value.isEmpty()) {
      return;
    }
    int start = 0;
    int end = placeholder.length();
    while (start < end && Character.isWhitespace(placeholder.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(placeholder.charAt(end - 1))) {
      end--;
    }
    if (end - start >= 2) {
      char open = placeholder.charAt(start);
      char close = placeholder.charAt(end - 1);
      if (open == '[' && close == ']' || open == '<' && close == '>') {
        start++;
        end--;
      }
    }
    int sep = end - 1;
    while (sep >= start && isDigit(placeholder.charAt(sep))) {
      sep--;
    }
    int digits = end - sep - 1;
    if (sep <= start || digits < 1 || digits > Placeholders.MAX_DIGITS || sep - start > Placeholders.MAX_TAG
        || placeholder.charAt(sep) != '_' && placeholder.charAt(sep) != ' '
        || !isAsciiLetter(placeholder.charAt(start))) {
      return;
    }
    for (int i = start + 1; i < sep; i++) {
      char c = placeholder.charAt(i);
      if (c != '_' && !isAsciiLetter(c)) {
        return;
      }
    }
    put(placeholder, start, sep, end, value);
  }

  /**
   * Adds {@code canonical -> value} unless the key is bound; callers serialize writes. A key that is not
   * {@code TAG_DIGITS} (tag of ASCII letters and underscores, 1 to 9 digits) is not added.
   *
   * @return whether it was added
   */
  public boolean putIfAbsent(String canonical, String value) {
    int sep = canonical.lastIndexOf('_');
    return isCanonical(canonical, sep) && put(canonical, 0, sep, canonical.length(), value);
  }

  /** Adds the key {@code text[start, end)} (as {@link #value} reads it) unless it is bound. */
  private boolean put(String text, int start, int sep, int end, String value) {
    Tag tag = tag(text, start, sep);
    if (tag == null) {
      tag = addTag(text.substring(start, sep).toUpperCase(Locale.ROOT));
    }
    long key = key(tag.id, text, sep, end);
    int number = denseNumber(text, sep, end, key);
    if (number >= 0 && denseValue(tag.id, number) != null) {
      return false;
    }
    Entries e = entries;
    if (find(e, key) >= 0) {
      return false;
    }
    if (number >= 0 && putDense(tag.id, number, value)) {
      size++;
      return true;
    }
    if (2 * (hashed + 1) > e.keys.length) {
      e = grow(e);
    }
    insert(e, key, value);
    hashed++;
    size++;
    return true;
  }

  /** The value of a canonical key, or {@code null}. */
  public @Nullable String get(String canonical) {
    int sep = canonical.lastIndexOf('_');
    return isCanonical(canonical, sep) ? value(canonical, 0, sep, canonical.length()) : null;
  }

  @Override
  public @Nullable String value(String text, int start, int sep, int end) {
    int digits = end - sep - 1;
    if (digits < 1 || digits > Placeholders.MAX_DIGITS) {
      return null;
    }
    Tag tag = tag(text, start, sep);
    if (tag == null) {
      return null;
    }
    long key = key(tag.id, text, sep, end);
    int number = denseNumber(text, sep, end, key);
    if (number >= 0) {
      String value = denseValue(tag.id, number);
      if (value != null) {
        return value;
      }
    }
    Entries e = entries; // one volatile read: a consistent generation for this lookup
    int i = find(e, key);
    return i < 0 ? null : e.values[i];
  }

  /** The number of a packed key if its digits {@code text[sep+1, end)} have no leading zero, else -1. */
  private static int denseNumber(String text, int sep, int end, long key) {
    return end - sep > 2 && text.charAt(sep + 1) == '0' ? -1 : (int) (key & ((1L << COUNT_SHIFT) - 1));
  }

  private @Nullable String denseValue(int tagId, int number) {
    @Nullable String[][] all = dense;
    if (tagId >= all.length) {
      return null;
    }
    @Nullable String[] values = all[tagId];
    return values == null || number >= values.length ? null : (String) VALUES.getAcquire(values, number);
  }

  /** Puts a value in the tag's dense array, growing it if the number is within bounds; false if it is not. */
  private boolean putDense(int tagId, int number, String value) {
    @Nullable String[][] all = dense;
    @Nullable String[] values = tagId < all.length ? all[tagId] : null;
    if (values == null || number >= values.length) {
      int count = tagId < denseCounts.length ? denseCounts[tagId] : 0;
      if (number > 2 * (count + 1) + DENSE_SLACK) {
        return false; // far beyond the tag's other numbers: a caller's sparse number, kept in the hash table
      }
      int length = Integer.highestOneBit(Math.max(number, 2 * count + DENSE_SLACK)) << 1;
      @Nullable String[] grown = values == null ? new String[length] : Arrays.copyOf(values, length);
      @Nullable String[][] next = Arrays.copyOf(all, Math.max(all.length, Integer.highestOneBit(tagId) << 1));
      next[tagId] = grown;
      if (tagId >= denseCounts.length) {
        denseCounts = Arrays.copyOf(denseCounts, next.length);
      }
      grown[number] = value; // published whole with the outer array
      dense = next;
    } else {
      VALUES.setRelease(values, number, value);
    }
    denseCounts[tagId]++;
    return true;
  }

  /** Number of entries. */
  public int size() {
    return size;
  }

  /** The slot of {@code key}, or -1. */
  private static int find(Entries e, long key) {
    long[] keys = e.keys;
    int mask = keys.length - 1;
    for (int i = slot(key, e.shift); ; i = (i + 1) & mask) {
      long k = (long) KEYS.getAcquire(keys, i); // the value written before it is visible too
      if (k == key) {
        return i;
      }
      if (k == 0) {
        return -1;
      }
    }
  }

  private static void insert(Entries e, long key, String value) {
    long[] keys = e.keys;
    int mask = keys.length - 1;
    int i = slot(key, e.shift);
    while (keys[i] != 0) {
      i = (i + 1) & mask;
    }
    e.values[i] = value;
    KEYS.setRelease(keys, i, key); // publishes the value with the key
  }

  private Entries grow(Entries old) {
    Entries bigger = newEntries(old.keys.length * 2);
    for (int i = 0; i < old.keys.length; i++) {
      if (old.keys[i] != 0) {
        insert(bigger, old.keys[i], old.values[i]);
      }
    }
    entries = bigger; // published filled: readers switch from one complete generation to the other
    return bigger;
  }

  private static Entries newEntries(int capacity) {
    return new Entries(new long[capacity], new String[capacity], 64 - Integer.numberOfTrailingZeros(capacity));
  }

  private static int slot(long key, int shift) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
  }

  private static int capacityFor(int expected) {
    int needed = Math.max(MIN_CAPACITY, 2 * expected);
    return needed >= 1 << 30 ? 1 << 30 : Integer.highestOneBit(needed - 1) << 1;
  }

  /** Tag id, digit count and number of {@code text[sep+1, end)} (1 to 9 digits), packed; never 0. */
  private static long key(int tagId, String text, int sep, int end) {
    int number = 0;
    for (int i = sep + 1; i < end; i++) {
      number = number * 10 + (text.charAt(i) - '0');
    }
    return (long) tagId << TAG_SHIFT | (long) (end - sep - 1) << COUNT_SHIFT | number;
  }

  /** The tag {@code text[start, sep)} names (ASCII case ignored), or {@code null}. */
  private @Nullable Tag tag(String text, int start, int sep) {
    int len = sep - start;
    if (len <= 0) {
      return null;
    }
    int hash = tagHash(len, text.charAt(start), text.charAt(start + len / 2), text.charAt(sep - 1));
    @Nullable Tag[] table = tags;
    int mask = table.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      Tag t = table[i];
      if (t == null) {
        return null;
      }
      // Models mostly echo tags as written (upper case): try the exact byte comparison first.
      if (t.hash == hash && t.name.length() == len
          && (text.startsWith(t.name, start) || text.regionMatches(true, start, t.name, 0, len))) {
        return t;
      }
    }
  }

  private Tag addTag(String name) {
    int len = name.length();
    Tag tag = new Tag(name, tagHash(len, name.charAt(0), name.charAt(len / 2), name.charAt(len - 1)), ++tagCount);
    @Nullable Tag[] table = tags;
    if (2 * tagCount > table.length) {
      @Nullable Tag[] bigger = new Tag[table.length * 2];
      for (Tag t : table) {
        if (t != null) {
          insertTag(bigger, t);
        }
      }
      insertTag(bigger, tag);
      tags = bigger;
    } else {
      insertTag(table, tag); // a Tag is immutable: readers see it whole or not at all
    }
    return tag;
  }

  private static void insertTag(@Nullable Tag[] table, Tag tag) {
    int mask = table.length - 1;
    int i = tag.hash & mask;
    while (table[i] != null) {
      i = (i + 1) & mask;
    }
    table[i] = tag;
  }

  /** A hash of a tag from its length and three of its chars, ASCII case folded. */
  static int tagHash(int len, char first, char middle, char last) {
    int h = ((len * 31 + upper(first)) * 31 + upper(middle)) * 31 + upper(last);
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private static boolean isAsciiLetter(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static char upper(char c) {
    return c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
  }

  /** Whether {@code key} is {@code TAG_DIGITS} with the tag upper-case ASCII letters and underscores. */
  private static boolean isCanonical(String key, int sep) {
    int digits = key.length() - sep - 1;
    if (sep <= 0 || digits < 1 || digits > Placeholders.MAX_DIGITS) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean ok = i < sep ? c >= 'A' && c <= 'Z' || c == '_' : i == sep || c >= '0' && c <= '9';
      if (!ok) {
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
