package dev.confidant.pii.internal.recognize;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.spi.Recognizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Phone numbers through libphonenumber. A cheap candidate pattern (a digit run with phone separators, bounded
 * length) finds spans, and only those are parsed: international numbers ({@code +}, {@code 00}) for every
 * region, national formats for each configured region. Parsing candidates instead of running
 * {@code findNumbers} once per region keeps the cost per text flat in the number of regions. Valid numbers
 * score higher than merely possible ones, which count only with a cue word. Thread-safe
 * ({@link PhoneNumberUtil} is).
 */
final class PhoneRecognizer implements Recognizer {
  static final int MIN_DIGITS = 5;
  /** Optional "+"/"00"/"tel:", an optional "(", then digits and separators; 6 to ~22 digits. */
  private static final Pattern CANDIDATE = Pattern.compile(
      "(?<![\\w+/.]|\\d[ ./-])(?:tel:)?(?:\\+|\\(\\+?)?\\d(?:[ ./-]{0,2}+\\(?\\d{1,5}+\\)?){1,11}"
          + "(?: ?(?:x|ext\\.?|extension|#) ?\\d{1,6}+)?(?![\\w]|[ ./-]{1,2}\\(?\\d)");
  private static final Pattern EXTENSION = Pattern.compile(" ?(?:x|ext\\.?|extension|#) ?\\d{1,6}+$");
  private static final Pattern DATE_OR_IP = Pattern.compile(
      "(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4})(?![\\d])|\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$");
  /** Smaller than the rules' penalty: a valid phone number stays masked, it only loses merges. */
  private static final double PHONE_NEGATIVE_PENALTY = 0.3;
  private static final Set<String> CUES = Set.of("phone", "call", "tel", "telephone", "mobile", "cell", "fax",
      "telefon", "handy", "mobil", "rufnummer", "anrufen", "whatsapp", "contact", "reach");
  /** Cue only before the value and when a determiner or a phone word owns them ("my number", not "order number"). */
  private static final Set<String> GENERIC_CUES = Set.of("number", "nummer");
  private static final Set<String> NUMBER_OWNERS = Set.of("my", "your", "his", "her", "our", "their", "the", "this",
      "that", "a", "new", "direct", "home", "work", "office", "private", "meine", "meiner", "ihre", "seine",
      "unsere", "deine", "die", "neue", "uk", "local", "landline", "international", "emergency");
  private static final Set<String> REGIONS = PhoneNumberUtil.getInstance().getSupportedRegions();

  private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
  private final List<String> regions;

  PhoneRecognizer(List<String> regions) {
    this.regions = List.copyOf(regions);
  }

  @Override
  public String name() {
    return "phone";
  }

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.PHONE);
  }

  @Override
  public List<PiiEntity> recognize(String text) {
    if (countDigits(text) < MIN_DIGITS) {
      return List.of();
    }
    List<PiiEntity> out = new ArrayList<>();
    Matcher m = CANDIDATE.matcher(text);
    while (m.find()) {
      int start = m.start();
      int end = m.end();
      String raw = m.group();
      // An extension ("x38548") is dialled after the call connects: it does not count towards the length limit.
      Matcher ext = EXTENSION.matcher(raw);
      int digits = countDigits(ext.find() ? raw.substring(0, ext.start()) : raw);
      if (digits < 6 || digits > 17 || looksLikeOtherNumber(raw)) {
        continue;
      }
      String cue = cue(text, start, end);
      String number = raw.startsWith("tel:") ? raw.substring(4) : raw;
      if (number.startsWith("00")) {
        // The international call prefix of most countries; libphonenumber wants "+" without a home region.
        number = "+" + number.substring(2);
      }
      boolean international = number.startsWith("+") || number.startsWith("(+") || number.startsWith("00");
      Result best = international ? check(number, "ZZ") : null;
      for (int i = 0; !international && i < regions.size() && (best == null || !best.valid); i++) {
        Result r = check(number, regions.get(i));
        if (r != null && (best == null || r.valid)) {
          best = r;
        }
      }
      boolean separated = digits < number.length();
      // A bare digit run without "+" or a cue word is more often an order or account number than a phone.
      if (best == null || cue == null && !international && (!best.valid || !separated)) {
        continue;
      }
      // Short national numbers collide with house numbers and ids: they score lower, so more specific
      // recognizers (SSN, addresses) win merged overlaps. Capped below 1 for the same reason.
      double base = !best.valid ? 0.45 : international || digits >= 8 ? 0.75 : 0.6;
      String negative = cue == null ? ContextWords.find(text, start, end, Rule.NOT_PERSONAL) : null;
      double score = Math.min(0.95, base + (cue != null ? Rule.CUE_BOOST
          : negative != null ? -PHONE_NEGATIVE_PENALTY : 0));
      String why = "phone/" + (best.valid ? "valid" : "possible") + "@" + best.region
          + (cue == null ? "" : " cue=" + cue) + (negative == null ? "" : " negative-cue=" + negative);
      out.add(new PiiEntity(EntityType.PHONE, raw, start, end, score, why));
    }
    return out;
  }

  /**
   * A cue word before the number, or after it on the same line: a label on the next line ("Mobile:") belongs to
   * the number on that line, not to a house number above it. The generic "number" cues only before the value and
   * only when nothing else owns it: "my number is ..." does, "licence number is ..." does not.
   */
  private static @Nullable String cue(String text, int start, int end) {
    int from = Math.max(0, start - ContextWords.WINDOW);
    int i = start;
    while (true) {
      while (i > from && !Character.isLetterOrDigit(text.charAt(i - 1))) {
        i--;
      }
      int wordEnd = i;
      while (i > from && Character.isLetterOrDigit(text.charAt(i - 1))) {
        i--;
      }
      if (i == wordEnd || i == from && i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
        break;
      }
      String word = text.substring(i, wordEnd).toLowerCase(Locale.ROOT);
      if (GENERIC_CUES.contains(word)) {
        String owner = wordBefore(text, i);
        if (owner != null && !NUMBER_OWNERS.contains(owner.toLowerCase(Locale.ROOT))
            && !CUES.contains(owner.toLowerCase(Locale.ROOT)) && !isRegionCode(owner)) {
          break;
        }
        return word;
      }
      if (CUES.contains(word)) {
        return word;
      }
    }
    int lineEnd = text.indexOf('\n', end);
    int to = Math.min(lineEnd < 0 ? text.length() : lineEnd, end + ContextWords.WINDOW);
    return ContextWords.find(text.substring(end, to), 0, 0, CUES);
  }

  /** "my CN number": a region code written in capitals; not "ID", which is usually an identity document. */
  private static boolean isRegionCode(String word) {
    return word.length() == 2 && !word.equals("ID") && REGIONS.contains(word);
  }

  /** The word right before {@code i}, or {@code null} at the start of the text or a line. */
  private static @Nullable String wordBefore(String text, int i) {
    int e = i;
    while (e > 0 && (text.charAt(e - 1) == ' ' || text.charAt(e - 1) == '\'')) {
      e--;
    }
    int s = e;
    while (s > 0 && Character.isLetter(text.charAt(s - 1))) {
      s--;
    }
    return s == e ? null : text.substring(s, e);
  }

  private record Result(boolean valid, String region) {}

  private @Nullable Result check(String number, String region) {
    try {
      PhoneNumber n = util.parse(number, region);
      if (util.isValidNumber(n)) {
        return new Result(true, util.getRegionCodeForNumber(n));
      }
      return util.isPossibleNumber(n) ? new Result(false, region) : null;
    } catch (NumberParseException e) {
      return null;
    }
  }

  /** Dates, versions and decimals that a digit-run pattern also matches. */
  private static boolean looksLikeOtherNumber(String raw) {
    int dots = 0;
    for (int i = 0; i < raw.length(); i++) {
      if (raw.charAt(i) == '.') {
        dots++;
      }
    }
    if (dots >= 2 && raw.length() <= 10 && raw.indexOf(' ') < 0) {
      return true;
    }
    // Dates (2024-01-31, 31.01.2024, also followed by a time) and dotted quads (IP addresses).
    return DATE_OR_IP.matcher(raw.startsWith("(") ? raw.substring(1) : raw).lookingAt();
  }

  private static int countDigits(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        n++;
      }
    }
    return n;
  }
}
