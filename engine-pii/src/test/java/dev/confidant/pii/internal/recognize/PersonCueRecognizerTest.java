package dev.confidant.pii.internal.recognize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.internal.ner.NameModels;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonCueRecognizerTest {
  private static final PersonCueRecognizer PERSONS = new PersonCueRecognizer();

  private static final PersonCueRecognizer WITH_LEXICON = new PersonCueRecognizer(NameModels.load().tagger());

  private static List<String> persons(String text) {
    return PERSONS.recognize(text).stream().map(PiiEntity::value).toList();
  }

  private static List<String> lexiconPersons(String text) {
    return WITH_LEXICON.recognize(text).stream().map(PiiEntity::value).toList();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "hi, this is reina. you can reach me on 969 06 12 66|reina",
      "Hello, I am Dorte, and I need a new card.|Dorte",
      "transfer the refund to my account please, thanks dorte|dorte",
      "Bitte um Rückruf. Danke, Jürgen|Jürgen",
      "Le colis n'est pas arrivé. Merci, Paul Martin|Paul Martin",
      "the parcel never came.\\nthanks\\nanna|anna",
      "Please send the invoice to Fredric Will, 8026 Hayes Place.|Fredric Will"})
  void findsAGivenNameOfTheLexiconAfterWeakCuesAndThanks(String text, String name) {
    assertThat(lexiconPersons(text.replace("\\n", "\n"))).containsExactly(name);
    assertThat(persons(text.replace("\\n", "\n"))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "I would like to remove my kid Mali from the will.|Mali",
      "Meine Tochter Lea Schmitt ist krank.|Lea Schmitt",
      "Je voyage avec mon mari Paul.|Paul",
      "mi jefa Ana no está|Ana",
      "Mio figlio Luca ha perso la carta.|Luca",
      "Mijn buurman Henk heeft het pakket.|Henk",
      "please add my son luca to the account|luca"})
  void findsTheNameAfterAKinCue(String text, String name) {
    assertThat(lexiconPersons(text)).containsExactly(name);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Sehr geehrte Frau Bürklein,\\n\\nich habe eine Frage.|Bürklein",
      "sehr geehrter herr rangen,\\n\\nam montag|rangen",
      "Geachte mevrouw Dob,\\nNaam: Jurek Poelstra|Dob",
      "Estimada señora arguello:\\n\\nnombre|arguello",
      "Bonjour Madame Dupuis,|Dupuis",
      "Gentile signora De Luca,\\n\\nil tecnico|De Luca",
      "Dear Mr. Smith, thanks for the call.|Smith",
      "Sehr geehrte Frau Dr. Weber,|Weber",
      "What's your last name? Krylova|Krylova",
      "what is your name? anna weber.|anna weber"})
  void findsTheNameAfterASalutationOrANameQuestion(String text, String name) {
    assertThat(persons(text.replace("\\n", "\n"))).containsExactly(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Dear Mr and Mrs Smith, hello.", "Geachte heer, mevrouw,", "Sehr geehrte Damen und Herren,",
      "Dear Mr Smith and his team have called.", "Bonjour Madame, Monsieur,", "What's your name? I forgot it, sorry",
      "Is this your name? Yes."})
  void noSurnameAfterASalutationWithoutOne(String text) {
    assertThat(persons(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "hello terrance,\\n\\ni ordered a router|terrance",
      "beste yenthel,\\n\\nik heb een vraag|yenthel",
      "Hoi,\\n\\nde monteur kwam niet.\\n\\nMvg,\\nBob Dank|Bob Dank",
      "Guten Tag,\\n\\nder Router fehlt.\\n\\nMfG\\nFynn Da|Fynn Da",
      "Ich schreibe für meine Mutter, Paul Heidelmann.|Paul Heidelmann"})
  void findsNamesAfterGreetingsClosingsAndKinWithTheLexicon(String text, String name) {
    assertThat(lexiconPersons(text.replace("\\n", "\n"))).containsExactly(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Hi guys, what is up", "Hello again, here it is.", "hola amigos,\\nqué tal", "Hallo zusammen,",
      "Dear customer,"})
  void noNameAfterAGreetingWithoutAGivenName(String text) {
    assertThat(lexiconPersons(text.replace("\\n", "\n"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"My son is ill.", "my wife and I", "Meine Frau hat angerufen.", "my son called Monday",
      "My friend said yes.", "please add my son to the account"})
  void noNameAfterAKinCueWithoutOne(String text) {
    assertThat(lexiconPersons(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"thanks again", "Thanks a lot for your help, Anna will call.", "this is it.",
      "I am here, and so is she.", "thanks for nothing", "Thanks everyone!", "Danke schön", "i am fine, thanks",
      "i am happy, and you?"})
  void noNameAfterWeakCuesAndThanksWithoutAGivenName(String text) {
    assertThat(lexiconPersons(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "my name is john smith and i need help|john smith",
      "hallo, ich bin siv nansen und wohne in bergen|siv nansen",
      "bonjour, je m'appelle jeanne moreau et j'habite à lyon|jeanne moreau",
      "hola, me llamo ecrin grossheim y vivo en graz|ecrin grossheim",
      "ciao, mi chiamo giulia rossi|giulia rossi",
      "goedemorgen, ik ben deniz schnürer en woon in gent|deniz schnürer",
      "ik heet pieter|pieter",
      "Guten Tag, ich bin In Ferry und wohne in Köln.|In Ferry",
      "Hola, me llamo Can Lipus y vivo en Graz.|Can Lipus",
      "neue adresse: ringweg 5. mit freundlichen grüßen, malin mathisen|malin mathisen",
      "Thanks for the quick help.\\n\\nBest regards,\\nJane Miller\\n|Jane Miller",
      "merci pour tout. cordialement,\\njeanne moreau.|jeanne moreau",
      "Met vriendelijke groet, Pieter de Vries|Pieter de Vries",
      "charge my card 6011, the account is under jukka ojala.|jukka ojala",
      "Charge my card, the account is under Weber.|Weber",
      "please send the invoice to shaniqua senger, 63998 gleichner dam|shaniqua senger"})
  void findsNamesAfterSelfIntroductions(String text, String name) {
    assertThat(persons(text.replace("\\n", "\n"))).containsExactly(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "ich bin müde",
      "ich bin sehr müde und gehe schlafen",
      "i am happy and sad",
      "this is great, thanks",
      "this is regina calling about my order from yesterday",
      "je suis content",
      "I am Happy.",
      "Regards to your team and thanks for the help.",
      "Best regards,\\nThe Support Team",
      "the account is under review.",
      "Send the invoice to the accounting department, please."})
  void leavesStatesAndShortAnswersAlone(String text) {
    assertThat(persons(text.replace("\\n", "\n"))).isEmpty();
  }
}
