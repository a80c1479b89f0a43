package dev.confidant.pii.internal.ner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameWordsTest {
  private final NameWords words = NameWords.get();

  /** {@link NameWords#noName} of the span {@code [start, end)} of a space-separated sentence. */
  private boolean noName(String sentence, int start, int end) {
    return words.noName(sentence.split(" "), start, end, true);
  }

  @Test
  void spansOfNationalityAndGroupWordsHoldNoName() {
    assertThat(noName("Many Americans voted", 1, 2)).isTrue();
    assertThat(noName("die Deutschen wählen", 1, 2)).isTrue();
    assertThat(noName("the Chinese President said", 1, 3)).isTrue();
    assertThat(noName("de Amerikaanse regering", 1, 2)).isTrue();
  }

  @Test
  void namesThatStartWithANationalityWordAndCountriesStay() {
    assertThat(noName("at Deutsche Bank today", 1, 3)).isFalse();
    assertThat(noName("the Indian Ocean is", 1, 3)).isFalse();
    assertThat(noName("with American Airlines .", 1, 3)).isFalse();
    // Country names that are also a group word in another language: "italien" is French for Italian.
    assertThat(noName("nach Italien fahren", 1, 2)).isFalse();
    assertThat(noName("en Suisse romande", 1, 2)).isFalse();
  }

  @Test
  void officesAloneHoldNoNameAfterAnArticleButMayBeSurnames() {
    assertThat(noName("the President said", 1, 2)).isTrue();
    assertThat(noName("der Kaiser kam", 1, 2)).isTrue();
    assertThat(noName("the Prime Minister said", 1, 3)).isTrue();
    assertThat(noName("Richter sagte gestern", 0, 1)).isFalse();
    assertThat(noName("Yesterday Kaiser said", 1, 2)).isFalse();
    assertThat(noName("said President Obama today", 1, 3)).isFalse();
    assertThat(noName("Außenminister Steinmeier sagte", 0, 2)).isFalse();
  }

  @Test
  void germanCompoundsEndingInAnOfficeAreOffices() {
    assertThat(words.role("Außenminister")).isTrue();
    assertThat(words.role("Ministerpräsidentin")).isTrue();
    assertThat(words.role("Müller")).isFalse();
  }

  @Test
  void germanNounEndingsCountOnlyInGermanText() {
    String[] tokens = {"in", "Bandung", "and", "Freiheit"};
    assertThat(words.noName(tokens, 3, 4, false)).isFalse();
    assertThat(words.noName(tokens, 3, 4, true)).isTrue();
    assertThat(words.noName(new String[] {"the", "Revolution"}, 1, 2, false)).isTrue();
  }

  @Test
  void oneGermanAbstractNounHoldsNoName() {
    assertThat(noName("Die Regierung sagte", 1, 2)).isTrue();
    assertThat(noName("die Gesellschaft", 1, 2)).isTrue();
    assertThat(noName("The Revolution began", 1, 2)).isTrue();
    // Short words with such an ending are names ("Jung"), and longer spans are left to the model.
    assertThat(noName("Carl Jung", 1, 2)).isFalse();
    assertThat(noName("ein Samsung Handy", 1, 2)).isFalse();
    assertThat(noName("die Deutsche Forschungsgemeinschaft", 1, 3)).isFalse();
  }

  @Test
  void oneGenericNounForAPlaceBodyOrPeriodHoldsNoName() {
    assertThat(noName("in der Region leben", 2, 3)).isTrue();
    assertThat(noName("die Armee rückte vor", 1, 2)).isTrue();
    assertThat(noName("a flight of capital", 3, 4)).isTrue();
    assertThat(noName("on the Internet today", 2, 3)).isTrue();
    // With a name word they are names; a country spelt like a kind is a country ("Island" is Iceland).
    assertThat(noName("along the River Thames", 2, 4)).isFalse();
    assertThat(noName("mit der Deutschen Bahn", 2, 4)).isFalse();
    assertThat(noName("nach Island fliegen", 1, 2)).isFalse();
    assertThat(noName("Anna Region", 0, 1)).isFalse();
  }

  @Test
  void eventAndPeriodNamesHoldNoName() {
    assertThat(noName("won the Davis Cup again", 2, 4)).isTrue();
    assertThat(noName("after World War II ended", 1, 4)).isTrue();
    assertThat(noName("the Middle Bronze Age", 1, 4)).isTrue();
    assertThat(noName("the Treaty of London was", 1, 4)).isTrue();
    assertThat(noName("im Ersten Weltkrieg fielen", 1, 3)).isTrue();
    assertThat(noName("die Bundestagswahl 2021", 1, 3)).isTrue();
    assertThat(noName("la Coupe du monde", 1, 4)).isTrue();
  }

  @Test
  void surnamesThatLookLikeEventWordsStay() {
    // Endings count as compounds only in [event-suffix] (German); "Herrera", "Savage", "Sarwar" are surnames.
    assertThat(noName("said Lucia Herrera", 1, 3)).isFalse();
    assertThat(noName("met Fred Savage", 1, 3)).isFalse();
    assertThat(noName("Ghulam Sarwar spoke", 0, 2)).isFalse();
    // "Wahl" alone is a surname; a lone lead word is a name too ("Guerra").
    assertThat(noName("Herr Wahl sagte", 1, 2)).isFalse();
    assertThat(noName("met Guerra today", 1, 2)).isFalse();
    assertThat(noName("said Clara Guerra", 1, 3)).isFalse();
  }

  @Test
  void lowerCaseGermanAdjectivesOfOriginStartNoName() {
    assertThat(noName("freute sich die niederländische Polizei", 3, 5)).isTrue();
    assertThat(noName("in die irakischen Streitkräfte", 2, 4)).isTrue();
    assertThat(noName("die amerikanische Regierung", 1, 2)).isTrue();
    assertThat(noName("der Euro fiel", 1, 2)).isTrue();
    // Capitalised adjectives belong to names, and "fischer" is too short to be one.
    assertThat(noName("bei der Deutschen Bahn", 2, 4)).isFalse();
    assertThat(noName("die Britische Museum", 1, 3)).isFalse();
    assertThat(noName("hallo ich bin anna fischer", 3, 5)).isFalse();
  }
}
