package dev.confidant.pii.internal.recognize;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.spi.Recognizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Phone numbers through libphonenumber. A cheap candidate pattern (a digit run with phone separators, bounded
 * length) finds spans, and only those are parsed: international numbers ({@code +}, {@code 00}) for every
 * region, national formats for each configured region. Parsing candidates instead of running
 * {@code findNumbers} once per region keeps the cost per text flat in the number of regions. Valid numbers
 * score higher than merely possible ones, which count only with a cue word. A candidate that no configured
 * region accepts is tried against the other regions its digit count fits, and counts when it is written as
 * that region writes its numbers (scored below a configured region's). Thread-safe ({@link PhoneNumberUtil}
 * is).
 */
final class PhoneRecognizer implements Recognizer {
  static final int MIN_DIGITS = 5;
  /**
   * Optional "+"/"00"/"tel:", an optional "(" or area code in parentheses, then digits and separators; not inside a
   * word or number, though right after a one- or two-letter word with a missing space ("is415-555-0132").
   */
  private static final Pattern CANDIDATE = Pattern.compile(
      "(?<![A-Z0-9_+/.]|[a-z]{3}|\\d[ ./-])(?:tel:)?(?:\\(\\+?\\d{1,5}+\\)|(?:\\+|\\(\\+?)?\\d)"
          + "(?:[ ./-]{0,2}+\\(?\\d{1,5}+\\)?){1,11}"
          + "(?: ?(?:x|ext\\.?|extension|#) ?\\d{1,6}+)?(?![\\w]|[ ./-]{1,2}\\(?\\d)");
  private static final Pattern EXTENSION = Pattern.compile(" ?(?:x|ext\\.?|extension|#) ?\\d{1,6}+$");
  private static final Pattern DATE_OR_IP = Pattern.compile(
      "(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4})(?![\\d])|\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$");
  /** Smaller than the rules' penalty: a valid phone number stays masked, it only loses merges. */
  private static final double PHONE_NEGATIVE_PENALTY = 0.3;
  private static final Set<String> CUES = Set.of("phone", "call", "tel", "telephone", "mobile", "cell", "fax",
      "telefon", "handy", "mobil", "rufnummer", "anrufen", "whatsapp", "contact", "reach",
      // French, Spanish, Italian and Dutch: "vous pouvez me joindre au", "llámame al", "chiamami al", "bel me op".
      "téléphone", "portable", "joindre", "appeler", "appelez", "teléfono", "telefono",
      "móvil", "movil", "llamar", "llámame", "llamame", "llame", "cellulare", "chiamare", "chiamami", "chiami",
      "telefoon", "mobiel", "bellen", "bel",
      // Abbreviations on forms and signatures: French "Tél.", Danish and Norwegian "Tlf.", Swedish "Tfn", Finnish "Puh.".
      "tél", "tlf", "tfn", "puh");
  /** Cue only before the value and when a determiner or a phone word owns them ("my number", not "order number"). */
  private static final Set<String> GENERIC_CUES = Set.of("number", "nummer");
  private static final Set<String> NUMBER_OWNERS = Set.of("my", "your", "his", "her", "our", "their", "the", "this",
      "that", "a", "new", "direct", "home", "work", "office", "private", "meine", "meiner", "ihre", "seine",
      "unsere", "deine", "die", "neue", "uk", "local", "landline", "international", "emergency");
  /** What may stand between a phone word and a short number: "call us on", "Tel. Nr.", "reach her at". */
  private static final Set<String> LINKING_WORDS = Set.of("me", "us", "him", "her", "them", "you", "at", "on",
      "under", "via", "is", "number", "no", "nr", "my", "our", "the", "mich", "uns", "ihn", "sie", "mir", "unter",
      "ist", "die");
  private static final Set<String> REGIONS = PhoneNumberUtil.getInstance().getSupportedRegions();

  private static final Map<String, Shape> SHAPES = shapes(REGIONS);
  /** Every supported region by the digit counts its numbers can have. */
  private static final List<List<Shape>> ALL_REGIONS = byDigits(REGIONS);
  private static final Pattern YEAR_RANGE = Pattern.compile("(?:19|20)\\d\\d ?[-/] ?(?:19|20)\\d\\d");
  private static final Pattern THOUSANDS = Pattern.compile("\\d{1,3}+(?: \\d{3})++|\\d{1,3}+(?:\\.\\d{3})++");
  private static final Pattern IP = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
  private static final Pattern DATE = Pattern.compile("(\\d{1,4})[./-](\\d{1,2})[./-](\\d{1,4})(?!\\d)");

  private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
  private final List<String> regions;
  /** The supported regions that are not configured, by digit count. */
  private final List<List<Shape>> otherRegions;

  PhoneRecognizer(List<String> regions) {
    this.regions = List.copyOf(regions);
    Set<String> others = new HashSet<>(util.getSupportedRegions());
    others.removeAll(this.regions);
    this.otherRegions = byDigits(others);
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
    if (countDigits(text) < MIN_DIGITS - 1) {
      return List.of();
    }
    List<PiiEntity> out = new ArrayList<>();
    Matcher m = CANDIDATE.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    int from = 0;
    while (nextCandidate(m, text, from)) {
      int start = m.start();
      int end = m.end();
      from = end;
      String raw = m.group();
      // An extension ("x38548") is dialled after the call connects: it does not count towards the length limit.
      Matcher ext = raw.indexOf('x') >= 0 || raw.indexOf('#') >= 0 ? EXTENSION.matcher(raw) : null;
      int digits = countDigits(ext != null && ext.find() ? raw.substring(0, ext.start()) : raw);
      if (digits < MIN_DIGITS - 1 || digits > 17 || digits == MIN_DIGITS - 1 && !(raw.length() == 4
          && !raw.startsWith("19") && !raw.startsWith("20") && phoneWordBefore(text, start) != null)) {
        // Four digits (Niue, Tokelau, ... numbers) only right after a phone phrase and not a year: "reach me at
        // 7012"; otherwise they are years, PINs and amounts.
        continue;
      }
      String number = raw.startsWith("tel:") ? raw.substring(4) : raw;
      if (number.startsWith("00")) {
        // The international call prefix of most countries; libphonenumber wants "+" without a home region.
        number = "+" + number.substring(2);
      }
      boolean international = number.startsWith("+") || number.startsWith("(+");
      if (digits < 6 || looksLikeOtherNumber(raw)) {
        // Five-digit numbers (St Helena, Tuvalu, ...) and dotted groups (New Caledonia's 75.12.34) look like
        // postcodes, versions and dates: only right after a phone word and written as their region writes them.
        String near = international ? null : phoneWordBefore(text, start);
        // Dotted pairs that read as a date count only after a phone phrase and when the date's year would not be
        // 2000-2030: "reach me at 20.12.34" is a number, "call me on 20.12.24" a date.
        Result r = near == null || isDateLike(raw) && !phoneNotDate(raw) ? null
            : elsewhere(number, digits, ALL_REGIONS, false);
        if (r != null) {
          out.add(new PiiEntity(EntityType.PHONE, raw, start, end, 0.45 + Rule.CUE_BOOST,
              "phone/short@" + r.region + " cue=" + near));
        }
        continue;
      }
      String cue = cue(text, start, end);
      if (cue == null && !international && (isRange(raw) || isBookNumber(text, start)
          || DOTTED_THOUSANDS.matcher(raw).matches())) {
        continue; // "1505-1540", "1998/99", "pp. 893-910", "ISBN 3-8995-5368-3", "330.000 Menschen"
      }
      Result best = international ? check(number, "ZZ", false) : null;
      // A short national number of a region that dials a trunk prefix is written with it ("030 1234567", "0662
      // 123456"): without it and without a phone word, "767-200", "1999 42" and "330.000" are models, years and
      // amounts. Longer numbers ("91-415-555-0132") and the North American local shape ("853-7408") stay phones.
      boolean trunkPrefixRequired = cue == null && (digits <= 8 && !US_LOCAL.matcher(number).matches()
          || thousandsGrouped(number));
      for (int i = 0; !international && i < regions.size() && (best == null || !best.valid); i++) {
        Result r = check(number, regions.get(i), trunkPrefixRequired);
        if (r != null && (best == null || r.valid)) {
          best = r;
        }
      }
      boolean separated = digits < number.length();
      boolean amountLike = cue == null && thousandsGrouped(number);
      if (!international && (best == null || !best.valid) && (separated || cue != null)) {
        // Valid only for a region outside the configured ones: without a cue word it must be written exactly as
        // that region writes its numbers, at least 7 digits, and not grouped like a thousands-separated amount.
        Result r = cue != null ? elsewhere(number, digits, otherRegions, false)
            : digits >= 7 && !amountLike ? elsewhere(number, digits, otherRegions, true) : null;
        if (r != null) {
          best = r;
        }
      }
      // A bare digit run without "+" or a cue word is more often an order or account number than a phone.
      if (best == null || cue == null && !international && (!best.valid || !separated)) {
        continue;
      }
      // Short national numbers collide with house numbers and ids: they score lower, so more specific
      // recognizers (SSN, addresses) win merged overlaps. Capped below 1 for the same reason.
      double base = !best.valid ? 0.45 : best.foreign ? 0.5 : international || digits >= 8 ? 0.75 : 0.6;
      String negative = cue == null ? ContextWords.find(text, start, end, Rule.NOT_PERSONAL) : null;
      double score = Math.min(0.95, base + (cue != null ? Rule.CUE_BOOST
          : negative != null ? -PHONE_NEGATIVE_PENALTY : 0));
      if (cue == null && !international && checkedNationalId(raw)) {
        // The national-id rules find the same span and score it 0.45 or more: their type wins the merge.
        score = Math.min(score, NATIONAL_ID_SHAPED);
      } else if (cue == null && !international && AADHAAR_SHAPE.matcher(raw).matches()) {
        continue; // twelve digits 4-4-4: the Aadhaar shape rule masks them as an identifier
      }
      String why = "phone/" + (best.foreign ? "foreign" : best.valid ? "valid" : "possible") + "@" + best.region
          + (cue == null ? "" : " cue=" + cue) + (negative == null ? "" : " negative-cue=" + negative);
      out.add(new PiiEntity(EntityType.PHONE, raw, start, end, score, why));
    }
    return out;
  }

  /**
   * The score of a phone candidate without a phone word that is written as a national identifier with a valid check
   * digit: just above the threshold, below every national-id rule, so that the merge types it as an id.
   */
  static final double NATIONAL_ID_SHAPED = 0.44;
  /** Twelve digits in groups of four, the first 2-9: what {@code NationalIdRules}' Aadhaar shape rule reads. */
  private static final java.util.regex.Pattern AADHAAR_SHAPE = java.util.regex.Pattern.compile(
      "[2-9]\\d{3}([ -])\\d{4}\\1\\d{4}");

  /**
   * Whether a grouped number has a national identifier's shape and check digit: a Canadian SIN (3-3-3, Luhn), a UK
   * NHS number (3-3-4, mod 11), an Aadhaar number (4-4-4, Verhoeff) or a Swedish personnummer (6-4 or 8-4, Luhn).
   * Presidio's recognizer vectors write them so ("130 692 544", "401-023-2137", "3123 4567 8909", "871220-2384").
   */
  static boolean checkedNationalId(String raw) {
    String d = Checksums.compact(raw);
    String shape = raw.replaceAll("\\d", "9");
    return switch (shape) {
      case "999 999 999", "999-999-999" -> Checksums.luhn(d);
      case "999 999 9999", "999-999-9999" -> Checksums.nhs(d);
      case "9999 9999 9999", "9999-9999-9999" -> d.charAt(0) >= '2' && Checksums.verhoeff(d);
      case "999999-9999", "99999999-9999" -> Checksums.swedishPersonnummer(d);
      default -> false;
    };
  }

  /**
   * {@code m.find()} tried only where a candidate can start ('+', '(', "tel:" or a digit run's first digit), with the
   * same matches: {@code find} runs the pattern's lookbehind at every char of the text, which made this recognizer
   * the costliest rule.
   */
  private static boolean nextCandidate(Matcher m, String text, int from) {
    int n = text.length();
    for (int i = from; i < n; i++) {
      char c = text.charAt(i);
      boolean digitStart = c >= '0' && c <= '9' && (i == 0 || !Character.isDigit(text.charAt(i - 1)));
      if ((digitStart || c == '+' || c == '(' || c == 't' && text.startsWith("tel:", i))
          && m.region(i, n).lookingAt()) {
        return true;
      }
    }
    return false;
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
    int to = Math.min(text.length(), end + ContextWords.WINDOW);
    for (int j = end; j < to; j++) {
      if (text.charAt(j) == '\n') {
        to = j;
      }
    }
    return to == end ? null : ContextWords.find(text.substring(end, to), 0, 0, CUES);
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

  private record Result(boolean valid, String region, boolean foreign) {}

  /**
   * The first of {@code candidates} (by digit count) for which the number is valid and formatted as that region
   * formats it nationally: exactly ({@code exact}) or with the same digit groups whatever the separators.
   */
  private @Nullable Result elsewhere(String number, int digits, List<List<Shape>> candidates, boolean exact) {
    String nationalDigits = null;
    for (Shape shape : candidates.get(digits)) {
      if (nationalDigits == null) {
        nationalDigits = number.replaceAll("\\D", "");
      }
      if (!shape.admits(nationalDigits)) {
        continue;
      }
      String region = shape.region;
      try {
        PhoneNumber n = util.parse(number, region);
        if (util.isValidNumberForRegion(n, region)
            && sameGroups(number, util.format(n, PhoneNumberFormat.NATIONAL), exact)) {
          return new Result(true, region, true);
        }
      } catch (NumberParseException e) {
        // not a number of this region
      }
    }
    return null;
  }

  private static Map<String, Shape> shapes(Set<String> regions) {
    Map<String, Shape> out = new HashMap<>();
    for (String region : regions) {
      Shape shape = Shape.of(region);
      if (shape != null) {
        out.put(region, shape);
      }
    }
    return Map.copyOf(out);
  }

  private static boolean sameGroups(String written, String formatted, boolean exact) {
    if (exact || written.equals(formatted)) {
      return written.equals(formatted);
    }
    int i = 0;
    int j = 0;
    while (i < written.length() && j < formatted.length()) {
      boolean wd = isDigit(written.charAt(i));
      boolean fd = isDigit(formatted.charAt(j));
      if (wd != fd || wd && written.charAt(i) != formatted.charAt(j)) {
        return false;
      }
      if (wd) {
        i++;
        j++;
      } else {
        // One run of separators on each side, whatever they are; an opening parenthesis must match.
        if ((written.charAt(i) == '(') != (formatted.charAt(j) == '(')) {
          return false;
        }
        while (i < written.length() && !isDigit(written.charAt(i))) {
          i++;
        }
        while (j < formatted.length() && !isDigit(formatted.charAt(j))) {
          j++;
        }
      }
    }
    return i == written.length() && j == formatted.length();
  }

  /** 1 234 567, 12.345.678: an amount with thousands separators, not a phone number. */
  private static boolean thousandsGrouped(String number) {
    return THOUSANDS.matcher(number).matches();
  }

  /**
   * A region's number patterns and trunk prefixes, compiled once: a necessary condition for validity that rules out
   * almost every region before libphonenumber parses. Parsing for many regions would make libphonenumber compile
   * their patterns into its small shared cache, again and again, evicting the configured regions' ones. Like
   * libphonenumber, the digits are tried as written, without the trunk prefix, and rewritten by the region's
   * transform rule (a 7-digit local number of a NANPA island gets its area code).
   */
  private record Shape(String region, Pattern general, Pattern types, @Nullable Pattern prefix,
      @Nullable String transform) {
    static @Nullable Shape of(String region) {
      PhoneMetadata metadata = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource()
          .getMetadataForRegion(region);
      if (metadata == null || !metadata.getGeneralDesc().hasNationalNumberPattern()) {
        return null;
      }
      StringBuilder types = new StringBuilder();
      for (PhoneNumberDesc desc : List.of(metadata.getFixedLine(), metadata.getMobile(), metadata.getTollFree(),
          metadata.getPremiumRate(), metadata.getSharedCost(), metadata.getPersonalNumber(), metadata.getVoip(),
          metadata.getPager(), metadata.getUan(), metadata.getVoicemail())) {
        if (desc != null && desc.hasNationalNumberPattern()) {
          types.append(types.isEmpty() ? "" : "|").append("(?:").append(desc.getNationalNumberPattern()).append(')');
        }
      }
      // libphonenumber strips what the parsing pattern matches, or else the plain national prefix.
      String prefix = !metadata.getNationalPrefixForParsing().isEmpty() ? metadata.getNationalPrefixForParsing()
          : Pattern.quote(metadata.getNationalPrefix());
      return new Shape(region, Pattern.compile(metadata.getGeneralDesc().getNationalNumberPattern()),
          Pattern.compile(types.toString()), metadata.getNationalPrefix().isEmpty()
              && metadata.getNationalPrefixForParsing().isEmpty() ? null : Pattern.compile(prefix),
          metadata.getNationalPrefixTransformRule().isEmpty() ? null : metadata.getNationalPrefixTransformRule());
    }

    /** Whether the digits, as written or without a trunk prefix, match the region's patterns. */
    boolean admits(String digits) {
      if (matches(digits)) {
        return true;
      }
      if (prefix == null) {
        return false;
      }
      Matcher m = prefix.matcher(digits);
      if (!m.lookingAt()) {
        return false;
      }
      if (m.end() > 0 && matches(digits.substring(m.end()))) {
        return true;
      }
      return transform != null && m.groupCount() > 0 && m.group(m.groupCount()) != null
          && matches(m.replaceFirst(transform));
    }

    private boolean matches(String nationalNumber) {
      return general.matcher(nationalNumber).matches() && types.matcher(nationalNumber).matches();
    }
  }

  /** Supported regions indexed by the digit counts (national prefix included) their numbers can have. */
  private static List<List<Shape>> byDigits(Set<String> regions) {
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    List<List<Shape>> out = new ArrayList<>();
    for (int d = 0; d <= 17; d++) {
      out.add(new ArrayList<>());
    }
    for (String region : new TreeSet<>(regions)) {
      Shape shape = SHAPES.get(region);
      if (shape == null) {
        continue;
      }
      int code = util.getCountryCodeForRegion(region);
      for (int length = 1; length <= 17; length++) {
        PhoneNumber probe = new PhoneNumber().setCountryCode(code).setNationalNumber(Long.parseLong(
            "1".repeat(length)));
        var reason = util.isPossibleNumberWithReason(probe);
        if (reason != PhoneNumberUtil.ValidationResult.IS_POSSIBLE
            && reason != PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY) {
          continue;
        }
        // Up to three more digits for a national (trunk) prefix such as 0, 8 or Argentina's 0 ... 15.
        for (int d = length; d <= Math.min(17, length + 3); d++) {
          if (!out.get(d).contains(shape)) {
            out.get(d).add(shape);
          }
        }
      }
    }
    return out.stream().map(List::copyOf).toList();
  }

  /**
   * A phone word ("call", "tel", "reach me at") before {@code start}, separated from it only by a few linking words
   * such as "me at". Stricter than {@link #cue}: it vouches for short numbers that would otherwise be postcodes
   * or ids.
   */
  private static @Nullable String phoneWordBefore(String text, int start) {
    int from = Math.max(0, start - 24);
    int i = start;
    for (int words = 0; words < 4; words++) {
      while (i > from && !Character.isLetterOrDigit(text.charAt(i - 1))) {
        i--;
      }
      int wordEnd = i;
      while (i > from && Character.isLetter(text.charAt(i - 1))) {
        i--;
      }
      if (i == wordEnd || i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
        return null;
      }
      String word = text.substring(i, wordEnd).toLowerCase(Locale.ROOT);
      // "reach" is a phone word only with someone to reach: "reach me at", not "reach 40000 customers".
      if (CUES.contains(word) && !word.equals("contact") && (words > 0 || !word.equals("reach"))) {
        return word;
      }
      if (!LINKING_WORDS.contains(word)) {
        return null;
      }
    }
    return null;
  }

  /** A real calendar date (day, month and year in any usual order), a year range or a dotted quad. */
  /** Whether dotted pairs "dd.dd.yy" end in a year after 2030 (or before 2000): no date a chat would give. */
  private static boolean phoneNotDate(String raw) {
    return raw.matches("\\d\\d\\.\\d\\d\\.\\d\\d") && Integer.parseInt(raw.substring(6)) > 30;
  }

  private static boolean isDateLike(String raw) {
    String s = raw.startsWith("(") ? raw.substring(1) : raw;
    if (IP.matcher(s).matches() || YEAR_RANGE.matcher(s).matches()) {
      return true;
    }
    Matcher d = DATE.matcher(s);
    if (!d.lookingAt()) {
      return false;
    }
    int a = Integer.parseInt(d.group(1));
    int b = Integer.parseInt(d.group(2));
    int c = Integer.parseInt(d.group(3));
    return day(a) && month(b) || month(a) && day(b) || month(b) && day(c);
  }

  private static boolean day(int v) {
    return v >= 1 && v <= 31;
  }

  private static boolean month(int v) {
    return v >= 1 && v <= 12;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Parses a number for a region. With {@code trunkPrefixRequired}, a number whose region writes a trunk prefix
   * (0 in most of Europe) but which is written without it is only possible, not valid.
   */
  private @Nullable Result check(String number, String region, boolean trunkPrefixRequired) {
    try {
      PhoneNumber n = util.parse(number, region);
      if (util.isValidNumber(n)) {
        String actual = util.getRegionCodeForNumber(n);
        if (!trunkPrefixRequired || !dropsTrunkPrefix(number, n, actual)) {
          return new Result(true, actual, false);
        }
      }
      return util.isPossibleNumber(n) ? new Result(false, region, false) : null;
    } catch (NumberParseException e) {
      return null;
    }
  }

  private boolean dropsTrunkPrefix(String written, PhoneNumber n, String region) {
    String prefix = util.getNddPrefixForRegion(region, true);
    if (prefix == null || prefix.isEmpty()) {
      return false;
    }
    String formatted = util.format(n, PhoneNumberFormat.NATIONAL).replaceAll("\\D", "");
    return formatted.startsWith(prefix) && !written.replaceAll("\\D", "").startsWith(prefix);
  }


  /**
   * A range of years, seasons or pages written with a dash or slash: "1505-1540", "1877/78", "1999-00", "893-910",
   * "44-45". The first part has no leading zero and is a year (1000-2099) followed by two digits or another year, or
   * both parts have the same number of digits and the second is larger, at most twice the first ("555-0132" and
   * "555-1234" stay phones).
   */
  static boolean isRange(String raw) {
    Matcher m = RANGE.matcher(raw);
    if (!m.matches() || m.group(1).charAt(0) == '0') {
      return false;
    }
    String a = m.group(1);
    String b = m.group(2);
    int x = Integer.parseInt(a);
    int y = Integer.parseInt(b);
    boolean year = a.length() == 4 && x >= 1000 && x <= 2099;
    if (year && (b.length() == 2 || b.length() == 4 && y >= 1000 && y <= 2099)) {
      return true;
    }
    return a.length() == b.length() && b.charAt(0) != '0' && y > x && y <= 2 * x;
  }

  /** An amount with dots between thousands: "330.000", "1.250.000" (a leading zero makes it a phone: "030.466"). */
  private static final Pattern DOTTED_THOUSANDS = Pattern.compile("[1-9]\\d{0,2}(?:\\.\\d{3})+");
  /** The North American local number shape: "853-7408". */
  private static final Pattern US_LOCAL = Pattern.compile("\\d{3}-\\d{4}");
  private static final Pattern RANGE = Pattern.compile("(\\d{2,4}) ?[-/\u2013] ?(\\d{2,4})");

  /** Words right before a number that make it a book or serial number: "ISBN 3-8995-5368-3". */
  private static final Set<String> BOOK_NUMBERS = Set.of("isbn", "issn");

  /** Whether an ISBN or ISSN label stands within 12 chars before the number ("ISBN-10: 0-233-95987-4"). */
  private static boolean isBookNumber(String text, int start) {
    String before = text.substring(Math.max(0, start - 12), start);
    return ContextWords.findBefore(before, before.length(), BOOK_NUMBERS) != null;
  }

  /** Dates, year ranges (1990-1995), versions and decimals that a digit-run pattern also matches. */
  private static boolean looksLikeOtherNumber(String raw) {
    int dots = 0;
    for (int i = 0; i < raw.length(); i++) {
      if (raw.charAt(i) == '.') {
        dots++;
      }
    }
    if (dots >= 2 && raw.length() <= 10 && raw.indexOf(' ') < 0 || YEAR_RANGE.matcher(raw).matches()) {
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
