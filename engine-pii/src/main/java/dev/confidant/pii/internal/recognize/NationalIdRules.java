package dev.confidant.pii.internal.recognize;

import static dev.confidant.pii.EntityType.COMPANY_ID;
import static dev.confidant.pii.EntityType.NATIONAL_ID;
import static dev.confidant.pii.internal.recognize.Prefilter.DIGITS;
import static dev.confidant.pii.internal.recognize.Prefilter.LETTERS;
import static dev.confidant.pii.internal.recognize.Prefilter.WORD;

import java.util.List;
import java.util.Set;

/**
 * National identifiers of the countries the development data covers. Formats with a checksum are reported on
 * their own; bare digit runs without one (US SSN without dashes) need a cue word.
 */
final class NationalIdRules {
  private NationalIdRules() {}

  /** ASCII upper-case letters, digits and '_': what a lookbehind rejects when it lets lower case through. */
  private static final String UPPER_WORD = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
  private static final String CODICE_FISCALE =
      "(?i)(?<![\\w])[A-Z]{6}\\d{2}[A-EHLMPR-T]\\d{2}[A-Z]\\d{3}[A-Z](?![\\w])";
  /** Twelve digits in groups of four, not part of a longer run of groups (an IBAN's, a card's). */
  private static final String AADHAAR =
      "(?<![\\w-]|\\d[ :-])[2-9]\\d{3}([ :-]?)\\d{4}\\1\\d{4}(?![\\w-]|[ :-]\\d)";
  private static final Set<String> SSN_CUES = Set.of("ssn", "social", "security", "ss");
  private static final Set<String> TAX_CUES = Set.of("steuer", "steuerid", "idnr", "steueridentifikationsnummer",
      "identifikationsnummer", "tin", "tax", "id");
  private static final Set<String> ID_CUES = Set.of("personalausweis", "ausweis", "ausweisnummer", "id", "identity",
      "card", "passport", "reisepass", "pass", "dni", "nif", "nie", "pesel", "hetu", "henkilötunnus",
      "codice", "fiscale", "nhs", "nino", "insurance", "national", "aadhaar");

  static List<Rule> rules() {
    return List.of(
        Rule.of("us-ssn", NATIONAL_ID, "(?<![\\w-])\\d{3}([- .])\\d{2}\\1\\d{4}(?![\\w-])", Checksums::usSsn, 0.8,
            SSN_CUES)
            .withPrefilter(Prefilter.of(DIGITS, WORD + "-", 9).at((t, p) -> Prefilter.digitRun(t, p) == 3
                && p + 3 < t.length() && "- .".indexOf(t.charAt(p + 3)) >= 0)),
        Rule.cued("us-ssn-plain", NATIONAL_ID, "(?<![\\w-])\\d{9}(?![\\w-])", Checksums::usSsn, 0.55, SSN_CUES)
            .withPrefilter(digitsOnly(9)),
        Rule.of("uk-nino", NATIONAL_ID,
            "(?i)(?<![\\w])(?!bg|gb|nk|kn|tn|nt|zz)[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z] ?\\d{2} ?\\d{2} ?\\d{2} ?[a-d]"
                + "(?![\\w])",
            s -> true, 0.6, Set.of("nino", "national", "insurance", "ni"))
            .withPrefilter(Prefilter.of("abceghjklmnoprstwxyzABCEGHJKLMNOPRSTWXYZ", WORD, 6)
                .at((t, p) -> Prefilter.digitAt(t, p + 2) || Prefilter.charAt(t, p + 2, ' ')
                    && Prefilter.digitAt(t, p + 3))),
        Rule.of("uk-nhs", NATIONAL_ID, "(?<![\\w-])\\d{3}([ -]?)\\d{3}\\1\\d{4}(?![\\w-])", Checksums::nhs, 0.5,
            Set.of("nhs", "health", "patient"))
            .withPrefilter(Prefilter.of(DIGITS, WORD + "-", 10).at(Prefilter.digitRunOf(3, 10))),
        Rule.of("de-steuer-id", NATIONAL_ID, "(?<![\\w-])[1-9]\\d(?: ?\\d{3}){3}(?![\\w-])", Checksums::germanTaxId,
            0.6, TAX_CUES)
            .withPrefilter(Prefilter.of("123456789", WORD + "-", 11).at(Prefilter.digitRunOf(2, 5, 8, 11))),
        Rule.of("de-ust-idnr", COMPANY_ID, "(?i)(?<![\\w])DE ?\\d{3} ?\\d{3} ?\\d{3}(?![\\w])",
            Checksums::germanVatId, 0.85, Set.of("ust", "ustid", "idnr", "vat", "umsatzsteuer"))
            .startingWith("Dd", WORD, 9),
        Rule.of("de-personalausweis", NATIONAL_ID, "(?i)(?<![\\w])[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}"
            + "(?![\\w])", s -> Checksums.icao731(s) && s.chars().anyMatch(Character::isDigit), 0.55, ID_CUES)
            .withPrefilter(Prefilter.of("CFGHJKLMNPRTVWXYZcfghjklmnprtvwxyz", WORD, 1).at(wordOf(9))),
        Rule.of("es-nif", NATIONAL_ID, "(?i)(?<![\\w-])\\d{7,8}-?[A-Z](?![\\w-])",
            s -> Checksums.spanishNif(padNif(s)), 0.6, ID_CUES)
            .withPrefilter(Prefilter.of(DIGITS, WORD + "-", 7).at(Prefilter.digitRunOf(7, 8))),
        Rule.of("es-nie", NATIONAL_ID, "(?i)(?<![\\w-])[XYZ]-?\\d{7}-?[A-Z](?![\\w-])",
            Checksums::spanishNif, 0.7, ID_CUES)
            .startingWith("XYZxyz", WORD + "-", 7),
        Rule.of("it-codice-fiscale", NATIONAL_ID, CODICE_FISCALE, Checksums::italianFiscalCode, 0.7, ID_CUES)
            .withPrefilter(Prefilter.of(LETTERS, WORD, 7).at(wordOf(16))),
        // The shape alone is specific enough to mask, at a lower score, when the check letter is wrong.
        Rule.of("it-codice-fiscale-shape", NATIONAL_ID, CODICE_FISCALE, s -> true, 0.45, ID_CUES)
            .withPrefilter(Prefilter.of(LETTERS, WORD, 7).at(wordOf(16))),
        Rule.of("pl-pesel", NATIONAL_ID, "(?<![\\w-])\\d{11}(?![\\w-])", Checksums::pesel, 0.5, ID_CUES)
            .withPrefilter(digitsOnly(11)),
        // A checksum makes these safe right after a short word with a missing space: "is030594W903B".
        Rule.of("fi-hetu", NATIONAL_ID, "(?i)(?<!(?-i:[A-Z0-9_]|[a-z]{3}))\\d{6}[-+A-FU-Y]\\d{3}[0-9A-Y](?![\\w])",
            Checksums::finnishHetu, 0.7, ID_CUES)
            .withPrefilter(Prefilter.of(DIGITS, UPPER_WORD, 9).at(Prefilter.digitRunOf(6))),
        Rule.of("se-personnummer", NATIONAL_ID,
            "(?<![A-Z0-9_-]|[a-z]{3})(?:1[89]|20)?\\d{6}[-+]?\\d{4}(?![\\w-])",
            Checksums::swedishPersonnummer, 0.55, ID_CUES)
            .withPrefilter(Prefilter.of(DIGITS, UPPER_WORD + "-", 10).at(Prefilter.digitRunOf(6, 8, 10, 12))),
        Rule.of("tr-kimlik", NATIONAL_ID, "(?<![\\w-])[1-9]\\d{10}(?![\\w-])", Checksums::turkishId, 0.5, ID_CUES)
            .withPrefilter(Prefilter.of("123456789", WORD + "-", 11).at(wordOf(11))),
        Rule.of("za-id", NATIONAL_ID, "(?<![\\w-])\\d{13}(?![\\w-])", Checksums::southAfricanId, 0.55, ID_CUES)
            .withPrefilter(digitsOnly(13)),
        Rule.of("au-tfn", NATIONAL_ID, "(?<![\\w-])\\d{3}( ?)\\d{3}\\1\\d{3}(?![\\w-])", Checksums::australianTfn, 0.45,
            TAX_CUES)
            .withPrefilter(Prefilter.of(DIGITS, WORD + "-", 9).at(Prefilter.digitRunOf(3, 9))),
        Rule.of("ca-sin", NATIONAL_ID, "(?<![\\w-])\\d{3}([ -]?)\\d{3}\\1\\d{3}(?![\\w-])", Checksums::luhn, 0.45,
            Set.of("sin", "social", "insurance"))
            .withPrefilter(Prefilter.of(DIGITS, WORD + "-", 9).at(Prefilter.digitRunOf(3, 9))),
        Rule.of("de-kvnr", NATIONAL_ID, "(?i)(?<![\\w])[A-Z]\\d{9}(?![\\w])", Checksums::germanHealthInsurance, 0.6,
            Set.of("krankenversichertennummer", "kvnr", "versichertennummer", "krankenkasse", "insurance"))
            .withPrefilter(Prefilter.of(LETTERS, WORD, 9).at(wordOf(10))),
        Rule.of("de-rvnr", NATIONAL_ID, "(?i)(?<![\\w])\\d{2} ?\\d{6} ?[A-Z] ?\\d{3}(?![\\w])",
            Checksums::germanPensionInsurance, 0.6, Set.of("rentenversicherungsnummer", "sozialversicherungsnummer",
                "rvnr", "svnr", "versicherungsnummer"))
            .withPrefilter(Prefilter.of(DIGITS, WORD, 11).at(Prefilter.digitRunOf(2, 8))),
        Rule.of("in-aadhaar", NATIONAL_ID, AADHAAR, Checksums::verhoeff, 0.5, ID_CUES)
            .withPrefilter(Prefilter.of("23456789", WORD + "-", 12).at(Prefilter.digitRunOf(4, 12))),
        // Twelve digits in Aadhaar's shape are masked even when the Verhoeff digit is wrong: a bare 12-digit number
        // in a message is an identifier of some kind.
        Rule.of("in-aadhaar-shape", NATIONAL_ID, AADHAAR, s -> true, 0.4, ID_CUES)
            .withPrefilter(Prefilter.of("23456789", WORD + "-", 12).at(Prefilter.digitRunOf(4, 12))),
        // US SSNs in rarer groupings and bare, as Presidio's weak patterns take them; a negative cue ("order")
        // drops them below the threshold.
        Rule.of("us-ssn-other", NATIONAL_ID, "(?<![\\w-])(?:\\d{3}-\\d{6}|\\d{5}-\\d{4}|\\d{9})(?![\\w-])",
            Checksums::usSsn, 0.4, SSN_CUES)
            .withPrefilter(Prefilter.of(DIGITS, WORD + "-", 9).at(Prefilter.digitRunOf(3, 5, 9))));
  }

  /** A run of exactly {@code n} digits, as in {@code (?<![\w-])\d{n}(?![\w-])}. */
  private static Prefilter digitsOnly(int n) {
    return Prefilter.of(DIGITS, WORD + "-", n).at(wordOf(n));
  }

  /** Exactly {@code n} ASCII word characters from the start: a fixed-width token that ends in {@code (?![\w])}. */
  private static Prefilter.At wordOf(int n) {
    return (text, p) -> Prefilter.wordRun(text, p) == n;
  }

  /** A 7-digit NIF is a leading-zero-dropped 8-digit one. */
  private static String padNif(String s) {
    String c = Checksums.compact(s);
    return c.length() == 8 ? "0" + c : c;
  }
}
