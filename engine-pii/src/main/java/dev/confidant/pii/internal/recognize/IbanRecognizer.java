package dev.confidant.pii.internal.recognize;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IBANs in compact or grouped form, checked with ISO 13616 mod-97 and the country's length. The candidate
 * pattern may take a trailing word that is not part of the IBAN ("... 00 AB"), so the longest prefix ending at a
 * group boundary that passes the checks wins. Thread-safe.
 */
final class IbanRecognizer implements ScanRecognizer {
  private static final Pattern CANDIDATE_OPEN_END =
      Pattern.compile("(?i)(?<![\\w])[A-Z]{2}\\d{2}(?:[ -]?[A-Z0-9]{1,4}+){2,9}+");
  private static final Set<String> CUES = Set.of("iban", "account", "konto", "bank", "kontonummer", "überweisung");
  private static final Map<String, Integer> LENGTHS = lengths();

  @Override
  public String name() {
    return "iban";
  }

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.IBAN);
  }

  @Override
  public List<PiiEntity> recognize(Scan scan) {
    String text = scan.text();
    int first = scan.digits() < 2 ? -1 : firstCandidate(text);
    if (first < 0) {
      return List.of();
    }
    List<PiiEntity> out = new ArrayList<>();
    Matcher m = CANDIDATE_OPEN_END.matcher(text);
    // No match starts before the first two letters followed by two digits: find() from there finds the same.
    for (boolean found = m.find(first); found; found = m.find()) {
      int end = bestEnd(text, m.start(), m.end());
      if (end < 0) {
        continue;
      }
      String cue = scan.cue(m.start(), end, CUES);
      double score = cue == null ? 0.9 : 1.0;
      out.add(new PiiEntity(EntityType.IBAN, text.substring(m.start(), end), m.start(), end, score,
          "iban/mod97+length" + (cue == null ? "" : " cue=" + cue)));
      m.region(end, text.length());
    }
    return out;
  }

  /** The first position of two ASCII letters then two ASCII digits, where a candidate can start; or -1. */
  private static int firstCandidate(String text) {
    for (int i = 0; i + 4 <= text.length(); i++) {
      if (isAsciiLetter(text.charAt(i)) && isAsciiLetter(text.charAt(i + 1)) && isDigit(text.charAt(i + 2))
          && isDigit(text.charAt(i + 3))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isAsciiLetter(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The longest end at a group boundary (and a word boundary) whose prefix is a valid IBAN, or -1. */
  private static int bestEnd(String text, int start, int end) {
    for (int e = end; e > start + 4; e--) {
      char c = text.charAt(e - 1);
      if (!Character.isLetterOrDigit(c)) {
        continue;
      }
      if (e < text.length() && Character.isLetterOrDigit(text.charAt(e))) {
        continue;
      }
      String compact = Checksums.compact(text.substring(start, e)).toUpperCase(Locale.ROOT);
      Integer expected = LENGTHS.get(compact.substring(0, 2));
      boolean lengthOk = expected == null ? compact.length() >= 15 && compact.length() <= 34
          : compact.length() == expected;
      if (lengthOk && Checksums.ibanMod97(compact)) {
        return e;
      }
    }
    return -1;
  }

  private static Map<String, Integer> lengths() {
    // ISO 13616 registry lengths of the SEPA countries and frequent others.
    Object[][] table = {
        {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22}, {"BH", 22},
        {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24}, {"DE", 22}, {"DK", 18}, {"DO", 28},
        {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23},
        {"GL", 18}, {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26},
        {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20},
        {"LV", 21}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NL", 18},
        {"NO", 15}, {"PK", 24}, {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"SA", 24},
        {"SC", 31}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"ST", 25}, {"SV", 28}, {"TL", 23}, {"TN", 24},
        {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20}};
    Map<String, Integer> m = new java.util.HashMap<>();
    for (Object[] row : table) {
      m.put((String) row[0], (Integer) row[1]);
    }
    return Map.copyOf(m);
  }
}
