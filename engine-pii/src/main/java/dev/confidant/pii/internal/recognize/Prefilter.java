package dev.confidant.pii.internal.recognize;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link Rule}'s pattern needs before it can match, checked without the regex: how many ASCII digits the
 * text must hold, a character it must contain, which characters a match can start with, and which may not come
 * right before a match. Each must be a <em>necessary</em> condition, implied by the pattern (its leading
 * lookbehind and first character class, its fixed digit count): a rule then tries its pattern only at the few
 * positions that pass, and finds exactly what a scan of every position finds. Immutable and thread-safe.
 */
public final class Prefilter {
  /** ASCII letters and digits. */
  static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  /** What {@code \w} matches without {@code UNICODE_CHARACTER_CLASS}. */
  static final String WORD = ALNUM + "_";
  /** ASCII letters. */
  static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  /** ASCII digits. */
  static final String DIGITS = "0123456789";

  /** No condition: every position of every text is tried. */
  static final Prefilter NONE = new Prefilter(null, "", 0, (char) 0);

  /** Characters a match may start with, indexed by char; {@code null}: any. */
  private final boolean @Nullable [] first;
  /** ASCII characters that may not stand right before a match. */
  private final boolean[] notAfter = new boolean[128];
  private final int minDigits;
  private final char required;
  private final boolean afterNonWord;

  private Prefilter(@Nullable String first, String notAfter, int minDigits, char required) {
    if (first != null) {
      this.first = new boolean[first.chars().max().orElse(0) + 1];
      first.chars().forEach(c -> this.first[c] = true);
    } else {
      this.first = null;
    }
    notAfter.chars().forEach(c -> {
      if (c >= 128) {
        throw new IllegalArgumentException("not-after characters must be ASCII");
      }
      this.notAfter[c] = true;
    });
    this.minDigits = minDigits;
    this.required = required;
    this.afterNonWord = WORD.chars().allMatch(c -> this.notAfter[c]);
  }

  /**
   * A prefilter.
   *
   * @param first every character a match can start with (list them all, both cases under {@code (?i)})
   * @param notAfter ASCII characters the pattern's leading lookbehind rejects before a match (a subset is fine)
   * @param minDigits the fewest ASCII digits ({@code \d}) any match contains
   */
  static Prefilter of(String first, String notAfter, int minDigits) {
    return new Prefilter(first, notAfter, minDigits, (char) 0);
  }

  /** This prefilter, also requiring that the text contains {@code c} (ASCII) somewhere. */
  Prefilter requiring(char c) {
    if (c == 0 || c >= 128) {
      throw new IllegalArgumentException("required character must be ASCII");
    }
    StringBuilder firsts = null;
    if (first != null) {
      firsts = new StringBuilder();
      for (int i = 0; i < first.length; i++) {
        if (first[i]) {
          firsts.append((char) i);
        }
      }
    }
    StringBuilder after = new StringBuilder();
    for (int i = 0; i < 128; i++) {
      if (notAfter[i]) {
        after.append((char) i);
      }
    }
    return new Prefilter(firsts == null ? null : firsts.toString(), after.toString(), minDigits, c);
  }

  /** Whether the text can hold a match at all. */
  boolean admits(Scan scan) {
    return scan.digits() >= minDigits && (required == 0 || scan.contains(required));
  }

  /**
   * Whether a match can only start where the previous character is not an ASCII word character (or at 0): then
   * only {@link Scan#boundaries()} need trying.
   */
  boolean afterNonWord() {
    return afterNonWord;
  }

  /** Whether a match can start at {@code p}. */
  boolean canStart(String text, int p) {
    char c = text.charAt(p);
    if (first != null && (c >= first.length || !first[c])) {
      return false;
    }
    if (p == 0) {
      return true;
    }
    char before = text.charAt(p - 1);
    return before >= 128 || !notAfter[before];
  }
}
