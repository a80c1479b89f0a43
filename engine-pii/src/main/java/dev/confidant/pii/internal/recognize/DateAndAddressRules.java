package dev.confidant.pii.internal.recognize;

import static dev.confidant.pii.EntityType.ADDRESS;
import static dev.confidant.pii.EntityType.DATE_OF_BIRTH;
import static dev.confidant.pii.EntityType.POSTCODE;
import static dev.confidant.pii.internal.recognize.Prefilter.DIGITS;
import static dev.confidant.pii.internal.recognize.Prefilter.WORD;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Dates of birth (a date is personal only next to a birth cue), street addresses (English and German street
 * suffixes) and postcodes. Repetitions are bounded; lazy ones are capped so a failed start costs a constant.
 */
final class DateAndAddressRules {
  private DateAndAddressRules() {}

  private static final String MONTHS = "jan(?:uary|uar)?|feb(?:ruary|ruar)?|m(?:ar(?:ch)?|ärz|aerz)|apr(?:il)?|"
      + "ma[iy]|jun[ie]?|jul[iy]?|aug(?:ust)?|sep(?:t(?:ember)?)?|o[ck]t(?:ober)?|nov(?:ember)?|de[cz](?:ember)?";
  /** How the alternatives of {@link #MONTHS} begin, compared ignoring case: where a text date can start. */
  private static final List<String> MONTH_STARTS = List.of("jan", "feb", "mar", "mär", "mae", "apr", "mai", "may",
      "jun", "jul", "aug", "sep", "oct", "okt", "nov", "dec", "dez");
  /** Street suffixes inside a word ("Hauptstraße") and as a word of their own ("Alte Straße"). */
  private static final List<String> SUFFIXES = List.of("straße", "strasse", "str.", "weg", "gasse", "platz", "allee",
      "ring", "damm", "ufer", "straat", "laan", "plein", "gracht", "gade", "vej", "gatan", "vägen", "veien");
  private static final List<String> SUFFIX_WORDS = List.of("Straße", "Strasse", "Str.", "Weg", "Gasse", "Platz",
      "Allee", "Ring", "Damm");
  private static final String[] STREET_DE =
      Stream.concat(SUFFIXES.stream(), SUFFIX_WORDS.stream()).toArray(String[]::new);
  /** The words that open a French, Italian, Spanish, Portuguese or Polish street name. */
  private static final List<String> ROMANCE = List.of("Rue", "Avenue", "Boulevard", "Chemin", "Impasse", "Via",
      "Viale", "Piazza", "Corso", "Calle", "Avenida", "Paseo", "Plaza", "Rua", "Praça", "Travessa", "Ulica", "Aleja");
  /** US state and territory abbreviations: "MA 02115" is a place, never an organisation. */
  private static final String US_STATES = "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|"
      + "MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI|AS|MP";
  private static final Set<String> BIRTH_CUES = Set.of("born", "birth", "birthday", "dob", "d", "b", "geboren",
      "geb", "geburtsdatum", "geburtstag", "birthdate", "née", "nee", "age", "naissance", "né", "nacimiento",
      "nacido", "nacida", "nascita", "nato", "nata", "geboortedatum", "geboortedag");
  private static final Set<String> ADDRESS_CUES = Set.of("address", "adresse", "live", "lives", "living", "wohne",
      "wohnt", "wohnhaft", "anschrift", "street", "located", "ship", "deliver", "send", "billing", "shipping",
      "plz", "postcode", "zip", "in");

  static List<Rule> rules() {
    return List.of(
        Rule.cued("dob-numeric", DATE_OF_BIRTH,
            "(?<![\\w./-])(?:\\d{1,2}([./-])\\d{1,2}\\1(?:19|20)?\\d{2}|(?:19|20)\\d{2}-\\d{2}-\\d{2})(?![\\w/-]|\\.\\d)",
            s -> true, 0.6, BIRTH_CUES)
            .withPrefilter(Prefilter.of(DIGITS, WORD + "./-", 4).at(Prefilter.digitRunOf(1, 2, 4))),
        Rule.cued("dob-text", DATE_OF_BIRTH,
            "(?i)(?<![\\w])(?:\\d{1,2}(?:st|nd|rd|th)?\\.? (?:of )?(?:" + MONTHS + ")\\.?,? (?:19|20)\\d{2}|(?:"
                + MONTHS + ")\\.? \\d{1,2}(?:st|nd|rd|th)?,? (?:19|20)\\d{2})(?![\\w])",
            s -> true, 0.6, BIRTH_CUES)
            .withPrefilter(Prefilter.of(DIGITS + "jfmasondJFMASOND", WORD, 5)
                .at((t, p) -> Prefilter.isDigit(t.charAt(p)) || MONTH_STARTS.stream()
                    .anyMatch(m -> t.regionMatches(true, p, m, 0, m.length())))),
        Rule.of("street-en", ADDRESS,
            "(?i)(?<![\\w])\\d{1,5}[a-z]?(?: [a-z][a-z'.-]{0,24}+){1,4}? (?:street|st|avenue|ave|road|rd|boulevard|"
                + "blvd|lane|ln|drive|dr|court|ct|place|pl|way|terrace|close|square|sq|highway|hwy|parkway|pkwy)"
                + "\\b\\.?(?: (?:apt|suite|unit|#)\\.? ?\\d{1,5}[a-z]?)?",
            s -> true, 0.6, ADDRESS_CUES)
            .withPrefilter(Prefilter.of(DIGITS, WORD, 1).at(DateAndAddressRules::numberThenSpace)),
        Rule.of("street-de", ADDRESS,
            "(?<![\\w])(?:[A-ZÄÖÜ][\\p{L}-]{0,30}?(?:" + alternation(SUFFIXES) + ")"
                + "|(?:[A-ZÄÖÜ][\\p{L}-]{1,30}+ ){1,2}(?:" + alternation(SUFFIX_WORDS) + "))"
                + " ?\\d{1,4}(?: ?[a-h])?(?![\\w])",
            s -> true, 0.65, ADDRESS_CUES)
            .withPrefilter(Prefilter.of("ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ", WORD, 1)
                .requiringAnyOf(STREET_DE).at(DateAndAddressRules::suffixNear)),
        Rule.of("street-romance", ADDRESS,
            "(?<![\\w])(?:\\d{1,5},? )?(?:" + alternation(ROMANCE) + ")(?: (?:de |du |des |la |le |del |da |do |di )?"
                + "[\\p{Lu}][\\p{L}'\u2019.-]{0,30}+){1,4}(?:,? \\d{1,5}[a-z]?)?(?![\\w])",
            s -> true, 0.6, ADDRESS_CUES)
            .withPrefilter(Prefilter.of(DIGITS + "RABCIVPTU", WORD, 0)
                .requiringAnyOf(ROMANCE.toArray(String[]::new))),
        Rule.cued("zip", ADDRESS, "(?<![\\w.,-])\\d{5}(?:-\\d{4})?(?![\\w-])", s -> true, 0.45,
            Set.of("zip", "zipcode", "postcode", "plz", "postleitzahl", "postal"))
            .withPrefilter(Prefilter.of(DIGITS, WORD + ".,-", 5).at(Prefilter.digitRunOf(5))),
        Rule.of("us-state-zip", ADDRESS, "(?<![\\w]), (?:[A-Z]{2}) \\d{5}(?:-\\d{4})?(?![\\w-])",
            s -> true, 0.6, ADDRESS_CUES)
            .startingWith(",", WORD, 5),
        Rule.of("us-state-zip-plain", ADDRESS, "(?<![\\w])(?:" + US_STATES + ") \\d{5}(?:-\\d{4})?(?![\\w-])",
            s -> true, 0.6, ADDRESS_CUES)
            .withPrefilter(Prefilter.of("ACDFGHIKLMNOPRSTUVW", WORD, 5).at((t, p) -> Prefilter.charAt(t, p + 2, ' ')
                && Prefilter.digitRun(t, p + 3) >= 5)),
        Rule.of("uk-postcode", POSTCODE,
            "(?<![\\w])(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\\d[A-Z\\d]? ?\\d[ABD-HJLNP-UW-Z]{2})(?![\\w])",
            s -> true, 0.6, Set.of("postcode", "post", "code", "address", "london", "uk"))
            .withPrefilter(Prefilter.of("ABCDEFGHIJKLMNOPQRSTUVWXYZ", WORD, 1).at((t, p) -> Prefilter.digitAt(t, p + 1)
                || Prefilter.digitAt(t, p + 2) || t.startsWith("GIR", p))));
  }

  /** Literal words as a regex alternation. */
  private static String alternation(List<String> words) {
    return String.join("|", words).replace(".", "\\.");
  }

  /**
   * Whether a German street suffix starts within reach of {@code p}: after the first letter and at most 30 more, or
   * after two words of at most 31 letters and a space each (letters may be surrogate pairs: two chars each).
   */
  private static boolean suffixNear(String text, int p) {
    int last = p + 2 * (1 + 2 * 30 + 1);
    for (String suffix : STREET_DE) {
      // Bounded: a text of many capitalised words must not cost a scan to its end per word.
      if (text.indexOf(suffix, p + 1, Math.min(text.length(), last + suffix.length())) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether 1-5 ASCII digits, an optional letter and a space start at {@code p}: a house number before a street
   * name, as {@code \d{1,5}[a-z]? } requires.
   */
  private static boolean numberThenSpace(String text, int p) {
    int i = p + Prefilter.digitRun(text, p);
    if (i - p > 5) {
      return false;
    }
    if (i < text.length() && Prefilter.isLetter(text.charAt(i))) {
      i++;
    }
    return Prefilter.charAt(text, i, ' ');
  }
}
