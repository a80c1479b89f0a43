package dev.confidant.pii.internal.recognize;

import static dev.confidant.pii.EntityType.CREDIT_CARD;
import static dev.confidant.pii.EntityType.EMAIL;
import static dev.confidant.pii.EntityType.IP_ADDRESS;
import static dev.confidant.pii.EntityType.URL;
import static dev.confidant.pii.internal.recognize.Prefilter.ALNUM;
import static dev.confidant.pii.internal.recognize.Prefilter.DIGITS;
import static dev.confidant.pii.internal.recognize.Prefilter.WORD;

import java.util.List;
import java.util.Set;

/**
 * Rules for e-mail addresses, payment cards, IP addresses, URLs and domains. Every repetition is bounded or
 * possessive: each candidate scan is linear, whatever the input.
 */
final class StructuredRules {
  private StructuredRules() {}

  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}+)";
  /** Frequent generic and country TLDs; a bare "word.word" needs one of these to count as a domain. */
  private static final String TLDS = "com|org|net|edu|gov|mil|int|info|biz|io|ai|app|dev|co|me|eu|de|at|ch|uk|fr|"
      + "it|es|nl|be|pl|se|no|dk|fi|ie|pt|cz|sk|hu|ro|bg|gr|hr|si|rs|ee|lv|lt|lu|li|is|mt|cy|tr|ua|il|ae|sa|za|"
      + "us|ca|au|nz|in|jp|cn|kr|tw|hk|sg|my|ph|th|vn|id|ru|br|mx|ar|cl|pe|ng|ke|eg|ma|online|shop|tech|cloud|"
      + "site|xyz|top|store|blog|news|pro|name|mobi|email|live|agency|company|group|solutions|services";

  private static final Set<String> CARD_CUES = Set.of("card", "credit", "visa", "mastercard", "amex", "karte",
      "kreditkarte", "cc", "payment", "debit");

  static List<Rule> rules() {
    return List.of(
        Rule.of("email", EMAIL,
            // A leading dot is not valid, but the rest of such an address is personal all the same: ".stark@x.com".
            "(?<![\\w.%+'-])\\.?[\\w%+'-](?:[\\w.%+'-]{0,63}+)@(?:" + LABEL + "\\.){1,8}(?:[A-Za-z]{2,24}+|xn--[A-Za-z0-9-]{1,59}+)(?![\\w-])",
            s -> !s.contains(".."), 0.9, Set.of("email", "mail", "e", "contact", "an"))
            .withPrefilter(Prefilter.of(WORD + ".%+'-", WORD + ".%+'-", 0).requiring('@')),
        Rule.of("card", CREDIT_CARD, "(?<![\\d.-])(?:\\d{4}([ -]?)\\d{4}\\1\\d{4}(?:\\1\\d{1,7})?|\\d{4}([ -]?)\\d{6}\\2\\d{4,5}"
            + "|\\d{12,19})(?![\\d])",
            Validators::card, 0.9, CARD_CUES)
            .withPrefilter(Prefilter.of(DIGITS, DIGITS + ".-", 12).at((t, p) -> {
              int run = Prefilter.digitRun(t, p);
              return run == 4 || run >= 12 && run <= 19;
            })),
        // A 19-digit card grouped 4-4-4-4-3 (Visa, Maestro, UnionPay, JCB): its own rule, because the rule above must
        // keep reading a 16-digit card that three other digits follow, and a rule's check cannot fall back to a
        // shorter match. Where both hold a valid card, the overlap resolver masks the union.
        Rule.of("card", CREDIT_CARD, "(?<![\\d.-])\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{4}\\1\\d{3}(?![\\d])",
            Validators::card, 0.9, CARD_CUES)
            .withPrefilter(Prefilter.of(DIGITS, DIGITS + ".-", 19).at((t, p) -> Prefilter.digitRun(t, p) == 4)),
        Rule.of("ipv4", IP_ADDRESS,
            "(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
                + "(?:/(?:3[0-2]|[12]?\\d)(?!\\d))?(?![\\w]|\\.\\d)",
            s -> true, 0.8, Set.of("ip", "address", "server", "host", "adresse", "ipv4"))
            .withPrefilter(Prefilter.of(DIGITS, WORD + ".", 4).requiring('.').at((t, p) -> {
              int run = Prefilter.digitRun(t, p);
              return run <= 3 && Prefilter.charAt(t, p + run, '.');
            })),
        Rule.of("ipv6", IP_ADDRESS,
            "(?i)(?<![\\w:.])(?:[0-9a-f]{0,4}+:){2,7}+(?:(?:\\d{1,3}\\.){3}\\d{1,3}|[0-9a-f]{1,4}+)?"
                + "(?:%[\\w]{1,16}+)?(?:/(?:12[0-8]|1[01]\\d|[1-9]?\\d)(?!\\d))?(?![\\w:]|\\.\\d)",
            s -> Validators.ipv6(s.indexOf('/') < 0 ? s : s.substring(0, s.indexOf('/'))), 0.8, Set.of("ip", "address", "ipv6", "server", "host"))
            .withPrefilter(Prefilter.of(DIGITS + "abcdefABCDEF:", WORD + ":.", 0).requiring(':').at((t, p) -> {
              int run = 0;
              while (p + run < t.length() && Character.digit(t.charAt(p + run), 16) >= 0 && t.charAt(p + run) < 128) {
                run++;
              }
              return run <= 4 && Prefilter.charAt(t, p + run, ':');
            })),
        Rule.of("url", URL, "(?i)\\b(?:(?:https?|ftp)://[^\\s<>\"'`]{1,2047}+|www\\.[^\\s<>\"'`.]{1,63}+\\.[^\\s<>\"'`]{1,2047}+)",
            s -> true, 0.6, Set.of("url", "link", "website", "site", "homepage", "webseite"))
            .withPrefilter(Prefilter.of("hHfFwW", WORD, 0).at((t, p) -> t.regionMatches(true, p, "http", 0, 4)
                || t.regionMatches(true, p, "ftp:", 0, 4) || t.regionMatches(true, p, "www.", 0, 4))),
        Rule.of("domain", URL,
            "(?i)(?<![\\w@.-])(?:" + LABEL + "\\.){1,5}(?:" + TLDS + ")(?![\\w@-]|\\.[a-z0-9])",
            s -> true, 0.5, Set.of("domain", "website", "site", "visit", "url", "webseite"))
            .withPrefilter(Prefilter.of(ALNUM, WORD + "@.-", 0).requiring('.').at(StructuredRules::labelThenDot)));
  }

  /** Whether a {@link #LABEL} (a possessive run of at most 63) starts at {@code p} and a '.' and label follow. */
  private static boolean labelThenDot(String text, int p) {
    int i = p;
    while (i < text.length() && (Prefilter.isLetter(text.charAt(i)) || Prefilter.isDigit(text.charAt(i))
        || text.charAt(i) == '-')) {
      i++;
    }
    return i - p <= 63 && Prefilter.charAt(text, i, '.') && i + 1 < text.length()
        && (Prefilter.isLetter(text.charAt(i + 1)) || Prefilter.isDigit(text.charAt(i + 1)));
  }
}
