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
 * phones of 29 European, North American and Commonwealth locales), some in lower case, some addresses over several
 * lines. Besides chat sentences it writes the layouts a Presidio-style set holds: forms with labels, e-mails with a
 * signature, postal blocks one part per line (street, unit, city, state, postcode), a street or a postcode alone,
 * cities in capitals or lower case inside an ordinary sentence, the locale's own full-address format, phones in
 * national, international and mobile formats, US driver's licences of several states, Maestro and 15-digit JCB
 * cards, a street corner, a signature block with the city in capitals. Each example knows its gold spans. A seed fixes a split: {@link #DEV_SEED} for tuning, {@link #TEST_SEED}
 * kept for the final figures. Not thread-safe (one generator per thread).
 */
public final class SyntheticPii {
  /** The split that detectors may be tuned on. */
  public static final long DEV_SEED = 20261207L;
  /** The split kept untouched until the figures are reported. */
  public static final long TEST_SEED = 7;

  private static final List<String> LOCALES = List.of("en-US", "en-GB", "de-DE", "de-AT", "de-CH", "fr-FR", "fr-CH",
      "es-ES", "it-IT", "nl-NL", "nl-BE", "da-DK", "sv-SE", "nb-NO", "fi-FI", "pl-PL", "cs-CZ", "hu-HU", "el-GR",
      "pt-PT", "en-IE", "en-CA", "en-AU", "sk", "hr", "et", "lv", "bg", "en-NZ");

  /**
   * Templates by language. Slots: {NAME}, {FIRST}, {CITY}, {CITY_ANY} (a city as written, in capitals or in lower
   * case), {CITY_CAPS} (a city in capitals), {COUNTRY}, {ADDRESS} (street line), {STREET} (a street name alone), {BLOCK} (a multi-line address),
   * {LINES} (a postal block one part per line, each its own span), {FULL} (the locale's full address), {ZIP},
   * {POSTCODE_CITY}, {PHONE}, {EMAIL}, {CARD}, {IBAN}, {COMPANY}, {ACCOUNT}, {LICENCE} (a US driver's licence),
   * {SSN}, {IP}.
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
      {"en", "Billing address: {NAME}\n{LINES}"},
      {"en", "{NAME} has lived at {FULL} since 2019."},
      {"en", "The new office is on {STREET}, close to the station."},
      {"en", "ZIP: {ZIP}"},
      {"en", "We drove through {CITY_ANY} on the way to {CITY_ANY}."},
      {"en", "My driver's license number is {LICENCE}"},
      {"en", "Can you change my address to {FULL} for the statements?"},
      {"en", "{NAME}\n{COMPANY}\n{FULL}\nMobile: {PHONE}\nFax: {PHONE}"},
      {"en", "Name: {NAME}\nAddress: {ADDRESS}\nCity: {CITY}\nPostcode: {ZIP}\nPhone: {PHONE}"},
      {"en", "Hello {FIRST},\n\nthe documents are attached. Call me at {PHONE} if anything is missing.\n\nBest regards,\n{NAME}"},
      {"en", "please block card no {CARD}, i lost it in {CITY_ANY}"},
      {"en", "His social security number is {SSN} and he grew up in {CITY_ANY}."},
      {"en", "I keep getting blocked from {IP}, my login is {EMAIL}."},
      {"en", "I once lived at {FULL}. Now I live at {FULL}."},
      {"de", "Guten Tag, ich bin {NAME} und wohne in der {ADDRESS}, {POSTCODE_CITY}."},
      {"de", "Meine Kundennummer lautet {ACCOUNT}, bitte rufen Sie mich unter {PHONE} an."},
      {"de", "Bitte schicken Sie die Unterlagen an:\n{NAME}\n{BLOCK}"},
      {"de", "Sehr geehrte Damen und Herren, meine neue Adresse ist {ADDRESS}, {POSTCODE_CITY}. Mit freundlichen Grüßen, {NAME}"},
      {"de", "Ich arbeite bei {COMPANY} in {CITY} und bin unter {EMAIL} erreichbar."},
      {"de", "Name: {NAME}\nStraße: {ADDRESS}\nPLZ: {ZIP}\nOrt: {CITY}\nTelefon: {PHONE}"},
      {"de", "Wir ziehen nächsten Monat nach {CITY_ANY}, die neue Anschrift ist {FULL}."},
      {"fr", "Bonjour, je m'appelle {NAME} et j'habite au {ADDRESS}, {POSTCODE_CITY}."},
      {"fr", "Mon numéro client est {ACCOUNT}, vous pouvez me joindre au {PHONE}."},
      {"fr", "Veuillez envoyer le colis à :\n{NAME}\n{BLOCK}"},
      {"fr", "Nom : {NAME}\nAdresse : {ADDRESS}\nCode postal : {ZIP}\nVille : {CITY}\nTél. : {PHONE}"},
      {"es", "Hola, me llamo {NAME} y vivo en {ADDRESS}, {POSTCODE_CITY}, {COUNTRY}."},
      {"es", "Mi número de cliente es {ACCOUNT} y mi correo es {EMAIL}."},
      {"es", "Dirección de envío: {FULL}. Teléfono: {PHONE}"},
      {"it", "Buongiorno, sono {NAME}, abito in {ADDRESS}, {POSTCODE_CITY}."},
      {"it", "Il mio codice cliente è {ACCOUNT}; lavoro per {COMPANY} a {CITY}."},
      {"it", "Indirizzo di spedizione:\n{NAME}\n{BLOCK}\nCellulare: {PHONE}"},
      {"nl", "Goedemorgen, ik ben {NAME} en woon op {ADDRESS}, {POSTCODE_CITY}."},
      {"nl", "Mijn klantnummer is {ACCOUNT}, bel me op {PHONE} alstublieft."},
      {"nl", "Stuur het pakket naar:\n{NAME}\n{BLOCK}"},
      {"nl", "Adres: {FULL}\nTelefoon: {PHONE}"},
      // Presidio-style: a street corner, a signature block with the city in capitals, places alone in any case.
      {"en", "I now live in the corner of {STREET} and {STREET}."},
      {"en", "{NAME}\n{COMPANY}\n{ADDRESS}, {CITY_CAPS}, {COUNTRY}\n{PHONE}"},
      {"en", "My zip code is {ZIP} and my city is {CITY_ANY}."},
      {"en", "I'm flying to {CITY_ANY} next week, the hotel is on {STREET}."},
      {"de", "Wir sind letztes Jahr von {CITY_ANY} nach {CITY_ANY} gezogen."},
      {"fr", "J'habite à {CITY_ANY} depuis 2015, au {ADDRESS}."},
      {"es", "Vivo en {CITY_ANY}, {COUNTRY}, en {ADDRESS}."},
      {"it", "Abito a {CITY_ANY}, in {ADDRESS}."},
      {"nl", "Ik woon sinds kort in {CITY_ANY}, op {ADDRESS}."}};

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
      case "CITY_ANY" -> {
        String city = f.address().city();
        int c = random.nextInt(3);
        add(text, spans, "LOCATION", c == 0 ? city : c == 1 ? city.toUpperCase(Locale.ROOT)
            : city.toLowerCase(Locale.ROOT));
      }
      case "CITY_CAPS" -> add(text, spans, "LOCATION", f.address().city().toUpperCase(Locale.ROOT));
      case "COUNTRY" -> add(text, spans, "LOCATION", f.address().country());
      case "ADDRESS" -> add(text, spans, "ADDRESS", street(f));
      case "STREET" -> add(text, spans, "ADDRESS", f.address().streetName());
      case "FULL" -> add(text, spans, "ADDRESS", f.address().fullAddress());
      case "ZIP" -> add(text, spans, "ADDRESS", f.address().zipCode());
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
      case "LINES" -> lines(f, text, spans);
      case "PHONE" -> add(text, spans, "PHONE_NUMBER", phone(f));
      case "EMAIL" -> add(text, spans, "EMAIL_ADDRESS", f.internet().emailAddress());
      case "CARD" -> add(text, spans, "CREDIT_CARD", card(f));
      case "IBAN" -> add(text, spans, "IBAN_CODE", f.finance().iban(IBAN_COUNTRIES[random.nextInt(
          IBAN_COUNTRIES.length)]));
      case "COMPANY" -> add(text, spans, "ORGANIZATION", f.company().name());
      case "ACCOUNT" -> add(text, spans, "ACCOUNT_ID", account());
      case "LICENCE" -> add(text, spans, "US_DRIVER_LICENSE", licence());
      case "SSN" -> add(text, spans, "US_SSN", fakers.get(0).idNumber().ssnValid());
      case "IP" -> add(text, spans, "IP_ADDRESS", random.nextBoolean() ? f.internet().ipV4Address()
          : f.internet().ipV6Address());
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

  /**
   * A postal block one part per line, as forms and Presidio-style sets write it: building number and street, maybe
   * a unit, the city (a location), a US state code for US locales, the postcode, maybe the country (a location).
   */
  private void lines(Faker f, StringBuilder text, List<Span> spans) {
    String indent = random.nextBoolean() ? "" : "  ";
    text.append(indent);
    add(text, spans, "ADDRESS", f.address().streetAddress());
    if (random.nextBoolean()) {
      text.append('\n').append(indent);
      add(text, spans, "ADDRESS", f.address().secondaryAddress());
    }
    text.append('\n').append(indent);
    add(text, spans, "LOCATION", f.address().city());
    if (f == fakers.get(0)) { // en-US
      text.append('\n').append(indent);
      add(text, spans, "ADDRESS", f.address().stateAbbr());
    }
    text.append('\n').append(indent);
    if (random.nextBoolean()) {
      add(text, spans, "LOCATION", f.address().country());
      text.append(' ');
    }
    add(text, spans, "ADDRESS", f.address().zipCode());
  }

  private String phone(Faker f) {
    return switch (random.nextInt(4)) {
      case 0 -> f.phoneNumber().phoneNumberNational();
      case 1 -> f.phoneNumber().phoneNumberInternational();
      case 2 -> f.phoneNumber().cellPhone();
      default -> f.phoneNumber().phoneNumber();
    };
  }

  /** A card of datafaker's brands, a Maestro (12-19 digits) or a 15-digit JCB (1800, 2131), Luhn-valid. */
  private String card(Faker f) {
    int c = random.nextInt(CARDS.length + 2);
    if (c < CARDS.length) {
      return f.finance().creditCard(CARDS[c]).replaceAll("[^0-9 -]", "");
    }
    String[] maestro = {"5018", "5020", "5038", "5893", "6304", "6759", "6761", "6762", "6763"};
    String iin = c == CARDS.length ? maestro[random.nextInt(maestro.length)] : random.nextBoolean() ? "1800" : "2131";
    int length = c == CARDS.length ? 12 + random.nextInt(8) : 15;
    StringBuilder b = new StringBuilder(iin);
    while (b.length() < length - 1) {
      b.append((char) ('0' + random.nextInt(10)));
    }
    b.append(luhnDigit(b));
    return length == 16 && random.nextBoolean() ? b.toString().replaceAll("(\\d{4})(?=\\d)", "$1 ") : b.toString();
  }

  private static char luhnDigit(CharSequence payload) {
    int sum = 0;
    for (int i = payload.length() - 1, k = 0; i >= 0; i--, k++) {
      int d = payload.charAt(i) - '0';
      if (k % 2 == 0) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return (char) ('0' + (10 - sum % 10) % 10);
  }

  /**
   * A US driver's licence in one of several states' formats (CA, NY, FL, IL, TX, PA, WA, NJ, MI, OH, MA): L = a
   * letter, 9 = a digit, other characters as written.
   */
  private String licence() {
    String[] shapes = {"L9999999", "999 999 999", "999999999", "L999-999-99-999-9", "L999999999999",
        "L999-9999-9999", "99999999", "99 999 999", "WDLLLLL999LL", "L9999 99999 99999", "L 999 999 999 999",
        "LL999999", "S99999999"};
    String shape = shapes[random.nextInt(shapes.length)];
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < shape.length(); i++) {
      char c = shape.charAt(i);
      b.append(c == 'L' ? (char) ('A' + random.nextInt(26)) : c == '9' ? (char) ('0' + random.nextInt(10)) : c);
    }
    return b.toString();
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
