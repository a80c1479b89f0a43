package dev.confidant.pii.internal.recognize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.internal.lang.Language;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GermanGenitiveNamesTest {
  private static final CommonNouns NOUNS = CommonNouns.load(GermanGenitiveNamesTest.class.getClassLoader())
      .orElseThrow();

  private static List<String> added(String text, Language language) {
    return GermanGenitiveNames.apply(text, language, List.of(), NOUNS).stream().map(PiiEntity::value).toList();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Unwillkürlich denkt man an Rilkes berühmtes Gedicht.|Rilkes",
      "Aber Kiplings Drang zu schreiben war ungebrochen.|Kiplings",
      "Die Ausgaben werden über Bergmanns wohlgefülltes Konto finanziert.|Bergmanns",
      "Sie kannte Jakobs plötzlicher Abschied nicht.|Jakobs"})
  void aCapitalisedWordWithAnSBeforeWhatItOwnsIsAName(String text, String name) {
    assertThat(added(text, Language.DE)).containsExactly(name);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // a noun's genitive after its article, function words and adverbs, a verb next, nouns and compounds
      "Das Datum des ersten Stahlschnitts würde helfen.",
      "Dieses besondere Miteinander hob die Stimmung.",
      "Allerdings wurde 1798 gebaut.",
      "Meines Erachtens erhofft sich die Firma viel.",
      "Der Ausgleich des hohen Haushaltsdefizits leisten soll.",
      "Nachts kalte Luft, tags warme Sonne.",
      "Im Zuge des Umbaus wurde das Haus teurer."})
  void ordinaryGenitivesAdverbsAndPronounsAreNoNames(String text) {
    assertThat(added(text, Language.DE)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Aber Kiplings Drang zu schreiben war ungebrochen.|EN"})
  void onlyInGermanText(String text, Language language) {
    assertThat(added(text, language)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void aWordAnotherSpanCoversIsLeftToIt() {
    String text = "Aber Kiplings Drang zu schreiben war ungebrochen.";
    PiiEntity model = new PiiEntity(EntityType.LOCATION, "Kiplings", 5, 13, 0.7, "names/model p=0.7");
    assertThat(GermanGenitiveNames.apply(text, Language.DE, List.of(model), NOUNS)).containsExactly(model);
  }
}
