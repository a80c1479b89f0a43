package dev.confidant.pii.internal.mapping;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PlaceholderStyle;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One conversation's placeholders: placeholder to value and normalised value to placeholder, so each distinct
 * value (ignoring case and whitespace) gets one placeholder, numbered with the lowest free number of its tag.
 * Seeded from the caller's mapping and the vault. Thread-safe (synchronized; a tool loop may restore arguments
 * on another thread; {@link #lookup()} and {@link #valueOfCanonical} take no lock). {@link #toString()} shows
 * the size only.
 *
 * <p>A large mapping that many calls start from (a caller's 100k-entry mapping) is seeded once and
 * {@link #freeze() frozen}; each call then works on a mapping {@link #over(Mapping) over} it, which reads the
 * frozen one without a lock or a copy and keeps only what the call adds. The result is the same as seeding a
 * fresh mapping from the same entries.
 */
public final class Mapping {
  private final PlaceholderStyle style;
  /** Entries seeded earlier, never changed again (frozen), read without its lock; or {@code null}. */
  private final @Nullable Mapping base;
  private final Map<String, String> placeholderToValue = new LinkedHashMap<>();
  /** Canonical key to value; read without the lock (detokenizers), written under it. */
  private final PlaceholderTable canonicalToValue = new PlaceholderTable();
  private final Map<String, String> normalizedToPlaceholder = new HashMap<>();
  /** Per tag, numbers taken (here or in the base: a tag's set is copied from the base on first change). */
  private final Map<String, BitSet> usedNumbers = new HashMap<>();
  /** First word of each normalised value to the values starting with it, for re-matching in new text. */
  private final Map<String, List<String>> byFirstWord = new HashMap<>();
  /**
   * Hashes of the first words in {@link #byFirstWord} that are ASCII, as an open-addressing set (0 = empty slot)
   * replaced whole when it changes: re-matching asks it, without the lock, whether a word of the text can start a
   * value at all. Written under the lock.
   */
  private volatile int[] asciiFirstWords = new int[8];
  private int asciiFirstWordCount;
  /** See {@link #rematchState()}; written under the lock. */
  private RematchState rematchState = RematchState.EMPTY;
  /** This mapping's own normalised values in binding order, and the state after each (base values not included). */
  private final List<String> ownValues = new ArrayList<>();
  private final List<RematchState> ownStates = new ArrayList<>();
  private final Map<String, String> added = new LinkedHashMap<>();
  /** The last {@link #valuesSince} answer: asked from {@code sinceFrom} at {@code sinceAt}. Under the lock. */
  private @Nullable RematchState sinceFrom;
  private @Nullable RematchState sinceAt;
  private @Nullable List<String> sinceValues;
  /** Set once by {@link #freeze()}; then this mapping is immutable. */
  private @Nullable FrozenMap frozenView;

  public Mapping(PlaceholderStyle style) {
    this(style, null);
  }

  private Mapping(PlaceholderStyle style, @Nullable Mapping base) {
    this.style = style;
    this.base = base;
    if (base != null) {
      synchronized (base) {
        rematchState = base.rematchState;
      }
    }
  }

  /** The placeholder style of the placeholders this mapping creates. */
  PlaceholderStyle style() {
    return style;
  }

  /**
   * A mapping that starts with a frozen mapping's entries without copying them: what it adds stays its own.
   *
   * @throws IllegalArgumentException if {@code base} is not frozen
   */
  public static Mapping over(Mapping base) {
    synchronized (base) {
      if (base.frozenView == null) {
        throw new IllegalArgumentException("the base mapping must be frozen");
      }
    }
    return new Mapping(base.style, base);
  }

  /**
   * Makes this mapping immutable so that mappings {@link #over} it can read it without its lock: seeding or
   * adding to it afterwards throws {@link IllegalStateException}. Only for a mapping without a base.
   *
   * @return this mapping
   */
  public synchronized Mapping freeze() {
    if (base != null) {
      throw new IllegalStateException("a mapping over another cannot be frozen");
    }
    if (frozenView == null) {
      frozenView = FrozenMap.owning((LinkedHashMap<String, String>) placeholderToValue);
    }
    return this;
  }

  /**
   * Adds existing entries (caller mapping, vault). An entry whose placeholder is already bound is ignored:
   * earlier sources win.
   */
  public synchronized void seed(Map<String, String> entries) {
    checkMutable();
    entries.forEach((placeholder, value) -> {
      if (!bound(placeholder) && !value.isEmpty()) {
        bind(placeholder, value);
      }
    });
  }

  /** The placeholder of a value, creating one with the lowest free number of the type's tag. */
  public synchronized String placeholderFor(EntityType type, String value) {
    String key = normalize(value);
    String existing = placeholderOfNormalizedLocked(key);
    if (existing != null) {
      return existing;
    }
    checkMutable();
    BitSet used = usedNumbers(type.tag());
    int n = used.nextClearBit(1);
    String placeholder = style.format(type.tag(), n);
    while (bound(placeholder)) {
      // A caller may have used our format with a number we did not parse (e.g. a huge one): skip it.
      used.set(n);
      n = used.nextClearBit(n + 1);
      placeholder = style.format(type.tag(), n);
    }
    bind(placeholder, value);
    added.put(placeholder, value);
    return placeholder;
  }

  /** The value of a canonical key ({@code NAME_1}), or {@code null} if unknown. O(1) whatever the size; no lock. */
  public @Nullable String valueOfCanonical(String canonical) {
    String value = base == null ? null : base.canonicalToValue.get(canonical);
    return value != null ? value : canonicalToValue.get(canonical);
  }

  /**
   * The placeholder lookup of this mapping for detokenizers: lock-free and allocation-free, and it sees entries
   * added later (a tool loop may add placeholders while a reply is being restored on another thread).
   */
  public PlaceholderLookup lookup() {
    if (base == null) {
      return canonicalToValue;
    }
    PlaceholderTable first = base.canonicalToValue;
    PlaceholderTable second = canonicalToValue;
    return (text, start, sep, end) -> {
      String value = first.value(text, start, sep, end);
      return value != null ? value : second.value(text, start, sep, end);
    };
  }

  /** The placeholder of a normalised value, or {@code null}. */
  public synchronized @Nullable String placeholderOfNormalized(String normalized) {
    return placeholderOfNormalizedLocked(normalized);
  }

  /** Normalised values whose first word is {@code word} (lower case). */
  public synchronized List<String> valuesStartingWith(String word) {
    List<String> own = byFirstWord.get(word);
    List<String> inBase = base == null ? null : base.byFirstWord.get(word);
    if (inBase == null) {
      return own == null ? List.of() : List.copyOf(own);
    }
    if (own == null) {
      return List.copyOf(inBase);
    }
    List<String> both = new ArrayList<>(inBase.size() + own.size());
    both.addAll(inBase);
    both.addAll(own);
    return both;
  }

  /**
   * Normalised values whose first word is {@code text[start, end)} in lower case: what
   * {@code valuesStartingWith(text.substring(start, end).toLowerCase(Locale.ROOT))} returns, but an ASCII word
   * that starts no value (nearly every word of a text) is answered without the lock and without allocating.
   */
  public List<String> valuesStartingWith(String text, int start, int end) {
    long hash = asciiWordHash(text, start, end);
    if (hash != NOT_ASCII && !contains(asciiFirstWords, (int) hash)
        && (base == null || !contains(base.asciiFirstWords, (int) hash))) {
      return List.of();
    }
    return valuesStartingWith(text.substring(start, end).toLowerCase(Locale.ROOT));
  }

  /** What {@link #asciiWordHash} returns for a word with a char outside ASCII. */
  public static final long NOT_ASCII = Long.MIN_VALUE;

  /**
   * The {@link String#hashCode()} of {@code text[start, end)} in lower case if it is all ASCII, else
   * {@link #NOT_ASCII}; no allocation.
   */
  public static long asciiWordHash(String text, int start, int end) {
    int hash = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c >= 128) {
        return NOT_ASCII;
      }
      hash = 31 * hash + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    return hash;
  }

  /**
   * What re-matching a text against this mapping depends on, as a digest: the normalised values in the order they
   * were bound, each with its placeholder. Two mappings with equal states re-match every text alike, so a cached
   * re-match result stays valid while the state does (the digest is salted per process and holds no value).
   */
  public synchronized RematchState rematchState() {
    return rematchState;
  }

  /**
   * Normalised values bound after an earlier state of this mapping, in binding order: what re-matching must
   * look for in a text that was last matched at {@code earlier}, or {@code null} if this mapping never had that
   * state (it holds other values, or the same ones in another order), so the text must be matched anew.
   */
  public synchronized @Nullable List<String> valuesSince(RematchState earlier) {
    if (sinceAt == rematchState && earlier.equals(sinceFrom)) {
      return sinceValues; // the history's texts of a turn were mostly last matched at the same state: asked alike
    }
    List<String> since = valuesSinceLocked(earlier);
    sinceFrom = earlier;
    sinceAt = rematchState;
    sinceValues = since;
    return since;
  }

  private @Nullable List<String> valuesSinceLocked(RematchState earlier) {
    int from = earlier.values();
    int inBase = base == null ? 0 : base.rematchState.values();
    int total = rematchState.values();
    if (from > total) {
      return null;
    }
    RematchState then = from == 0 ? RematchState.EMPTY
        : from <= inBase ? base.stateAt(from) : ownStates.get(from - inBase - 1);
    if (!then.equals(earlier)) {
      return null;
    }
    if (from >= inBase) {
      return List.copyOf(ownValues.subList(from - inBase, ownValues.size()));
    }
    List<String> since = new ArrayList<>(base.ownValues.subList(from, inBase));
    since.addAll(ownValues);
    return List.copyOf(since); // handed out again by valuesSince: immutable
  }

  /** The state after the first {@code values} values of a mapping without a base (a frozen one), lock-free. */
  private RematchState stateAt(int values) {
    return ownStates.get(values - 1);
  }

  /**
   * A digest of a mapping's (normalised value, placeholder) pairs in binding order: 128 bits of a salted chain
   * hash and the number of values. Immutable.
   *
   * @param values how many normalised values the mapping holds
   * @param a first half of the digest
   * @param b second half of the digest
   */
  public record RematchState(int values, long a, long b) {
    /** The state of a mapping without values (and of no mapping). */
    public static final RematchState EMPTY = new RematchState(0, 0, 0);
    /** Per process: the digest of a value cannot be precomputed or compared across processes. */
    private static final long SALT = new java.security.SecureRandom().nextLong();

    RematchState plus(String normalized, String placeholder) {
      long h = hash64(normalized, SALT) ^ Long.rotateLeft(hash64(placeholder, ~SALT), 17);
      return new RematchState(values + 1, mix(a * 0x9E3779B97F4A7C15L + h),
          mix((b ^ Long.rotateLeft(h, 31)) * 0xC2B2AE3D27D4EB4FL + values));
    }

    private static long hash64(String s, long seed) {
      long h = seed ^ 0xCBF29CE484222325L;
      for (int i = 0; i < s.length(); i++) {
        h = (h ^ s.charAt(i)) * 0x100000001B3L;
      }
      return mix(h ^ s.length());
    }

    /** The finaliser of MurmurHash3's 64-bit mix. */
    private static long mix(long z) {
      z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
      z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
      return z ^ (z >>> 33);
    }

    @Override
    public String toString() {
      return "RematchState[" + values + " values]";
    }
  }

  /** Whether no value has a word index (nothing to re-match). */
  public synchronized boolean isEmpty() {
    return placeholderToValue.isEmpty() && (base == null || base.placeholderToValue.isEmpty());
  }

  /** A snapshot: placeholder to value, in binding order. */
  public synchronized Map<String, String> asMap() {
    Map<String, String> all = new LinkedHashMap<>();
    if (base != null) {
      all.putAll(base.placeholderToValue);
    }
    all.putAll(placeholderToValue);
    return all;
  }

  /**
   * The same snapshot, immutable (what a detect result returns): over a frozen mapping, its entries are shared
   * rather than copied, so only what this mapping added is copied.
   */
  public synchronized FrozenMap frozen() {
    if (frozenView != null) {
      return frozenView;
    }
    FrozenMap own = FrozenMap.owning(new LinkedHashMap<>(placeholderToValue));
    return base == null ? own : FrozenMap.concat(base.frozenView(), own);
  }

  /** A snapshot of the entries created since this mapping was made (not seeded ones). */
  public synchronized Map<String, String> added() {
    return new LinkedHashMap<>(added);
  }

  /** Whether this mapping created the placeholder (rather than being seeded with it or reading it from its base). */
  public synchronized boolean created(String placeholder) {
    return added.containsKey(placeholder);
  }

  public synchronized int size() {
    return placeholderToValue.size() + (base == null ? 0 : base.placeholderToValue.size());
  }

  /** Lower case, whitespace runs as one space, trimmed. */
  public static String normalize(String value) {
    StringBuilder b = new StringBuilder(value.length());
    boolean space = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c)) {
        space = b.length() > 0;
        continue;
      }
      if (space) {
        b.append(' ');
        space = false;
      }
      b.append(Character.toLowerCase(c));
    }
    return b.toString();
  }

  /** The lower-cased first word (letters and digits) of a normalised value, or "" if it starts otherwise. */
  public static String firstWord(String normalized) {
    int e = 0;
    while (e < normalized.length() && Character.isLetterOrDigit(normalized.charAt(e))) {
      e++;
    }
    return normalized.substring(0, e);
  }

  private FrozenMap frozenView() {
    FrozenMap view = frozenView;
    if (view == null) {
      throw new IllegalStateException("not frozen");
    }
    return view;
  }

  private void checkMutable() {
    if (frozenView != null) {
      throw new IllegalStateException("this mapping is frozen; add to a mapping over it");
    }
  }

  /** Whether a placeholder string is bound here or in the base (which is immutable: no lock needed). */
  private boolean bound(String placeholder) {
    return placeholderToValue.containsKey(placeholder)
        || base != null && base.placeholderToValue.containsKey(placeholder);
  }

  private @Nullable String placeholderOfNormalizedLocked(String normalized) {
    String inBase = base == null ? null : base.normalizedToPlaceholder.get(normalized);
    return inBase != null ? inBase : normalizedToPlaceholder.get(normalized);
  }

  private BitSet usedNumbers(String tag) {
    return usedNumbers.computeIfAbsent(tag, t -> {
      BitSet inBase = base == null ? null : base.usedNumbers.get(t);
      return inBase == null ? new BitSet() : (BitSet) inBase.clone();
    });
  }

  private void bind(String placeholder, String value) {
    placeholderToValue.put(placeholder, value);
    String canonical = Placeholders.canonical(placeholder);
    if (canonical != null) {
      if (base == null || base.canonicalToValue.get(canonical) == null) {
        canonicalToValue.putIfAbsent(canonical, value);
      }
      int n = Placeholders.numberOf(canonical);
      if (n > 0) {
        usedNumbers(Placeholders.tagOf(canonical)).set(n);
      }
    }
    String key = normalize(value);
    if (placeholderOfNormalizedLocked(key) == null) {
      normalizedToPlaceholder.put(key, placeholder);
      rematchState = rematchState.plus(key, placeholder);
      ownValues.add(key);
      ownStates.add(rematchState);
      String word = firstWord(key);
      if (!word.isEmpty()) {
        List<String> values = byFirstWord.computeIfAbsent(word, w -> new ArrayList<>(1));
        if (values.isEmpty() && isAscii(word)) {
          addAsciiFirstWord(word.hashCode());
        }
        values.add(key);
      }
    }
  }

  private static boolean isAscii(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (word.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }

  /** Adds a hash ({@link String#hashCode()} of the lower-case word) to {@link #asciiFirstWords}, under the lock. */
  private void addAsciiFirstWord(int hash) {
    int[] set = asciiFirstWords;
    if (contains(set, hash)) {
      return;
    }
    int[] next = 2 * (asciiFirstWordCount + 1) > set.length ? new int[set.length * 2] : set.clone();
    if (next.length != set.length) {
      for (int h : set) {
        if (h != 0) {
          insert(next, h);
        }
      }
    }
    insert(next, slotKey(hash));
    asciiFirstWordCount++;
    asciiFirstWords = next; // published whole: readers see the old set or the new one
  }

  private static boolean contains(int[] set, int hash) {
    int key = slotKey(hash);
    int mask = set.length - 1;
    for (int i = key & mask; ; i = (i + 1) & mask) {
      if (set[i] == key) {
        return true;
      }
      if (set[i] == 0) {
        return false;
      }
    }
  }

  private static void insert(int[] set, int key) {
    int mask = set.length - 1;
    int i = key & mask;
    while (set[i] != 0) {
      i = (i + 1) & mask;
    }
    set[i] = key;
  }

  /** A hash spread for the set, never 0 (the empty slot). */
  private static int slotKey(int hash) {
    int h = hash * 0x9E3779B9;
    h ^= h >>> 16;
    return h == 0 ? 1 : h;
  }

  @Override
  public String toString() {
    return "Mapping[" + size() + " entries]";
  }
}
