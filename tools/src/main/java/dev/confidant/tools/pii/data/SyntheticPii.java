package dev.confidant.tools.pii.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.datafaker.Faker;
import net.datafaker.providers.base.Finance;

/**
 * Our synthetic multi-country PII sentences: templates we wrote in English, German, French, Spanish, Italian and Dutch,
 * filled with per-locale fake values from datafaker (Apache-2.0; names, streets, postcodes, cities, companies,
 * phones of 18 European and North American locales), some in lower case, some addresses over several lines. Each
 * example knows its gold spans. A seed fixes a split: {@link #DEV_SEED} for tuning, {@link #TEST_SEED} kept for the
 * final figures. Not thread-safe (one generator per thread).
 */
public final class SyntheticPii {
  /** The split that detectors may be tuned on. */
  public static final long DEV_SEED = 20261207L;
  /** The split kept untouched until the figures are reported. */
  public static final long TEST_SEED = 7;

  private static final List<String> LOCALES = List.of("en-US", "en-GB", "de-DE", "de-AT", "de-CH", "fr-FR", "fr-CH",
      "es-ES", "it-IT", "nl-NL", "nl-BE", "da-DK", "sv-SE", "nb-NO", "fi-FI", "pl-PL", "cs-CZ", "hu-HU", "el-GR",
      "pt-PT");

  /**
   * Templates by language. Slots: {NAME}, {FIRST}, {CITY}, {COUNTRY}, {ADDRESS} (street line), {BLOCK} (a
   * multi-line address), {POSTCODE_CITY}, {PHONE}, {EMAIL}, {CARD}, {IBAN}, {COMPANY}, {ACCOUNT}.
   */
  private static final String[][] TEMPLATES = {
      {"en", "My name is {NAME} and I live at {ADDRESS}, {POSTCODE_CITY}."},
      {"en", "Please send the invoice to {NAME}, {ADDRESS}, {POSTCODE_CITY}, {COUNTRY}."},
      {"en", "Hi, this is {FIRST}. You can reach me on {PHONE} or {EMAIL}."},
      {"en", "Ship it to:\n{NAME}\n{BLOCK}"},
      {"en", "We moved from {CITY} to {ADDRESS} last month."},
      {"en", "Charge my card {CARD}, the account is under {NAME}."},
      {"en", "My customer number is {ACCOUNT}; I work for {COMPANY} in {CITY}."},
      {"en", "Transfer the refund to {IBAN} please, thanks {FIRST}"},
      {"de", "Guten Tag, ich bin {NAME} und wohne in der {ADDRESS}, {POSTCODE_CITY}."},
      {"de", "Meine Kundennummer lautet {ACCOUNT}, bitte rufen Sie mich unter {PHONE} an."},
      {"de", "Bitte schicken Sie die Unterlagen an:\n{NAME}\n{BLOCK}"},
      {"de", "Sehr geehrte Damen und Herren, meine neue Adresse ist {ADDRESS}, {POSTCODE_CITY}. Mit freundlichen Grüßen, {NAME}"},
      {"de", "Ich arbeite bei {COMPANY} in {CITY} und bin unter {EMAIL} erreichbar."},
      {"fr", "Bonjour, je m'appelle {NAME} et j'habite au {ADDRESS}, {POSTCODE_CITY}."},
      {"fr", "Mon numéro client est {ACCOUNT}, vous pouvez me joindre au {PHONE}."},
      {"fr", "Veuillez envoyer le colis à :\n{NAME}\n{BLOCK}"},
      {"es", "Hola, me llamo {NAME} y vivo en {ADDRESS}, {POSTCODE_CITY}, {COUNTRY}."},
      {"es", "Mi número de cliente es {ACCOUNT} y mi correo es {EMAIL}."},
      {"it", "Buongiorno, sono {NAME}, abito in {ADDRESS}, {POSTCODE_CITY}."},
      {"it", "Il mio codice cliente è {ACCOUNT}; lavoro per {COMPANY} a {CITY}."},
      {"nl", "Goedemorgen, ik ben {NAME} en woon op {ADDRESS}, {POSTCODE_CITY}."},
      {"nl", "Mijn klantnummer is {ACCOUNT}, bel me op {PHONE} alstublieft."},
      {"nl", "Stuur het pakket naar:\n{NAME}\n{BLOCK}"}};

  private final Random random;
  private final List<Faker> fakers = new ArrayList<>();

  public SyntheticPii(long seed) {
    this.random = new Random(seed);
    for (String tag : LOCALES) {
      fakers.add(new Faker(Locale.forLanguageTag(tag), new Random(random.nextLong())));
    }
  }

  /** One gold span: its class (Presidio-style names) and offsets into the text. */
  public record Span(String type, int start, int end) {}

  /**
   * One generated example.
   *
   * @param locale the locale of the fake values
   * @param language the ISO 639-1 code of the template's language
   */
  public record Example(String text, List<Span> spans, String locale, boolean lowerCase, String language) {}

  /** The next example. */
  public Example next() {
    int li = random.nextInt(LOCALES.size());
    Faker f = fakers.get(li);
    String[] template = TEMPLATES[random.nextInt(TEMPLATES.length)];
    boolean lower = random.nextInt(5) == 0;
    StringBuilder text = new StringBuilder();
    List<Span> spans = new ArrayList<>();
    String t = template[1];
    int i = 0;
    while (i < t.length()) {
      int open = t.indexOf('{', i);
      if (open < 0) {
        text.append(t, i, t.length());
        break;
      }
      text.append(t, i, open);
      int close = t.indexOf('}', open);
      String slot = t.substring(open + 1, close);
      fill(f, slot, text, spans);
      i = close + 1;
    }
    String s = text.toString();
    return new Example(lower ? s.toLowerCase(Locale.ROOT) : s, spans, LOCALES.get(li), lower, template[0]);
  }

  private void fill(Faker f, String slot, StringBuilder text, List<Span> spans) {
    switch (slot) {
      case "NAME" -> add(text, spans, "PERSON", f.name().firstName() + " " + f.name().lastName());
      case "FIRST" -> add(text, spans, "PERSON", f.name().firstName());
      case "CITY" -> add(text, spans, "LOCATION", f.address().city());
      case "COUNTRY" -> add(text, spans, "LOCATION", f.address().country());
      case "ADDRESS" -> add(text, spans, "ADDRESS", street(f));
      case "POSTCODE_CITY" -> add(text, spans, "ADDRESS", f.address().zipCode() + " " + f.address().city());
      case "BLOCK" -> {
        String sep = random.nextBoolean() ? "\n" : ", ";
        StringBuilder b = new StringBuilder(street(f));
        if (random.nextInt(3) == 0) {
          b.append(sep).append(f.address().secondaryAddress());
        }
        b.append(sep).append(f.address().zipCode()).append(' ').append(f.address().city());
        if (random.nextBoolean()) {
          b.append(sep).append(f.address().country());
        }
        add(text, spans, "ADDRESS", b.toString());
      }
      case "PHONE" -> add(text, spans, "PHONE_NUMBER", f.phoneNumber().phoneNumber());
      case "EMAIL" -> add(text, spans, "EMAIL_ADDRESS", f.internet().emailAddress());
      case "CARD" -> add(text, spans, "CREDIT_CARD", f.finance().creditCard(CARDS[random.nextInt(CARDS.length)])
          .replaceAll("[^0-9 -]", ""));
      case "IBAN" -> add(text, spans, "IBAN_CODE", f.finance().iban(IBAN_COUNTRIES[random.nextInt(
          IBAN_COUNTRIES.length)]));
      case "COMPANY" -> add(text, spans, "ORGANIZATION", f.company().name());
      case "ACCOUNT" -> add(text, spans, "ACCOUNT_ID", account());
      default -> throw new IllegalArgumentException("unknown slot " + slot);
    }
  }

  private static final Finance.CreditCardType[] CARDS = Finance.CreditCardType.values();
  private static final String[] IBAN_COUNTRIES = {"DE", "FR", "ES", "IT", "NL", "BE", "AT", "CH", "GB", "PL", "DK",
      "SE", "FI", "PT", "GR", "CZ", "HU", "IE", "NO"};

  private String street(Faker f) {
    String s = f.address().streetAddress();
    return random.nextInt(4) == 0 ? s + " " + f.address().secondaryAddress() : s;
  }

  private String account() {
    String[] prefixes = {"", "KD-", "C-", "", "AC", "V-"};
    return prefixes[random.nextInt(prefixes.length)] + (100000 + random.nextInt(90_000_000));
  }

  private static void add(StringBuilder text, List<Span> spans, String type, String value) {
    int start = text.length();
    text.append(value);
    spans.add(new Span(type, start, text.length()));
  }
}
