package dev.confidant.pii.internal.ner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameRulesTest {
  private static final NameModels MODELS = NameModels.load();
  private static final NameRules RULES = new NameRules(MODELS.firstNames());

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Please ask Dr. Anna Weber about it|PERSON|Anna Weber",
      "Sehr geehrte Frau Schneider,|PERSON|Schneider",
      "my name is tracy sukhorukova|PERSON|tracy sukhorukova",
      "Mein Name ist Jonas Bauer.|PERSON|Jonas Bauer",
      "Best regards, Oliver|PERSON|Oliver",
      "We buy from Nordlicht Logistik GmbH now|ORGANIZATION|Nordlicht Logistik GmbH",
      "The Bluefin Analytics Ltd. board|ORGANIZATION|Bluefin Analytics Ltd.",
      "Kessler & Partner AG wrote|ORGANIZATION|Kessler & Partner AG",
      "She studied at the University of Oxford.|ORGANIZATION|University of Oxford",
      "He joined the Labour Party in 1990|ORGANIZATION|Labour Party",
      "a letter from the Ministry of Defence.|ORGANIZATION|Ministry of Defence",
      "Sie spielt beim FC Bayern München|ORGANIZATION|FC Bayern München",
      "Er trainiert im Turnverein Oberhausen|ORGANIZATION|Turnverein Oberhausen",
      "Sie lehrt an der Universität Wien|ORGANIZATION|Universität Wien",
      "Post vom Bundesministerium für Gesundheit|ORGANIZATION|Bundesministerium für Gesundheit",
      "Ask Rivermouth Records about it|ORGANIZATION|Rivermouth Records",
      "Yesterday John Smith called|PERSON|John Smith",
      "I'm so glad, said Honoré to Janet|PERSON|Honoré",
      "That is wrong, says Eklund.|PERSON|Eklund",
      "a film starring Sandberg|PERSON|Sandberg",
      "Das Projekt, sagte Brandauer, ist fertig|PERSON|Brandauer"})
  void rulesFindNamesByTitlesCuesAndLegalForms(String text, EntityType type, String value) {
    assertThat(RULES.find(text)).anySatisfy(e -> {
      assertThat(e.type()).isEqualTo(type);
      assertThat(e.value()).isEqualTo(value);
    });
  }

  @Test
  void grammarWordsAreNotNames() {
    assertThat(RULES.find("I am Happy to help. Hi There")).extracting(PiiEntity::value)
        .doesNotContain("Happy", "There");
    assertThat(RULES.find("NINO AB 12 34 56 C")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // A head word or legal form alone, or after grammar words, is no name.
      "Our Company is growing",
      "The Bank called me",
      "The GmbH pays",
      "the party was fun",
      "Welcome to the Club",
      // Head words match whole words only.
      "See the Clubhouse Members list",
      "Ein Partyzelt Verleih",
      "Im Sportverein trainieren wir",
      "Meine Lebensversicherung Zahlt nicht",
      // A known given name needs a capitalised word after it.
      "john smith called",
      "Is John about?",
      // Cue words are whole words: "unsaid" is no "said".
      "it was left unsaid Meanwhile",
      // A German determiner or quantifier before a head word; "liebe" as a verb; addressees after a greeting.
      "Dieser Partei mangelt es an Selbstkritik",
      "Er will ein Dutzend Werke schließen",
      "Ich liebe Bücher",
      "Dear Customer, Cher client, Beste klant",
      // A given name opening an award's name.
      "Sie gewann mehrere Tony Awards"})
  void organisationAndGivenNameRulesNeedMoreThanAHeadWord(String text) {
    assertThat(RULES.find(text)).extracting(PiiEntity::explanation)
        .noneMatch(why -> why.startsWith("names/org") || why.startsWith("names/club")
            || why.startsWith("names/legal-form") || why.startsWith("names/given-name")
            || why.startsWith("names/cue"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"Order 0|true", "Room 12 and Room 14|true", "Bestellung 4711|true",
      "Order of Malta|false", "Order|false", "Orderly 5|false", "Anna 5|false"})
  void referenceNumbersAreNotNames(String value, boolean reference) {
    assertThat(NameRules.isReference(value)).isEqualTo(reference);
  }

  @Test
  void shippedModelDoesNotTakeReferenceNumbersOrLabelsForNames() {
    NameRecognizer names = new NameRecognizer(MODELS);
    assertThat(names.recognize("Order 0 was shipped. Please check Order 0 and Order 12 for me."))
        .extracting(PiiEntity::type).doesNotContain(EntityType.ORGANIZATION);
    assertThat(names.recognize("Dear Anna Weber, we refund to IBAN DE89 3704 0044 0532 0130 00."))
        .extracting(PiiEntity::value).doesNotContain("IBAN").contains("Anna Weber");
    assertThat(names.recognize("Clara Fischer again")).extracting(PiiEntity::value).isNotEmpty()
        .containsOnly("Clara Fischer");
  }

  @Test
  void withoutTheModelsArtifactTheGivenNameRuleIsOffAndTheOtherRulesStillRun() {
    NameRecognizer rulesOnly = new NameRecognizer(null);
    assertThat(rulesOnly.recognize("Yesterday John Smith called")).isEmpty();
    assertThat(rulesOnly.recognize("Please ask Dr. Anna Weber about it")).extracting(PiiEntity::value)
        .containsOnly("Anna Weber");
    assertThat(new NameRecognizer(MODELS).recognize("Yesterday John Smith called"))
        .extracting(PiiEntity::value).contains("John Smith");
  }

  @Test
  void withoutTheModelsArtifactLoadingFailsWithAMessageThatNamesIt() throws java.io.IOException {
    try (var empty = new java.net.URLClassLoader(new java.net.URL[0], null)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> NameModels.load(empty))
          .isInstanceOf(dev.confidant.api.EngineConfigException.class)
          .hasMessageContaining("dev.confidant:engine-pii-models").hasMessageContaining("withNameModel(false)");
    }
  }

  @Test
  void modelSpansThatAreCodesAreDropped() {
    assertThat(NameRecognizer.isCode("BE71 A961")).isTrue();
    assertThat(NameRecognizer.isCode("A305")).isTrue();
    assertThat(NameRecognizer.isCode("X")).isTrue();
    assertThat(NameRecognizer.isCode("Anna Weber")).isFalse();
    assertThat(NameRecognizer.isCode("Windows 10")).isFalse();
    assertThat(NameRecognizer.isCode("the 1990s")).isFalse();
    assertThat(new NameRecognizer(MODELS).recognize("BE71 A961 2345 6769 and AT61 1904 A002 3457 3201"))
        .extracting(PiiEntity::type).doesNotContain(EntityType.ORGANIZATION, EntityType.PERSON);
  }

  @Test
  void tokensSplitPunctuationAndPossessives() {
    Tokens t = Tokens.of("Anna's (GmbH), x.");
    assertThat(t.tokens()).containsExactly("Anna", "'s", "(", "GmbH", ")", ",", "x", ".");
    assertThat(t.starts()[1]).isEqualTo(4);
  }

  @Test
  void shippedModelFindsPeopleOrganisationsAndPlaces() {
    NameRecognizer names = new NameRecognizer(MODELS);
    assertThat(names.recognize("Yesterday Angela Merkel met executives of Siemens in Munich."))
        .extracting(PiiEntity::type).contains(EntityType.PERSON, EntityType.LOCATION);
  }

  /**
   * The word gates only save work: on texts made of the rules' own trigger words, names and noise, gated and
   * ungated rules find the same entities.
   */
  @Test
  void wordGatesNeverChangeWhatTheRulesFind() {
    String[] pieces = {"Mr", "Mrs.", "mr.", "Dr.", "DR.", "Prof.", "Frau", "frau.", "Herr", "Sir", "Mlle", "My name is",
        "MY NAME IS", "my name's", "name:", "Name:", "named", "called", "I am", "I'm", "this is", "Mein Name ist",
        "ich heiße", "ICH HEISSE", "Dear", "DEAR", "hi", "Hi", "Hello", "hallo", "Liebe", "Lieber", "Sehr geehrter",
        "Regards,", "Grüße,", "Mit freundlichen Grüßen,", "Best,", "Thanks,", "contact", "Ask", "spoke with",
        "signed by", "Kundin", "KUNDE", "Kunde", "said", "SAGTE", "fragte", "according to", "GmbH", "& Co. KG", "AG", "Ltd.",
        "Inc.", "S.A.", "S.p.A.", "e.V.", "B.V.", "KGaA", "ASA", "Holdings", "Bank", "University", "Universität",
        "of", "für", "de", "and", "&", "Party", "F.C.", "FC", "1. FC", "TSV", "SpVgg", "Records", "Ministry",
        "Bundesministerium", "Turnverein", "Sportverein", "Musikhochschule", "Anna", "Weber", "John", "Smith",
        "Müller", "Köln", "Oxford", "Acme", "Nordlicht", "Logistik", "the", "The", "x", "1990", "\n", ",", ".",
        "\u00a0", "é", "İ", "ẞ", "'", "\u2019"};
    java.util.Random random = new java.util.Random(11);
    for (int i = 0; i < 4000; i++) {
      StringBuilder b = new StringBuilder();
      for (int n = 1 + random.nextInt(9); n > 0; n--) {
        b.append(pieces[random.nextInt(pieces.length)]);
        b.append(random.nextInt(5) == 0 ? "" : " ");
      }
      String text = b.toString();
      assertThat(RULES.find(text, true)).as(text).isEqualTo(RULES.find(text, false));
    }
  }
}
