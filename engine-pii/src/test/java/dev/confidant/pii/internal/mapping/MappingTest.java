package dev.confidant.pii.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PlaceholderStyle;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingTest {
  @Test
  void oneValueOnePlaceholderIgnoringCaseAndWhitespace() {
    Mapping m = new Mapping(PlaceholderStyle.SQUARE);
    String a = m.placeholderFor(EntityType.PERSON, "Anna  Weber");
    String b = m.placeholderFor(EntityType.PERSON, "anna weber");
    String c = m.placeholderFor(EntityType.PERSON, "Bob");
    assertThat(a).isEqualTo("[NAME_1]").isEqualTo(b);
    assertThat(c).isEqualTo("[NAME_2]");
    assertThat(m.placeholderFor(EntityType.EMAIL, "x@y.org")).isEqualTo("[EMAIL_1]");
  }

  @Test
  void newPlaceholdersTakeTheLowestFreeNumber() {
    Mapping m = new Mapping(PlaceholderStyle.SQUARE);
    m.seed(Map.of("[NAME_1]", "Anna", "[NAME_3]", "Carl"));
    assertThat(m.placeholderFor(EntityType.PERSON, "Bob")).isEqualTo("[NAME_2]");
    assertThat(m.placeholderFor(EntityType.PERSON, "Dora")).isEqualTo("[NAME_4]");
    assertThat(m.placeholderFor(EntityType.PERSON, "anna")).isEqualTo("[NAME_1]");
    assertThat(m.added()).containsOnlyKeys("[NAME_2]", "[NAME_4]");
  }

  @Test
  void angleStyleAndSeededSquareEntriesShareNumbers() {
    Mapping m = new Mapping(PlaceholderStyle.ANGLE);
    m.seed(Map.of("[NAME_1]", "Anna"));
    assertThat(m.placeholderFor(EntityType.PERSON, "Bob")).isEqualTo("<NAME_2>");
    assertThat(m.valueOfCanonical("NAME_1")).isEqualTo("Anna");
    assertThat(m.valueOfCanonical("NAME_2")).isEqualTo("Bob");
  }

  @Test
  void earlierSeedsWin() {
    Mapping m = new Mapping(PlaceholderStyle.SQUARE);
    m.seed(Map.of("[NAME_1]", "Anna"));
    m.seed(Map.of("[NAME_1]", "Eve"));
    assertThat(m.valueOfCanonical("NAME_1")).isEqualTo("Anna");
  }

  @Test
  void toStringShowsNoValues() {
    Mapping m = new Mapping(PlaceholderStyle.SQUARE);
    m.placeholderFor(EntityType.PERSON, "Anna Weber");
    assertThat(m.toString()).doesNotContain("Anna").contains("1");
  }

  @Test
  void placeholderParsingIsTolerant() {
    assertThat(Placeholders.canonical("[Name_1]")).isEqualTo("NAME_1");
    assertThat(Placeholders.canonical("<COMPANY_ID_2>")).isEqualTo("COMPANY_ID_2");
    assertThat(Placeholders.canonical("NAME 3")).isEqualTo("NAME_3");
    assertThat(Placeholders.canonical("hello")).isNull();
    assertThat(Placeholders.canonical("[_1]")).isNull();
  }
}
