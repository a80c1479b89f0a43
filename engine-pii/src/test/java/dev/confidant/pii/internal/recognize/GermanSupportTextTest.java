package dev.confidant.pii.internal.recognize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.PiiOptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The German support messages quoted in issue 18, with the shipped name model: each of these failed before the
 * precision filter, the account-number cues and the US state + ZIP rule.
 */
class GermanSupportTextTest {
  private static final Analyzer ANALYZER = Analyzer.of(PiiOptions.defaults());

  private static List<String> masked(String text, boolean includeOii) {
    return ANALYZER.analyze(text, includeOii, null).stream().map(e -> text.substring(e.start(), e.end())).toList();
  }

  @Test
  void guessingTagIsNotAName() {
    assertThat(masked("Guten Tag, ich habe eine Frage zu meiner Rechnung.", true)).isEmpty();
  }

  @Test
  void damenUndHerrenAreNotMasked() {
    assertThat(masked("Sehr geehrte Damen und Herren, ich habe eine Frage.", true)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Kundennummer\nGeburtsdatum\nAdresse\nTelefon\nHotline",
      "Bitte füllen Sie aus: Name, Adresse, Telefon, Geburtsdatum, Kundennummer.",
      "Die Hotline erreichen Sie werktags. Telefon und Adresse finden Sie im Impressum."})
  void formLabelsAreNotPlaces(String text) {
    assertThat(masked(text, true)).isEmpty();
  }

  @Test
  void ichBinMasksOnlyTheName() {
    assertThat(masked("Ich bin Jürgen Müller", true)).containsExactly("Jürgen Müller");
    assertThat(masked("Guten Tag, ich bin Jürgen Müller und habe eine Frage.", true)).containsExactly("Jürgen Müller");
  }

  @Test
  void customerAndAccountNumbersAreMasked() {
    String text = "Meine Kundennummer KD-99812, mein account 77120934.";
    List<PiiEntity> found = ANALYZER.analyze(text, false, null);
    assertThat(found).extracting(PiiEntity::type).containsOnly(EntityType.ACCOUNT_ID);
    assertThat(found).extracting(PiiEntity::value).containsExactly("KD-99812", "77120934");
  }

  @Test
  void usStateAndZipAreAnAddressAlsoWithoutOii() {
    for (String text : List.of("Our office is in Boston, MA 02115.", "Send it to Springfield, IL 62704 please.")) {
      List<PiiEntity> found = ANALYZER.analyze(text, false, null);
      assertThat(found).as(text).anySatisfy(e -> {
        assertThat(e.type()).isEqualTo(EntityType.ADDRESS);
        assertThat(e.value()).matches("[A-Z]{2} \\d{5}");
      });
      assertThat(found).as(text).noneMatch(e -> e.type() == EntityType.ORGANIZATION);
    }
  }

  @Test
  void aHolidayIsNotAnOrganisation() {
    assertThat(masked("When is German Unity Day?", true)).isEmpty();
    assertThat(masked("Ist am Tag der Deutschen Einheit geöffnet?", true)).isEmpty();
  }
}
