package dev.confidant.pii.internal.recognize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlaceCueRecognizerTest {
  private static final PlaceCueRecognizer PLACES = new PlaceCueRecognizer();

  private static List<String> places(String text) {
    return PLACES.recognize(text).stream().peek(e -> assertThat(e.type()).isEqualTo(EntityType.LOCATION))
        .map(PiiEntity::value).toList();
  }

  /** Our own sentences: places the gazetteer does not know, in capitals and in lower-case messages. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "We drove through MAUROPORT on the way to Hermannhaven.|MAUROPORT,Hermannhaven",
      "we drove through noord febersluus on the way to mitcheystroom.|noord febersluus,mitcheystroom",
      "his ssn is on file and he grew up in devorahfurt.|devorahfurt",
      "please block my card, i lost it in oliveira do hospital|oliveira do hospital",
      "Ich komme aus Wuppertal-Elberfeld und wohne jetzt hier.|Wuppertal-Elberfeld",
      "We moved from Nordø to Geiteryggholtet 8 last month.|Nordø",
      "Hola, soy de Villanueva del Arzobispo y trabajo aquí.|Villanueva del Arzobispo",
      // Lower-case towns in a text with capitals: only a town's shape, ending the clause; a German move's "nach".
      "We drove through Hermannhaven on the way to taylorfort.|Hermannhaven,taylorfort",
      "We drove through new hosea on the way to vonruedenton.|new hosea,vonruedenton",
      "His number is on file and he grew up in innfjord.|innfjord",
      "Wir ziehen nächsten Monat nach OST JONNADORF, die neue Anschrift folgt.|OST JONNADORF",
      "My zip code is 244 72 and my city is ivanovice na hané.|ivanovice na hané",
      "My zip code is 53323 and my city is GIADASTADT.|GIADASTADT",
      "J'habite à bouschenburg depuis 2015, au Schnepfenflucht 86c.|bouschenburg",
      "I'm flying to børstrup next week, the hotel is on Vester Møllegyde.|børstrup",
      // A preposition near a verb of living or moving, and lower-case towns that are no common word.
      "Ik woon sinds kort in langekøbing, op Over Skolevej 7.|langekøbing",
      "ik woon sinds kort in schirmerstadt, op bauhallengasse 33.|schirmerstadt",
      "Wir sind letztes Jahr von GÖTEHOLM nach boholm gezogen.|GÖTEHOLM,boholm",
      "His social security number is on file and he grew up in wien.|wien",
      "We drove through lixa on the way to tavira.|lixa,tavira",
      "My zip code is 86681 and my city is keesi.|keesi",
      "Abito da due anni a Castelfranco, vicino al centro.|Castelfranco"})
  void findsPlacesAfterCues(String text, String expected) {
    assertThat(places(text)).containsExactly(expected.split(","));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "I grew up in poverty.",
      "She was born in March 1960.",
      "We moved to the new office last week.",
      "On the way to work I saw it.",
      "He moved from 3 to 5 points.",
      "On the way to downtown Boston we stopped.",
      "We drove through the outside lanes on the way to the airport.",
      "We drove through town on the way to Work.",
      "Nach Angaben der Polizei ging es nach oben.",
      "Wir sind gestern nach Absprache zurückgekommen.",
      "My city is beautiful in spring and my town is quiet, say the locals.",
      "I live in fear of my landlord.",
      "We moved to a new flat in the centre.",
      "i'm going to buy a car and drive to work",
      "Ein verantwortungsbewusster Fahrer zieht in diesem Fall Schneeketten auf.",
      "Als Biggi das hört, kehrt sie nach Haus zurück.",
      "Ich fuhr eine Woche in Wellnessurlaub mit meiner Mutter.",
      "Her reason is that it gives too little protection to American workers whose living standards it harms.",
      "Sie leben von Kleintieren und Würmern.",
      "In deze tijd woonde hij in meerdere landen."})
  void ordinaryWordsAfterCuesAreNoPlaces(String text) {
    assertThat(places(text)).isEmpty();
  }
}
