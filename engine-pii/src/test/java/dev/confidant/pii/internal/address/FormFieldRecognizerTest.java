package dev.confidant.pii.internal.address;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.PiiEntity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FormFieldRecognizerTest {
  private static final FormFieldRecognizer FIELDS = new FormFieldRecognizer();

  private static List<String> found(String text) {
    return FIELDS.recognize(text.replace("\\n", "\n")).stream()
        .map(e -> e.type() + ":" + e.value().replace("\n", "\\n")).toList();
  }

  /** Our own forms; "\n" stands for a line break. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ZIP: 7524|ADDRESS:7524",
      "zip: d6w nvce|ADDRESS:d6w nvce",
      "Name: Sam Farenhorst\\nStraße: Judiepark 682b 2 hoog\\nPLZ: 1780 HH\\nOrt: Dimawoude|ADDRESS:1780 HH",
      "Nom : Irena Klein\\nAdresse : Kandertova 043\\nCode postal : 425 07\\nVille : Javorník|ADDRESS:425 07",
      "Postcode: 48-969\\nPhone: 607 005 856|ADDRESS:48-969",
      "Straße: Kljun 31\\nPLZ: 20269|ADDRESS:Kljun 31",
      "Nom : Irena Klein\\nAdresse : Kandertova 043\\nVille : Javorník|LOCATION:Javorník",
      "city: zuid arjo aan de ijssel\\npostcode: 9972|LOCATION:zuid arjo aan de ijssel",
      "Dirección de envío: Jantárová cesta 0, Bánovce nad Bebravou, NR 86 563. Teléfono: 032 16 1|"
          + "ADDRESS:Jantárová cesta 0, Bánovce nad Bebravou, NR 86 563",
      "Billing address: Kašpar Huberová\\n  Salvátorská 13\\n  Apt. 558\\n  Slušovice\\n  Kypr 670 06|ADDRESS:Slušovice"})
  void findsFieldValues(String text, String expected) {
    assertThat(found(text)).contains(expected);
  }

  @Test
  void aBlockGivesEachLineUpToTheNextLabel() {
    assertThat(found("Billing address: Jane Roe\\n  Salvátorská 13\\n  Apt. 558\\n  Kypr 670 06\\nPhone: 491 781 925"))
        .containsExactly("ADDRESS:Salvátorská 13", "ADDRESS:Apt. 558", "ADDRESS:Kypr 670 06");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "E-mail address: jane@example.org",
      "IP address: see the log",
      "Zip: none",
      "City: 12345",
      "Address:\\n\\nsee below",
      "Score: 3-1 after extra time",
      "The zip code is in the letter: 12345",
      "Country: \\nCity:"})
  void ordinaryLabelsAndValuesAreNoFields(String text) {
    assertThat(FIELDS.recognize(text.replace("\\n", "\n"))).extracting(PiiEntity::value).isEmpty();
  }
}
