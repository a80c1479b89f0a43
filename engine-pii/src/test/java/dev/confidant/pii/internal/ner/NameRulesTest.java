package dev.confidant.pii.internal.ner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameRulesTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Please ask Dr. Anna Weber about it|PERSON|Anna Weber",
      "Sehr geehrte Frau Schneider,|PERSON|Schneider",
      "my name is tracy sukhorukova|PERSON|tracy sukhorukova",
      "Mein Name ist Jonas Bauer.|PERSON|Jonas Bauer",
      "Best regards, Oliver|PERSON|Oliver",
      "We buy from Nordlicht Logistik GmbH now|ORGANIZATION|Nordlicht Logistik GmbH",
      "The Bluefin Analytics Ltd. board|ORGANIZATION|Bluefin Analytics Ltd.",
      "Kessler & Partner AG wrote|ORGANIZATION|Kessler & Partner AG"})
  void rulesFindNamesByTitlesCuesAndLegalForms(String text, EntityType type, String value) {
    assertThat(NameRules.find(text)).anySatisfy(e -> {
      assertThat(e.type()).isEqualTo(type);
      assertThat(e.value()).isEqualTo(value);
    });
  }

  @Test
  void grammarWordsAreNotNames() {
    assertThat(NameRules.find("I am Happy to help. Hi There")).extracting(PiiEntity::value)
        .doesNotContain("Happy", "There");
    assertThat(NameRules.find("NINO AB 12 34 56 C")).isEmpty();
  }

  @Test
  void tokensSplitPunctuationAndPossessives() {
    Tokens t = Tokens.of("Anna's (GmbH), x.");
    assertThat(t.tokens()).containsExactly("Anna", "'s", "(", "GmbH", ")", ",", "x", ".");
    assertThat(t.starts()[1]).isEqualTo(4);
  }

  @Test
  void shippedModelFindsPeopleOrganisationsAndPlaces() {
    NameRecognizer names = new NameRecognizer(NameModel.load());
    assertThat(names.recognize("Yesterday Angela Merkel met executives of Siemens in Munich."))
        .extracting(PiiEntity::type).contains(EntityType.PERSON, EntityType.LOCATION);
  }
}
