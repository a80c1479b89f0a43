package dev.confidant.tools.pii.train;

import dev.confidant.tools.pii.data.Conll;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Chat-like training sentences: our own templates (English, German, French, Spanish, Italian, Dutch;
 * pre-tokenized) filled with entity strings taken from the training split. WikiANN holds Wikipedia fragments;
 * without these the model rarely sees a name after "please call" or before "'s". Some templates hold no name
 * at all but capitalised greetings, calendar words and form labels, which are plain text. Person names are
 * lower-cased in a tenth of the sentences, as chat users write them. Deterministic for a seed.
 */
final class TemplateSentences {
  private TemplateSentences() {}

  private static final List<String> TEMPLATES = List.of(
      "Please call {PER} tomorrow morning .",
      "My name is {PER} and I work at {ORG} .",
      "Hi {PER} , can you send me the report ?",
      "I spoke with {PER} from {ORG} yesterday .",
      "{PER} will visit {LOC} next week .",
      "Can you write an email to {PER} about the invoice ?",
      "The contract with {ORG} was signed by {PER} .",
      "{PER} 's phone number is in the file .",
      "We are moving our office to {LOC} .",
      "Thanks , {PER}",
      "Best regards , {PER}",
      "Dear {PER} , thank you for your message .",
      "Summarize the meeting between {PER} and {PER} .",
      "{ORG} announced a new product in {LOC} .",
      "I have an appointment with {PER} on Monday .",
      "Our customer {ORG} from {LOC} complained about the delivery .",
      "Forward this to {PER} please .",
      "Is {PER} still working for {ORG} ?",
      "She flew from {LOC} to {LOC} .",
      "Ask {PER} whether {ORG} paid .",
      "Bitte rufen Sie {PER} morgen an .",
      "Mein Name ist {PER} und ich arbeite bei {ORG} .",
      "Hallo {PER} , kannst du mir den Bericht schicken ?",
      "Ich habe gestern mit {PER} von {ORG} gesprochen .",
      "{PER} fährt nächste Woche nach {LOC} .",
      "Schreib eine E-Mail an {PER} wegen der Rechnung .",
      "Der Vertrag mit {ORG} wurde von {PER} unterschrieben .",
      "Wir ziehen mit dem Büro nach {LOC} .",
      "Viele Grüße , {PER}",
      "Sehr geehrte Frau {PER} , vielen Dank für Ihre Nachricht .",
      "Sehr geehrter Herr {PER} ,",
      "Unser Kunde {ORG} aus {LOC} hat sich beschwert .",
      "Leite das bitte an {PER} weiter .",
      "Arbeitet {PER} noch bei {ORG} ?",
      "Das Treffen mit {PER} ist am Montag in {LOC} .",
      "what did {PER} say about {ORG}",
      "meeting with {PER} at 3pm",
      "{PER} and {PER} are on the team .",
      "i talked to {PER} yesterday and she said {ORG} will call back",
      "can you check the order for {PER} , she lives in {LOC}",
      "Hello , my name is {PER} and I live in {LOC} .",
      "{PER} works as a nurse at {ORG} in {LOC} .",
      "Please send the documents to {PER} at {ORG} .",
      "Thank you {PER} !",
      "Our meeting on Monday with {PER} was moved to Friday .",
      "See you next Tuesday in {LOC} .",
      "The invoice from January is still open .",
      "Good morning , I have a question about my account .",
      "Customer Number : 12345 Date of birth : 12.03.1980",
      "Guten Tag , ich habe eine Frage zu meiner Rechnung .",
      "Sehr geehrte Damen und Herren , bitte kündigen Sie meinen Vertrag zum 31. Januar .",
      "Ich bin {PER} und wohne in {LOC} .",
      "Kundennummer : 4711 , Geburtsdatum : 1. März 1985",
      "Am Montag habe ich mit {PER} von {ORG} telefoniert .",
      "Können Sie {PER} in {LOC} bitte zurückrufen ?",
      "Bonjour , je m' appelle {PER} et j' habite à {LOC} .",
      "Merci {PER} , je vous rappelle lundi .",
      "J' ai parlé avec {PER} de {ORG} hier .",
      "Pouvez-vous envoyer la facture à {PER} ?",
      "Madame , Monsieur , je voudrais résilier mon contrat .",
      "{PER} travaille chez {ORG} à {LOC} .",
      "Hola , me llamo {PER} y vivo en {LOC} .",
      "Ayer hablé con {PER} de {ORG} .",
      "¿ Puede llamar a {PER} el lunes ?",
      "Buenos días , tengo una pregunta sobre mi factura .",
      "{PER} trabaja en {ORG} en {LOC} .",
      "Saludos , {PER}",
      "Ciao , mi chiamo {PER} e abito a {LOC} .",
      "Ieri ho parlato con {PER} di {ORG} .",
      "Può richiamare {PER} lunedì ?",
      "Buongiorno , ho una domanda sulla mia fattura .",
      "{PER} lavora presso {ORG} a {LOC} .",
      "Cordiali saluti , {PER}",
      "Hallo , ik heet {PER} en ik woon in {LOC} .",
      "Gisteren heb ik met {PER} van {ORG} gesproken .",
      "Kunt u {PER} maandag terugbellen ?",
      "Goedemorgen , ik heb een vraag over mijn factuur .",
      "{PER} werkt bij {ORG} in {LOC} .",
      "Met vriendelijke groet , {PER}",
      "Attendees : {PER} , {PER} , {PER}",
      "cc {PER} , {PER}",
      "The report was written by {PER} and reviewed by {PER} .",
      "{PER} ( {ORG} ) will join the call .",
      "Please add {PER} to the distribution list .",
      "Teilnehmer : {PER} , {PER} und {PER}",
      "Invités : {PER} , {PER} et {PER}",
      "We signed with {ORG} last year .",
      "I bought it from {ORG} .",
      "Wir haben bei {ORG} bestellt .",
      "Nous travaillons avec {ORG} depuis 2019 .");

  /** Latin-script datafaker locales whose names fill a share of the person slots (names of many cultures). */
  private static final List<String> NAME_LOCALES = List.of("en-US", "en-GB", "en-IN", "en-NG", "en-PAK", "en-ZA",
      "en-PH", "de-DE", "de-AT", "de-CH", "fr-FR", "fr-CA", "es", "es-MX", "it", "nl", "nl-BE", "pl", "cs", "sk", "hu",
      "fi-FI", "sv-SE", "nb-NO", "da-DK", "pt", "pt-BR", "tr", "vi", "id", "ro-MD", "hr", "lv", "et", "sq");
  /** The share of person slots filled with a datafaker name instead of one from the training data. */
  static final double LEXICON_PERSONS = 0.5;
  /** The share of organisation slots filled with a datafaker company name. */
  static final double LEXICON_COMPANIES = 0.3;

  static List<Conll.Sentence> generate(List<Conll.Sentence> source, Random random, int count) {
    return generate(source, random, count, LEXICON_PERSONS, LEXICON_COMPANIES);
  }

  /**
   * {@link #generate(List, Random, int)} with other shares of datafaker persons and companies (0: only entities of
   * {@code source}, as a small test corpus needs).
   */
  static List<Conll.Sentence> generate(List<Conll.Sentence> source, Random random, int count, double persons,
      double companies) {
    List<net.datafaker.Faker> fakers = NAME_LOCALES.stream()
        .map(tag -> new net.datafaker.Faker(Locale.forLanguageTag(tag), new Random(random.nextLong()))).toList();
    Map<String, List<List<String>>> entities = Map.of("PER", new ArrayList<>(), "ORG", new ArrayList<>(),
        "LOC", new ArrayList<>());
    for (Conll.Sentence s : source) {
      collect(s, entities);
    }
    List<Conll.Sentence> out = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      String template = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
      List<String> tokens = new ArrayList<>();
      List<String> tags = new ArrayList<>();
      for (String word : template.split(" ")) {
        if (word.startsWith("{") && word.endsWith("}")) {
          String type = word.substring(1, word.length() - 1);
          List<List<String>> pool = entities.get(type);
          List<String> entity = pool.get(random.nextInt(pool.size()));
          // Some chat users do not capitalize names; teach the model a little of that.
          boolean lower = type.equals("PER") && random.nextInt(10) == 0;
          net.datafaker.Faker faker = fakers.get(random.nextInt(fakers.size()));
          if (type.equals("PER") && random.nextDouble() < persons) {
            entity = person(faker, random);
            lower = random.nextInt(6) == 0;
          } else if (type.equals("ORG") && random.nextDouble() < companies) {
            entity = tokens(faker.company().name());
          }
          for (int i = 0; i < entity.size(); i++) {
            tokens.add(lower ? entity.get(i).toLowerCase(Locale.ROOT) : entity.get(i));
            tags.add((i == 0 ? "B-" : "I-") + type);
          }
        } else {
          tokens.add(word);
          tags.add("O");
        }
      }
      out.add(new Conll.Sentence(tokens, tags));
    }
    return out;
  }

  /**
   * A datafaker person in one of the forms messages use: given name and surname, the surname alone, an initial
   * and the surname ("J. Smith"), the given name alone, or given name, initial and surname.
   */
  private static List<String> person(net.datafaker.Faker faker, Random random) {
    String first = faker.name().firstName();
    String last = faker.name().lastName();
    int form = random.nextInt(20);
    String name = form < 10 ? first + " " + last : form < 13 ? last : form < 16 ? first.charAt(0) + ". " + last
        : form < 18 ? first : first + " " + (char) ('A' + random.nextInt(26)) + ". " + last;
    return tokens(name);
  }

  /** Words, with commas and parentheses as tokens of their own. */
  private static List<String> tokens(String value) {
    List<String> out = new ArrayList<>();
    for (String w : value.trim().split("\\s+")) {
      boolean comma = w.endsWith(",") && w.length() > 1;
      String word = comma ? w.substring(0, w.length() - 1) : w;
      if (!word.isEmpty()) {
        out.add(word);
      }
      if (comma) {
        out.add(",");
      }
    }
    return out;
  }

  private static void collect(Conll.Sentence s, Map<String, List<List<String>>> entities) {
    List<String> current = null;
    String type = null;
    for (int i = 0; i <= s.tokens().size(); i++) {
      String tag = i < s.tags().size() ? s.tags().get(i) : "O";
      if (tag.startsWith("I-") && current != null && tag.substring(2).equals(type)) {
        current.add(s.tokens().get(i));
        continue;
      }
      if (current != null && current.size() <= 4) {
        entities.get(type).add(current);
      }
      current = null;
      if (tag.startsWith("B-")) {
        type = tag.substring(2);
        current = new ArrayList<>(List.of(s.tokens().get(i)));
      }
    }
  }
}
