package dev.confidant.pii.internal.recognize;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Rule}'s pattern needs before it can match, checked without the regex: how many ASCII digits the
 * text must hold, characters or literals it must contain, which characters a match can start with, which may not
 * come right before a match, and optionally a finer look at the start position. Each must be a <em>necessary</em>
 * condition, implied by the pattern (its leading lookbehind and first character class, its fixed digit count, its
 * mandatory literals): a rule then tries its pattern only at the few positions that pass, and finds exactly what a
 * scan of every position finds. Immutable and thread-safe.
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
  static final Prefilter NONE = new Prefilter(null, new boolean[128], 0, (char) 0, List.of(), null);

  /** A finer necessary condition on a start position that already passed the character tests. */
  @FunctionalInterface
  interface At {
    /** Whether a match can start at {@code p} (in bounds) of {@code text}. */
    boolean test(String text, int p);
  }

  /** Characters a match may start with, indexed by char; {@code null}: any. */
  private final boolean @Nullable [] first;
  /** ASCII characters that may not stand right before a match. */
  private final boolean[] notAfter;
  private final int minDigits;
  private final char required;
  /** The text must contain one of these (none: no condition). */
  private final List<String> anyOf;
  private final @Nullable At at;
  private final boolean afterNonWord;

  private Prefilter(boolean @Nullable [] first, boolean[] notAfter, int minDigits, char required,
      List<String> anyOf, @Nullable At at) {
    this.first = first;
    this.notAfter = notAfter;
    this.minDigits = minDigits;
    this.required = required;
    this.anyOf = List.copyOf(anyOf);
    this.at = at;
    boolean all = true;
    for (int i = 0; i < WORD.length(); i++) {
      all &= notAfter[WORD.charAt(i)];
    }
    this.afterNonWord = all;
  }

  /**
   * A prefilter.
   *
   * @param first every character a match can start with (list them all, both cases under {@code (?i)})
   * @param notAfter ASCII characters the pattern's leading lookbehind rejects before a match (a subset is fine)
   * @param minDigits the fewest ASCII digits ({@code \d}) any match contains
   */
  static Prefilter of(String first, String notAfter, int minDigits) {
    boolean[] firsts = new boolean[first.chars().max().orElse(0) + 1];
    first.chars().forEach(c -> firsts[c] = true);
    boolean[] after = new boolean[128];
    notAfter.chars().forEach(c -> {
      if (c >= 128) {
        throw new IllegalArgumentException("not-after characters must be ASCII");
      }
      after[c] = true;
    });
    return new Prefilter(firsts, after, minDigits, (char) 0, List.of(), null);
  }

  /** This prefilter, also requiring that the text contains {@code c} (ASCII) somewhere. */
  Prefilter requiring(char c) {
    if (c == 0 || c >= 128) {
      throw new IllegalArgumentException("required character must be ASCII");
    }
    return new Prefilter(first, notAfter, minDigits, c, anyOf, at);
  }

  /** This prefilter, also requiring that the text contains one of {@code literals} (case-sensitive). */
  Prefilter requiringAnyOf(String... literals) {
    return new Prefilter(first, notAfter, minDigits, required, List.of(literals), at);
  }

  /** This prefilter, also requiring {@code test} at a start position. */
  Prefilter at(At test) {
    return new Prefilter(first, notAfter, minDigits, required, anyOf, test);
  }

  /** Whether the text can hold a match at all. */
  boolean admits(Scan scan) {
    if (scan.digits() < minDigits || required != 0 && !scan.contains(required)) {
      return false;
    }
    if (anyOf.isEmpty()) {
      return true;
    }
    for (String literal : anyOf) {
      if (scan.text().contains(literal)) {
        return true;
      }
    }
    return false;
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
    if (p > 0) {
      char before = text.charAt(p - 1);
      if (before < 128 && notAfter[before]) {
        return false;
      }
    }
    return at == null || at.test(text, p);
  }

  /** How many ASCII word characters ({@code \w}) run from {@code p}. */
  static int wordRun(String text, int p) {
    int i = p;
    while (i < text.length() && isWord(text.charAt(i))) {
      i++;
    }
    return i - p;
  }

  /** A start test: the ASCII digits running from the start number one of {@code lengths}. */
  static At digitRunOf(int... lengths) {
    int[] ns = lengths.clone();
    return (text, p) -> {
      int run = digitRun(text, p);
      for (int n : ns) {
        if (run == n) {
          return true;
        }
      }
      return false;
    };
  }

  /** How many ASCII digits run from {@code p}. */
  static int digitRun(String text, int p) {
    int i = p;
    while (i < text.length() && isDigit(text.charAt(i))) {
      i++;
    }
    return i - p;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  static boolean isWord(char c) {
    return isLetter(c) || isDigit(c) || c == '_';
  }

  /** Whether {@code text} has {@code c} at {@code i} ({@code false} past the end). */
  static boolean charAt(String text, int i, char c) {
    return i < text.length() && text.charAt(i) == c;
  }

  /** Whether {@code text} has an ASCII digit at {@code i} ({@code false} past the end). */
  static boolean digitAt(String text, int i) {
    return i < text.length() && isDigit(text.charAt(i));
  }
}
