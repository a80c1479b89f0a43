package dev.confidant.pii.internal.address;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.PiiEntity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped gazetteer of engine-pii-models (a test dependency), through the recognizer. */
class PlaceRecognizerTest {
  private static final Places PLACES = Places.load(PlaceRecognizerTest.class.getClassLoader()).orElseThrow();
  private static final PlaceRecognizer RECOGNIZER = new PlaceRecognizer(PLACES);

  private static List<String> found(String text) {
    return RECOGNIZER.recognize(text).stream().map(PiiEntity::value).toList();
  }

  @Test
  void theGazetteerHoldsTheGeoNamesPlaces() {
    assertThat(PLACES.size()).isGreaterThan(150_000);
    assertThat(PLACES.lookup("kedzierzyn-kozle")).isEqualTo(Places.TOWN);
    assertThat(PLACES.lookup(Countries.fold("Küsnacht"))).isNotEqualTo(Places.NONE);
    assertThat(PLACES.lookup("munich")).isEqualTo(Places.TOWN);
    assertThat(PLACES.lookup("mobile")).isEqualTo(Places.NONE);
    assertThat(PLACES.lookup("norden")).isEqualTo(Places.NONE);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "We moved here from Küsnacht.|Küsnacht",
      "She grew up in Zafferana Etnea.|Zafferana Etnea",
      "the office in CHISHOLM closed|CHISHOLM",
      "i moved here from küsnacht last year|küsnacht",
      "We drove through valpovo on the way home.|valpovo",
      "Die Firma sitzt in Ústí nad Labem.|Ústí nad Labem",
      "Flug nach München morgen|München",
      "We moved here from Saint Vincent and the Grenadines.|Saint Vincent and the Grenadines",
      "Vivo en Beerview, South Georgia and the South Sandwich Islands.|South Georgia and the South Sandwich Islands",
      // Italian towns with a lower-case tail, known or not.
      "I work for them in Cirino ligure.|Cirino ligure",
      "lavoro per Barone SPA a Pagano del friuli.|Pagano del friuli",
      "We moved from Rossetti calabro to Rome.|Rossetti calabro,Rome",
      "The Marina lido opens at noon.|Marina lido"})
  void findsPlacesInAnyCase(String text, String place) {
    assertThat(found(text)).containsExactly(place.split(","));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Mobile: 041-412-293",
      "Im Norden ist es kalt, in der Mitte warm.",
      "Das Buch liegt auf dem Tisch.",
      "Please ask Mr. Monroe.",
      "The BVB won.",
      "East and West met on Jul 4.",
      "The best Thai food I have had, near the Canadian border.",
      "The history of Spanish speakers and the Arab Revolt.",
      "We swam at the lido all day.",
      "Il Veneto e la Sardegna."})
  void ordinaryWordsAreNoPlaces(String text) {
    assertThat(found(text)).isEmpty();
  }
}
