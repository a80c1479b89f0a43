package dev.confidant.pii.internal.mapping;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PlaceholderStyle;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One conversation's placeholders: placeholder to value and normalised value to placeholder, so each distinct
 * value (ignoring case and whitespace) gets one placeholder, numbered with the lowest free number of its tag.
 * Seeded from the caller's mapping and the vault. Thread-safe (synchronized; a tool loop may restore arguments
 * on another thread). {@link #toString()} shows the size only.
 */
public final class Mapping {
  private final PlaceholderStyle style;
  private final Map<String, String> placeholderToValue = new LinkedHashMap<>();
  /** Canonical key to value; read without the lock (detokenizers), written under it. */
  private final PlaceholderTable canonicalToValue = new PlaceholderTable();
  private final Map<String, String> normalizedToPlaceholder = new HashMap<>();
  private final Map<String, BitSet> usedNumbers = new HashMap<>();
  /** First word of each normalised value to the values starting with it, for re-matching in new text. */
  private final Map<String, List<String>> byFirstWord = new HashMap<>();
  private final Map<String, String> added = new LinkedHashMap<>();

  public Mapping(PlaceholderStyle style) {
    this.style = style;
  }

  /**
   * Adds existing entries (caller mapping, vault). An entry whose placeholder is already bound is ignored:
   * earlier sources win.
   */
  public synchronized void seed(Map<String, String> entries) {
    entries.forEach((placeholder, value) -> {
      if (!placeholderToValue.containsKey(placeholder) && !value.isEmpty()) {
        bind(placeholder, value);
      }
    });
  }

  /** The placeholder of a value, creating one with the lowest free number of the type's tag. */
  public synchronized String placeholderFor(EntityType type, String value) {
    String key = normalize(value);
    String existing = normalizedToPlaceholder.get(key);
    if (existing != null) {
      return existing;
    }
    BitSet used = usedNumbers.computeIfAbsent(type.tag(), t -> new BitSet());
    int n = used.nextClearBit(1);
    String placeholder = style.format(type.tag(), n);
    while (placeholderToValue.containsKey(placeholder)) {
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
    return canonicalToValue.get(canonical);
  }

  /**
   * The placeholder lookup of this mapping for detokenizers: lock-free and allocation-free, and it sees entries
   * added later (a tool loop may add placeholders while a reply is being restored on another thread).
   */
  public PlaceholderLookup lookup() {
    return canonicalToValue;
  }

  /** The placeholder of a normalised value, or {@code null}. */
  public synchronized @Nullable String placeholderOfNormalized(String normalized) {
    return normalizedToPlaceholder.get(normalized);
  }

  /** Normalised values whose first word is {@code word} (lower case). */
  public synchronized List<String> valuesStartingWith(String word) {
    List<String> l = byFirstWord.get(word);
    return l == null ? List.of() : List.copyOf(l);
  }

  /** Whether no value has a word index (nothing to re-match). */
  public synchronized boolean isEmpty() {
    return placeholderToValue.isEmpty();
  }

  /** A snapshot: placeholder to value, in binding order. */
  public synchronized Map<String, String> asMap() {
    return new LinkedHashMap<>(placeholderToValue);
  }

  /** The same snapshot, immutable (one copy; what a detect result returns). */
  public synchronized FrozenMap frozen() {
    return FrozenMap.owning(new LinkedHashMap<>(placeholderToValue));
  }

  /** A snapshot of the entries created since this mapping was made (not seeded ones). */
  public synchronized Map<String, String> added() {
    return new LinkedHashMap<>(added);
  }

  public synchronized int size() {
    return placeholderToValue.size();
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

  private void bind(String placeholder, String value) {
    placeholderToValue.put(placeholder, value);
    String canonical = Placeholders.canonical(placeholder);
    if (canonical != null) {
      canonicalToValue.putIfAbsent(canonical, value);
      int n = Placeholders.numberOf(canonical);
      if (n > 0) {
        usedNumbers.computeIfAbsent(Placeholders.tagOf(canonical), t -> new BitSet()).set(n);
      }
    }
    String key = normalize(value);
    if (normalizedToPlaceholder.putIfAbsent(key, placeholder) == null) {
      String word = firstWord(key);
      if (!word.isEmpty()) {
        byFirstWord.computeIfAbsent(word, w -> new ArrayList<>(1)).add(key);
      }
    }
  }

  @Override
  public String toString() {
    return "Mapping[" + size() + " entries]";
  }
}
