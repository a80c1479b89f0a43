package dev.confidant.pii.internal.address;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postcode shapes of the EU/EEA, the UK, Switzerland, the US and Canada: 3–6 digits (4 in AT, BE, CH, DK, HU, NO; 5 in
 * DE, FR, IT, ES, FI; 6 in RO), with an inner space ("114 55" SE, "602 00" CZ, "104 31" GR; "86 685" as Slovak codes
 * are also written, inside an address block only and not before more digit groups), Dutch "1012 AB", Polish
 * "00-950", Portuguese "1000-001", US ZIP+4, country-prefixed ("D-80331", "CH-8001", "LV-1050"), UK, Irish Eircode,
 * Maltese and Canadian codes, Dublin postal districts ("D22", "D6W", inside an address block only). Pure;
 * thread-safe.
 */
final class Postcodes {
  private Postcodes() {}

  private static final Pattern SHAPE = Pattern.compile(
      "\\d{4}-\\d{3}(?![\\p{L}\\d])"
          + "|\\d{2}-\\d{3}(?![\\p{L}\\d])"
          + "|\\d{5}-\\d{4}(?![\\p{L}\\d])"
          + "|(?:[A-Z]{1,2}-)?\\d{4,5}(?: [A-Z]{2}(?![\\p{L}]))?(?![\\p{L}\\d-])"
          + "|\\d{3} \\d{2}(?![\\p{L}\\d]| \\d)"
          + "|\\d{2} \\d{3}(?![\\p{L}\\d]| \\d)"
          + "|\\d{3}(?![\\p{L}\\d]| \\d)"
          + "|\\d{6}(?![\\p{L}\\d])"
          + "|(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\\d[A-Z\\d]? ?\\d[ABD-HJLNP-UW-Z]{2})(?![\\p{L}\\d])"
          + "|[A-Z]\\d[A-Z] ?\\d[A-Z]\\d(?![\\p{L}\\d])"
          + "|(?:[AC-FHKNPRTV-Y]\\d{2}|D6W) ?[AC-FHKNPRTV-Y0-9]{4}(?![\\p{L}\\d])"
          + "|D(?:6W|\\d{1,2})(?![\\p{L}\\d])"
          + "|[A-Z]{3} ?\\d{4}(?![\\p{L}\\d])");

  /**
   * The end of a postcode starting at token {@code t}, as a token index (exclusive), or -1. With {@code strict}, a
   * bare number must have 4 or 5 digits and a letter-first code must be British (Iceland's 3-digit, Romania's 6-digit
   * and Malta's codes only inside an address block).
   */
  static int at(Tokens tk, int t, boolean strict) {
    if (t >= tk.size || tk.kind[t] == Tokens.NL || tk.kind[t] == Tokens.PUNCT) {
      return -1;
    }
    String text = tk.text;
    int p = tk.start[t];
    if (p > 0 && (Character.isLetterOrDigit(text.charAt(p - 1)))) {
      return -1;
    }
    // Inside an address block of a lower-case text, a British code may be in lower case too: "hq1 0at".
    boolean lower = !strict && tk.kind[t] == Tokens.WORD && Character.isLowerCase(text.charAt(p)) && tk.end[t] - p <= 2;
    if (tk.kind[t] == Tokens.WORD && !lower && !(Character.isUpperCase(text.charAt(p)) && tk.end[t] - p <= 4
        && (tk.end[t] - p <= 3 || tk.text(t).startsWith("GIR")))) {
      return -1; // letter-first codes start with one to three capitals: "SW1A", "D", "LV", "GIR"
    }
    int regionEnd = Math.min(text.length(), p + 12);
    String upper = lower ? text.substring(p, regionEnd).toUpperCase(Locale.ROOT) : null;
    if (upper != null && upper.length() != regionEnd - p) {
      return -1;
    }
    Matcher m = upper != null ? SHAPE.matcher(upper) : SHAPE.matcher(text).region(p, regionEnd);
    m.useTransparentBounds(true);
    if (!m.lookingAt()) {
      return -1;
    }
    String code = m.group();
    if (lower && !LOWER.matcher(code).matches()) {
      return -1;
    }
    boolean digitsOnly = code.chars().allMatch(Character::isDigit);
    if (digitsOnly && (code.length() < 3 || strict && (code.length() == 3 || code.length() == 6))) {
      return -1;
    }
    if (strict && code.length() == 6 && code.charAt(2) == ' ') {
      return -1; // "86 685", as Slovak codes are also written, only inside an address block
    }
    if (code.chars().noneMatch(Character::isDigit)) {
      return -1;
    }
    if (strict && Character.isLetter(code.charAt(0)) && code.indexOf('-') < 0 && !UK.matcher(code).matches()) {
      // Letter-first shapes other than the UK's ("TSV 1860", "CAS 1045") only inside an address block.
      return -1;
    }
    int end = upper != null ? p + m.end() : m.end();
    if (!strict && code.length() == 4 && digitsOnly) {
      end = dutchLetters(text, end); // "7503 me", "6754 sl" in a lower-case text
    }
    int e = t;
    while (e < tk.size && tk.start[e] < end) {
      e++;
    }
    // The match must end on a token boundary: "12345abc" is no postcode.
    return tk.end[e - 1] == end || tk.end[e - 1] == end + 1 && text.charAt(end) == '.' ? e : -1;
  }

  /** Two letters that are no Dutch postcode's ("am", "pm") or a common short word after a number. */
  private static final java.util.Set<String> NOT_DUTCH_LETTERS = java.util.Set.of("am", "pm", "to", "in", "on", "at",
      "of", "is", "or", "an", "as", "by", "if", "it", "so", "up", "we", "he", "do", "no", "be", "en", "et", "de", "la",
      "le", "el", "il", "un", "km", "kg", "cm", "mm", "ml", "mb", "gb", "kb", "hz", "kw", "mw", "ad", "bc");

  /**
   * After four digits ending at {@code end}, a space and two lower-case letters that end the word, in a text without a
   * capital in the 40 chars before: the end of those letters (a Dutch postcode written in lower case), else
   * {@code end}.
   */
  private static int dutchLetters(String text, int end) {
    if (end + 3 > text.length() || text.charAt(end) != ' ' || !Character.isLowerCase(text.charAt(end + 1))
        || !Character.isLowerCase(text.charAt(end + 2))
        || end + 3 < text.length() && Character.isLetterOrDigit(text.charAt(end + 3))
        || NOT_DUTCH_LETTERS.contains(text.substring(end + 1, end + 3))) {
      return end;
    }
    for (int i = Math.max(0, end - 40); i < end; i++) {
      if (Character.isUpperCase(text.charAt(i))) {
        return end;
      }
    }
    return end + 3;
  }

  private static final Pattern UK = Pattern.compile("GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\\d[A-Z\\d]? ?\\d[ABD-HJLNP-UW-Z]{2}");
  /**
   * The letter-first codes that a lower-case text may write in lower case inside an address block: British, Irish
   * (Eircodes and Dublin districts: "d6w hndd", "dublin d16"), Canadian ("l3p 6p0", "e8l1v7") and country-prefixed
   * ones ("lv-6663", "ch-8001").
   */
  private static final Pattern LOWER = Pattern.compile(UK.pattern()
      + "|(?:[AC-FHKNPRTV-Y]\\d{2}|D6W) ?[AC-FHKNPRTV-Y0-9]{4}|D(?:6W|\\d{1,2})|[A-Z]\\d[A-Z] ?\\d[A-Z]\\d"
      + "|[A-Z]{1,2}-\\d{4,5}");

  /** Whether a number looks like a recent year (1900–2099): "2008 Senior Bowl" has no house number. */
  static boolean yearLike(String number) {
    return number.length() == 4 && (number.startsWith("19") || number.startsWith("20"));
  }

  /** Whether a number may be any year (1000–2099): "Norfolk 1672", "2008 Myanmar" have no postcode. */
  static boolean mayBeYear(String number) {
    return number.length() == 4 && (number.charAt(0) == '1' || number.startsWith("20"));
  }
}
