package dev.confidant.pii.internal.lang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageDetectorTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "EN|Hello, I would like to change the address on my account, please.",
      "EN|Can you tell me when my order will arrive?",
      "DE|Guten Tag, ich bin Jürgen Müller und habe eine Frage zu meiner Rechnung.",
      "DE|Wie kann ich meine Adresse ändern?",
      "DE|Bitte schicken Sie die Unterlagen an meine neue Anschrift.",
      "FR|Bonjour, je voudrais changer l'adresse de mon compte, s'il vous plaît.",
      "FR|Quand est-ce que ma commande va arriver ?",
      "ES|Hola, me llamo Carlos y quiero cambiar la dirección de mi cuenta.",
      "ES|¿Cuándo llegará mi pedido?",
      "IT|Buongiorno, vorrei cambiare l'indirizzo del mio conto, per favore.",
      "IT|Quando arriverà il mio ordine?",
      "NL|Goedemorgen, ik wil graag het adres van mijn rekening wijzigen.",
      "NL|Wanneer komt mijn bestelling aan?",
      "FR|Veuillez envoyer le colis à : Raúl Alcántar, Cuesta Arturo 54 Puerta 262, 52808 Ceuta",
      "FR|Veuillez envoyer le colis à : Elinor Hamill, 0651 Koss Way, KX6 9ZB Sheritaport, Mexico"})
  void detectsTheLanguageOfSupportMessages(Language expected, String text) {
    assertThat(LanguageDetector.detect(text)).isEqualTo(expected);
  }

  /** Forms whose labels are their only words of the language: the labels before a colon decide. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "FR|Nom : Caroline Lindegaard\\nAdresse : Robertgade 413\\nCode postal : 9972\\nVille : Værbæk\\nTél. : 96 96 43 78",
      "NL|Adres: Fenyő u. 18/B, Vargafalva, BE 4754\\nTelefoon: +36 42 495 230",
      "DE|Name: Ida Ryan\\nStraße: Matss Gate 9\\nPLZ: 0150\\nOrt: Oslo\\nTelefon: 22 33 44 55",
      "EN|Name: Ida Ryan\\nAddress: Matss Gate 9\\nCity: Oslo\\nPostcode: 0150\\nPhone: 22 33 44 55"})
  void readsTheLabelsOfAForm(Language expected, String text) {
    assertThat(LanguageDetector.detect(text.replace("\\n", "\n"))).isEqualTo(expected);
  }

  @Test
  void aTextWithoutEvidenceIsEnglish() {
    assertThat(LanguageDetector.detect("")).isEqualTo(Language.EN);
    assertThat(LanguageDetector.detect("4111 1111 1111 1111")).isEqualTo(Language.EN);
    assertThat(LanguageDetector.detect("Anna Weber")).isEqualTo(Language.EN);
  }

  @Test
  void readsAtMostTheFirstCharsOfALongText() {
    String german = "Ich habe eine Frage zu meiner Rechnung und der Lieferung. ";
    String french = "Je voudrais savoir quand ma commande va arriver chez moi. ";
    String text = german.repeat(LanguageDetector.MAX_CHARS / german.length() + 1) + french.repeat(200);
    assertThat(LanguageDetector.detect(text)).isEqualTo(Language.DE);
  }

  @Test
  void lexiconsKnowEachClassPerLanguage() {
    Lexicons lex = Lexicons.get();
    assertThat(lex.has(WordClass.FUNCTION, Language.DE, "bin")).isTrue();
    assertThat(lex.has(WordClass.FUNCTION, Language.EN, "bin")).isFalse();
    assertThat(lex.has(WordClass.GREETING, "Guten Tag")).isTrue();
    assertThat(lex.has(WordClass.GREETING, "damen und  herren")).isTrue();
    assertThat(lex.has(WordClass.LABEL, "Kundennummer")).isTrue();
    assertThat(lex.has(WordClass.CALENDAR, "German Unity Day")).isTrue();
    assertThat(lex.has(WordClass.CALENDAR, Language.IT, "ferragosto")).isTrue();
    assertThat(lex.has(WordClass.TITLE, Language.FR, "mme")).isTrue();
    assertThat(lex.has(WordClass.GREETING, "i’m")).isFalse();
    assertThat(lex.has(WordClass.FUNCTION, Language.EN, "i’m")).isTrue();
    assertThat(lex.hasAny("Müller")).isFalse();
    assertThat(lex.maxWords()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void rangeLookUpFoldsLikeNormalize() {
    Lexicons lex = Lexicons.get();
    String text = "Sehr geehrte\n  Damen und\tHerren, ich bin’s: Kundennummer 4711";
    int damen = text.indexOf("Damen");
    int comma = text.indexOf(',');
    assertThat(lex.has(WordClass.GREETING, text, damen, comma)).isTrue();
    assertThat(lex.has(WordClass.GREETING, text, damen - 3, comma)).isTrue(); // surrounding whitespace is stripped
    assertThat(lex.has(WordClass.GREETING, text, damen + 1, comma)).isFalse(); // "amen und herren"
    int label = text.indexOf("Kundennummer");
    assertThat(lex.mask(text, label, label + "Kundennummer".length()) & Lexicons.bits(WordClass.LABEL)).isNotZero();
    assertThat(lex.mask(text, label, label + "Kundennummer 4711".length())).isZero();
    assertThat(lex.mask(text, 0, 0)).isZero();
    assertThat(lex.mask("I\u2019M", 0, 3)).isEqualTo(lex.mask("i'm", 0, 3));
  }
}
