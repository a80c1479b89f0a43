package dev.confidant.tools.pii.data;

import java.time.DayOfWeek;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.datafaker.Faker;

/**
 * Generated customer-support messages in English, German, French, Spanish, Italian and Dutch, the texts issue 18 asks
 * every language to handle as well as English: a greeting or salutation, a self-introduction, a complaint naming a
 * weekday or a date, a customer, account or contract number after the language's cue word, an address with its
 * postcode, a phone number and a sign-off with the writer's name; or the same as a form with labels. Values come
 * from datafaker (Apache-2.0) in the language's own locales, the texts are our own. Each example knows its gold
 * spans (personal values) and its plain spans by category ({@code greeting}, {@code label}, {@code calendar},
 * {@code sign-off}): words that must never be masked. A sixth of the messages are in lower case, as chat writes
 * them. A seed fixes a split: {@link #DEV_SEED} for tuning, {@link #TEST_SEED} kept for the final figures. Not
 * thread-safe (one generator per thread).
 */
public final class SupportTexts {
  /** The split that detectors may be tuned on. */
  public static final long DEV_SEED = 20261208L;
  /** The split kept untouched until the figures are reported. */
  public static final long TEST_SEED = 8;
  /** The languages, in the order the evaluation reports them. */
  public static final List<String> LANGUAGES = List.of("en", "de", "fr", "es", "it", "nl");

  /**
   * One language's pieces. Markup: {@code {SLOT}} is a personal value (gold span) or a calendar word, {@code [g:...]}
   * a greeting or salutation, {@code [l:...]} a form label or service word, {@code [c:...]} a calendar word,
   * {@code [s:...]} a closing formula (plain spans). Slots: NAME, FIRST, LAST (persons), ADDRESS (street, postcode
   * and city as one span), STREET, ZIP (addresses), CITY (a location), PHONE, ACCOUNT (an identifier), DOB (a date
   * of birth), WEEKDAY, DATE (a day and a month name; the month is a calendar word), ACCOUNT_CUE (a cue word of the
   * language, a label).
   */
  private record Language(Locale locale, List<String> locales, String[] greetings, String[] intros,
      String[] problems, String[] cues, String[] accounts, String[] addresses, String[] phones, String[] closings,
      String[] forms) {}

  private static final Map<String, Language> PIECES = Map.of(
      "en", new Language(Locale.ENGLISH, List.of("en-US", "en-GB", "en-IE"),
          new String[] {"[g:Hello],", "[g:Hi],", "[g:Good morning],", "[g:Good afternoon],", "[g:Dear Sir or Madam],",
              "[g:Dear support team],", "[g:Dear] Mr {LAST},", "[g:Hello] {FIRST},"},
          new String[] {"My name is {NAME}.", "This is {NAME} writing.", "I am {NAME} and I have a question about my "
              + "contract.", "I'm writing on behalf of my mother, {NAME}."},
          new String[] {"Since [c:{WEEKDAY}] my internet connection keeps dropping.",
              "On [c:{WEEKDAY}], {DATE} I ordered a router but it has not arrived yet.",
              "My last bill from {DATE} is too high.", "I called the [l:hotline] on [c:{WEEKDAY}] but nobody answered.",
              "The technician did not show up on [c:{WEEKDAY}] [c:morning]."},
          new String[] {"customer number", "account number", "contract number", "customer ID", "policy number"},
          new String[] {"My [l:{ACCOUNT_CUE}] is {ACCOUNT}.", "[l:{ACCOUNT_CUE}]: {ACCOUNT}",
              "It concerns [l:{ACCOUNT_CUE}] {ACCOUNT}."},
          new String[] {"My new address is {ADDRESS}.", "Please send the letter to {ADDRESS}.",
              "I moved to {ADDRESS} in [c:{MONTH}]."},
          new String[] {"You can reach me at {PHONE}.", "Please call me back on {PHONE}.", "My phone number is {PHONE}."},
          new String[] {"[s:Best regards],\n{NAME}", "[s:Kind regards],\n{NAME}", "[s:Thanks],\n{FIRST}",
              "[s:Many thanks] {NAME}", "[s:Regards],\n{NAME}"},
          new String[] {"[l:Name]: {NAME}", "[l:Address]: {STREET}", "[l:Postcode]: {ZIP}", "[l:City]: {CITY}",
              "[l:Phone]: {PHONE}", "[l:{ACCOUNT_CUE}]: {ACCOUNT}", "[l:Date of birth]: {DOB}",
              "[l:Subject]: [l:Invoice] {DATE}"}),
      "de", new Language(Locale.GERMAN, List.of("de-DE", "de-AT", "de-CH"),
          new String[] {"[g:Guten Tag],", "[g:Hallo],", "[g:Guten Morgen],", "[g:Sehr geehrte Damen und Herren],",
              "[g:Liebes Support-Team],", "[g:Sehr geehrter Herr] {LAST},", "[g:Sehr geehrte Frau] {LAST},",
              "[g:Hallo] {FIRST},", "[g:Moin],"},
          new String[] {"Mein Name ist {NAME}.", "Ich bin {NAME} und habe eine Frage zu meinem Vertrag.",
              "Hier schreibt {NAME}.", "Ich schreibe für meine Mutter, {NAME}."},
          new String[] {"Seit [c:{WEEKDAY}] bricht meine Internetverbindung ständig ab.",
              "Am [c:{WEEKDAY}], den {DATE} habe ich einen Router bestellt, er ist noch nicht angekommen.",
              "Meine letzte Rechnung vom {DATE} ist zu hoch.",
              "Ich habe am [c:{WEEKDAY}] die [l:Hotline] angerufen, aber niemand ging ran.",
              "Der Techniker ist am [c:{WEEKDAY}] [c:Vormittag] nicht gekommen."},
          new String[] {"Kundennummer", "Vertragsnummer", "Kundennr.", "Versicherungsnummer", "Mitgliedsnummer"},
          new String[] {"Meine [l:{ACCOUNT_CUE}] ist {ACCOUNT}.", "[l:{ACCOUNT_CUE}]: {ACCOUNT}",
              "Es geht um die [l:{ACCOUNT_CUE}] {ACCOUNT}."},
          new String[] {"Meine neue Adresse ist {ADDRESS}.", "Bitte schicken Sie den Brief an {ADDRESS}.",
              "Ich bin im [c:{MONTH}] nach {ADDRESS} umgezogen."},
          new String[] {"Sie erreichen mich unter {PHONE}.", "Bitte rufen Sie mich unter {PHONE} zurück.",
              "Meine Telefonnummer ist {PHONE}."},
          new String[] {"[s:Mit freundlichen Grüßen],\n{NAME}", "[s:Viele Grüße],\n{NAME}", "[s:Danke],\n{FIRST}",
              "[s:Beste Grüße] {NAME}", "[s:MfG]\n{NAME}"},
          new String[] {"[l:Name]: {NAME}", "[l:Adresse]: {STREET}", "[l:PLZ]: {ZIP}", "[l:Ort]: {CITY}",
              "[l:Telefon]: {PHONE}", "[l:{ACCOUNT_CUE}]: {ACCOUNT}", "[l:Geburtsdatum]: {DOB}",
              "[l:Betreff]: [l:Rechnung] {DATE}"}),
      "fr", new Language(Locale.FRENCH, List.of("fr-FR", "fr-CH"),
          new String[] {"[g:Bonjour],", "[g:Bonsoir],", "[g:Madame, Monsieur],", "[g:Chère équipe],",
              "[g:Bonjour Madame] {LAST},", "[g:Bonjour] {FIRST},", "[g:Salut],"},
          new String[] {"Je m'appelle {NAME}.", "Je suis {NAME} et j'ai une question sur mon contrat.",
              "C'est {NAME} qui vous écrit.", "J'écris pour ma mère, {NAME}."},
          new String[] {"Depuis [c:{WEEKDAY}] ma connexion internet coupe sans arrêt.",
              "Le [c:{WEEKDAY}] {DATE} j'ai commandé un routeur, il n'est toujours pas arrivé.",
              "Ma dernière facture du {DATE} est trop élevée.",
              "J'ai appelé la [l:hotline] [c:{WEEKDAY}] mais personne n'a répondu.",
              "Le technicien n'est pas venu [c:{WEEKDAY}] [c:matin]."},
          new String[] {"numéro client", "numéro de contrat", "numéro de compte", "référence client",
              "numéro d'adhérent"},
          new String[] {"Mon [l:{ACCOUNT_CUE}] est {ACCOUNT}.", "[l:{ACCOUNT_CUE}] : {ACCOUNT}",
              "Il s'agit du [l:{ACCOUNT_CUE}] {ACCOUNT}."},
          new String[] {"Ma nouvelle adresse est {ADDRESS}.", "Merci d'envoyer le courrier au {ADDRESS}.",
              "J'ai déménagé en [c:{MONTH}] au {ADDRESS}."},
          new String[] {"Vous pouvez me joindre au {PHONE}.", "Merci de me rappeler au {PHONE}.",
              "Mon numéro de téléphone est le {PHONE}."},
          new String[] {"[s:Cordialement],\n{NAME}", "[s:Bien à vous],\n{NAME}", "[s:Merci],\n{FIRST}",
              "[s:Bien cordialement] {NAME}", "[s:Salutations distinguées],\n{NAME}"},
          new String[] {"[l:Nom] : {NAME}", "[l:Adresse] : {STREET}", "[l:Code postal] : {ZIP}", "[l:Ville] : {CITY}",
              "[l:Téléphone] : {PHONE}", "[l:{ACCOUNT_CUE}] : {ACCOUNT}", "[l:Date de naissance] : {DOB}",
              "[l:Objet] : [l:Facture] du {DATE}"}),
      "es", new Language(Locale.forLanguageTag("es"), List.of("es-ES", "es-MX"),
          new String[] {"[g:Hola],", "[g:Buenos días],", "[g:Buenas tardes],", "[g:Estimados señores]:",
              "[g:Estimado equipo de soporte]:", "[g:Estimada señora] {LAST}:", "[g:Hola] {FIRST},"},
          new String[] {"Me llamo {NAME}.", "Soy {NAME} y tengo una pregunta sobre mi contrato.",
              "Les escribe {NAME}.", "Escribo en nombre de mi madre, {NAME}."},
          new String[] {"Desde el [c:{WEEKDAY}] mi conexión a internet se corta todo el rato.",
              "El [c:{WEEKDAY}] {DATE} pedí un router y todavía no ha llegado.",
              "Mi última factura del {DATE} es demasiado alta.",
              "Llamé a la [l:línea de atención] el [c:{WEEKDAY}] pero nadie contestó.",
              "El técnico no vino el [c:{WEEKDAY}] por la [c:mañana]."},
          new String[] {"número de cliente", "número de contrato", "número de cuenta", "número de póliza",
              "código de cliente"},
          new String[] {"Mi [l:{ACCOUNT_CUE}] es {ACCOUNT}.", "[l:{ACCOUNT_CUE}]: {ACCOUNT}",
              "Se trata del [l:{ACCOUNT_CUE}] {ACCOUNT}."},
          new String[] {"Mi nueva dirección es {ADDRESS}.", "Por favor, envíen la carta a {ADDRESS}.",
              "En [c:{MONTH}] me mudé a {ADDRESS}."},
          new String[] {"Pueden localizarme en el {PHONE}.", "Por favor, llámenme al {PHONE}.",
              "Mi número de teléfono es {PHONE}."},
          new String[] {"[s:Saludos],\n{NAME}", "[s:Atentamente],\n{NAME}", "[s:Gracias],\n{FIRST}",
              "[s:Un saludo] {NAME}", "[s:Saludos cordiales],\n{NAME}"},
          new String[] {"[l:Nombre]: {NAME}", "[l:Dirección]: {STREET}", "[l:Código postal]: {ZIP}",
              "[l:Ciudad]: {CITY}", "[l:Teléfono]: {PHONE}", "[l:{ACCOUNT_CUE}]: {ACCOUNT}",
              "[l:Fecha de nacimiento]: {DOB}", "[l:Asunto]: [l:Factura] del {DATE}"}),
      "it", new Language(Locale.ITALIAN, List.of("it-IT"),
          new String[] {"[g:Buongiorno],", "[g:Buonasera],", "[g:Salve],", "[g:Gentili signori],",
              "[g:Gentile assistenza],", "[g:Gentile signora] {LAST},", "[g:Ciao] {FIRST},"},
          new String[] {"Mi chiamo {NAME}.", "Sono {NAME} e ho una domanda sul mio contratto.",
              "Vi scrive {NAME}.", "Scrivo per conto di mia madre, {NAME}."},
          new String[] {"Da [c:{WEEKDAY}] la mia connessione internet cade in continuazione.",
              "[c:{WEEKDAY}] {DATE} ho ordinato un router ma non è ancora arrivato.",
              "La mia ultima bolletta del {DATE} è troppo alta.",
              "Ho chiamato il [l:servizio clienti] [c:{WEEKDAY}] ma nessuno ha risposto.",
              "Il tecnico non è venuto [c:{WEEKDAY}] [c:mattina]."},
          new String[] {"codice cliente", "numero di contratto", "numero cliente", "numero di polizza",
              "numero di conto"},
          new String[] {"Il mio [l:{ACCOUNT_CUE}] è {ACCOUNT}.", "[l:{ACCOUNT_CUE}]: {ACCOUNT}",
              "Si tratta del [l:{ACCOUNT_CUE}] {ACCOUNT}."},
          new String[] {"Il mio nuovo indirizzo è {ADDRESS}.", "Per favore inviate la lettera a {ADDRESS}.",
              "A [c:{MONTH}] mi sono trasferito in {ADDRESS}."},
          new String[] {"Potete contattarmi al {PHONE}.", "Per favore richiamatemi al {PHONE}.",
              "Il mio numero di telefono è {PHONE}."},
          new String[] {"[s:Cordiali saluti],\n{NAME}", "[s:Distinti saluti],\n{NAME}", "[s:Grazie],\n{FIRST}",
              "[s:Saluti] {NAME}", "[s:Un saluto],\n{NAME}"},
          new String[] {"[l:Nome]: {NAME}", "[l:Indirizzo]: {STREET}", "[l:CAP]: {ZIP}", "[l:Città]: {CITY}",
              "[l:Telefono]: {PHONE}", "[l:{ACCOUNT_CUE}]: {ACCOUNT}", "[l:Data di nascita]: {DOB}",
              "[l:Oggetto]: [l:Fattura] del {DATE}"}),
      "nl", new Language(Locale.forLanguageTag("nl"), List.of("nl-NL", "nl-BE"),
          new String[] {"[g:Goedemorgen],", "[g:Goedemiddag],", "[g:Hallo],", "[g:Geachte heer, mevrouw],",
              "[g:Beste klantenservice],", "[g:Geachte mevrouw] {LAST},", "[g:Beste] {FIRST},", "[g:Hoi],"},
          new String[] {"Mijn naam is {NAME}.", "Ik ben {NAME} en ik heb een vraag over mijn contract.",
              "U spreekt met {NAME}.", "Ik schrijf namens mijn moeder, {NAME}."},
          new String[] {"Sinds [c:{WEEKDAY}] valt mijn internetverbinding steeds weg.",
              "Op [c:{WEEKDAY}] {DATE} heb ik een router besteld, maar die is nog niet aangekomen.",
              "Mijn laatste factuur van {DATE} is te hoog.",
              "Ik heb [c:{WEEKDAY}] de [l:klantenservice] gebeld, maar niemand nam op.",
              "De monteur is [c:{WEEKDAY}][c:ochtend] niet gekomen."},
          new String[] {"klantnummer", "contractnummer", "polisnummer", "lidnummer", "klantnr."},
          new String[] {"Mijn [l:{ACCOUNT_CUE}] is {ACCOUNT}.", "[l:{ACCOUNT_CUE}]: {ACCOUNT}",
              "Het gaat om [l:{ACCOUNT_CUE}] {ACCOUNT}."},
          new String[] {"Mijn nieuwe adres is {ADDRESS}.", "Stuur de brief alstublieft naar {ADDRESS}.",
              "In [c:{MONTH}] ben ik verhuisd naar {ADDRESS}."},
          new String[] {"U kunt mij bereiken op {PHONE}.", "Wilt u mij terugbellen op {PHONE}?",
              "Mijn telefoonnummer is {PHONE}."},
          new String[] {"[s:Met vriendelijke groet],\n{NAME}", "[s:Groeten],\n{NAME}", "[s:Bedankt],\n{FIRST}",
              "[s:Hartelijke groet] {NAME}", "[s:Mvg],\n{NAME}"},
          new String[] {"[l:Naam]: {NAME}", "[l:Adres]: {STREET}", "[l:Postcode]: {ZIP}", "[l:Plaats]: {CITY}",
              "[l:Telefoon]: {PHONE}", "[l:{ACCOUNT_CUE}]: {ACCOUNT}", "[l:Geboortedatum]: {DOB}",
              "[l:Onderwerp]: [l:Factuur] van {DATE}"}));

  private final Random random;
  private final Map<String, List<Faker>> fakers = new java.util.HashMap<>();

  public SupportTexts(long seed) {
    this.random = new Random(seed);
    for (String language : LANGUAGES) {
      List<Faker> list = new ArrayList<>();
      for (String tag : PIECES.get(language).locales()) {
        list.add(new Faker(Locale.forLanguageTag(tag), new Random(random.nextLong())));
      }
      fakers.put(language, list);
    }
  }

  /** A span: a gold type (PERSON, ADDRESS, LOCATION, PHONE_NUMBER, ACCOUNT_ID, DATE_OF_BIRTH) or a plain category. */
  public record Span(String type, int start, int end) {}

  /**
   * One generated message.
   *
   * @param gold the personal values
   * @param plain the words that must stay in clear, by category: greeting, label, calendar, sign-off
   */
  public record Example(String text, List<Span> gold, List<Span> plain, String language, String locale,
      boolean lowerCase) {}

  /** The next message in {@code language} (one of {@link #LANGUAGES}). */
  public Example next(String language) {
    Language l = PIECES.get(language);
    List<Faker> fs = fakers.get(language);
    int fi = random.nextInt(fs.size());
    Faker f = fs.get(fi);
    Builder b = new Builder(l, f);
    b.piece(pick(l.greetings())).text("\n\n");
    if (random.nextInt(4) == 0) {
      for (String field : l.forms()) {
        if (random.nextInt(5) > 0) {
          b.piece(field).text("\n");
        }
      }
      b.text("\n");
      b.piece(pick(l.problems()));
    } else {
      List<String[]> middle = new ArrayList<>(List.of(l.intros(), l.problems(), l.accounts(), l.addresses(),
          l.phones()));
      for (String[] options : middle) {
        if (options == l.problems() || random.nextInt(6) > 0) {
          b.piece(pick(options)).text(" ");
        }
      }
    }
    b.text("\n\n").piece(pick(l.closings()));
    boolean lower = random.nextInt(6) == 0;
    String text = b.text.toString();
    return new Example(lower ? text.toLowerCase(l.locale()) : text, List.copyOf(b.gold), List.copyOf(b.plain),
        language, l.locales().get(fi), lower);
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }

  /** Writes one message, keeping the offsets of its spans. */
  private final class Builder {
    private final Language language;
    private final Faker faker;
    private final StringBuilder text = new StringBuilder();
    private final List<Span> gold = new ArrayList<>();
    private final List<Span> plain = new ArrayList<>();

    Builder(Language language, Faker faker) {
      this.language = language;
      this.faker = faker;
    }

    Builder text(String s) {
      text.append(s);
      return this;
    }

    /** Appends a piece with its markup resolved. */
    Builder piece(String piece) {
      int i = 0;
      while (i < piece.length()) {
        char c = piece.charAt(i);
        if (c == '[' && i + 2 < piece.length() && piece.charAt(i + 2) == ':') {
          int close = piece.indexOf(']', i);
          String category = switch (piece.charAt(i + 1)) {
            case 'g' -> "greeting";
            case 'l' -> "label";
            case 'c' -> "calendar";
            default -> "sign-off";
          };
          int start = text.length();
          piece(piece.substring(i + 3, close));
          plain.add(new Span(category, start, text.length()));
          i = close + 1;
        } else if (c == '{') {
          int close = piece.indexOf('}', i);
          slot(piece.substring(i + 1, close));
          i = close + 1;
        } else {
          text.append(c);
          i++;
        }
      }
      return this;
    }

    private void slot(String slot) {
      switch (slot) {
        case "NAME" -> gold("PERSON", faker.name().firstName() + " " + faker.name().lastName());
        case "FIRST" -> gold("PERSON", faker.name().firstName());
        case "LAST" -> gold("PERSON", faker.name().lastName());
        case "ADDRESS" -> gold("ADDRESS", faker.address().streetAddress() + ", " + faker.address().zipCode() + " "
            + faker.address().city());
        case "STREET" -> gold("ADDRESS", faker.address().streetAddress());
        case "ZIP" -> gold("ADDRESS", faker.address().zipCode());
        case "CITY" -> gold("LOCATION", faker.address().city());
        case "PHONE" -> gold("PHONE_NUMBER", random.nextBoolean() ? faker.phoneNumber().phoneNumber()
            : faker.phoneNumber().cellPhone());
        case "ACCOUNT" -> gold("ACCOUNT_ID", account());
        case "ACCOUNT_CUE" -> text.append(pick(language.cues()));
        case "DOB" -> gold("DATE_OF_BIRTH", String.format("%02d.%02d.%d", 1 + random.nextInt(28),
            1 + random.nextInt(12), 1940 + random.nextInt(65)));
        case "WEEKDAY" -> text.append(DayOfWeek.of(1 + random.nextInt(7)).getDisplayName(TextStyle.FULL,
            language.locale()));
        case "MONTH" -> text.append(month());
        case "DATE" -> date();
        default -> throw new IllegalArgumentException("unknown slot " + slot);
      }
    }

    private String month() {
      return Month.of(1 + random.nextInt(12)).getDisplayName(TextStyle.FULL, language.locale());
    }

    /** A day and a month name as the language writes them ("12. März", "12 de marzo", "March 12"). */
    private void date() {
      int day = 1 + random.nextInt(28);
      String lang = language.locale().getLanguage();
      boolean monthFirst = lang.equals("en") && random.nextBoolean();
      if (!monthFirst) {
        text.append(day).append(lang.equals("de") ? ". " : lang.equals("es") ? " de " : " ");
      }
      int start = text.length();
      text.append(month());
      plain.add(new Span("calendar", start, text.length()));
      if (monthFirst) {
        text.append(' ').append(day);
      }
    }

    private void gold(String type, String value) {
      int start = text.length();
      text.append(value);
      gold.add(new Span(type, start, text.length()));
    }

    private String account() {
      String[] prefixes = {"", "KD-", "C", "", "AC-", "V", "K"};
      return prefixes[random.nextInt(prefixes.length)] + (10000 + random.nextInt(90_000_000));
    }
  }
}
