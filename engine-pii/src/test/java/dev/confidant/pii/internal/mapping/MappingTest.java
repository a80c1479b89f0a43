package dev.confidant.pii.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PlaceholderStyle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
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

  @Test
  void aMappingOverAFrozenOneBehavesLikeAFreshlySeededOne() {
    Random random = new Random(42);
    EntityType[] types = {EntityType.PERSON, EntityType.EMAIL, EntityType.PHONE};
    for (int round = 0; round < 50; round++) {
      Map<String, String> existing = new LinkedHashMap<>();
      for (int i = 0; i < 100; i++) {
        EntityType type = types[random.nextInt(types.length)];
        String style = random.nextBoolean() ? "[" + type.tag() + "_" : "<" + type.tag() + "_";
        existing.put(style + (1 + random.nextInt(150)) + (style.startsWith("[") ? "]" : ">"), "v" + random.nextInt(80));
      }
      Mapping base = new Mapping(PlaceholderStyle.SQUARE);
      base.seed(existing);
      base.freeze();
      Mapping over = Mapping.over(base);
      Mapping fresh = new Mapping(PlaceholderStyle.SQUARE);
      fresh.seed(existing);
      Map<String, String> vault = Map.of("[NAME_7]", "vault seven", "[EMAIL_500]", "v3");
      over.seed(vault);
      fresh.seed(vault);
      for (int i = 0; i < 40; i++) {
        EntityType type = types[random.nextInt(types.length)];
        String value = random.nextInt(3) == 0 ? "V" + random.nextInt(80) : "new value " + random.nextInt(30);
        assertThat(over.placeholderFor(type, value)).isEqualTo(fresh.placeholderFor(type, value));
      }
      assertThat(over.asMap()).containsExactlyEntriesOf(fresh.asMap());
      assertThat(over.frozen()).containsExactlyEntriesOf(fresh.asMap());
      assertThat(over.added()).containsExactlyEntriesOf(fresh.added());
      assertThat(over.size()).isEqualTo(fresh.size());
      assertThat(over.valuesStartingWith("new")).containsExactlyInAnyOrderElementsOf(fresh.valuesStartingWith("new"));
      for (String key : fresh.asMap().keySet()) {
        String canonical = Placeholders.canonical(key);
        assertThat(over.valueOfCanonical(canonical)).isEqualTo(fresh.valueOfCanonical(canonical));
        String text = "x " + key + " y";
        int sep = text.lastIndexOf('_');
        assertThat(over.lookup().value(text, 3, sep, text.length() - 3))
            .isEqualTo(fresh.lookup().value(text, 3, sep, text.length() - 3));
      }
      assertThat(base.asMap()).containsExactlyEntriesOf(existingSeededAlone(existing));
    }
  }

  @Test
  void aFrozenMappingRefusesChanges() {
    Mapping base = new Mapping(PlaceholderStyle.SQUARE);
    base.seed(Map.of("[NAME_1]", "Anna"));
    base.freeze();
    assertThat(base.placeholderFor(EntityType.PERSON, "anna")).isEqualTo("[NAME_1]"); // a lookup, no change
    assertThatThrownBy(() -> base.placeholderFor(EntityType.PERSON, "Bob")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> base.seed(Map.of("[NAME_2]", "Bob"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Mapping.over(new Mapping(PlaceholderStyle.SQUARE)))
        .isInstanceOf(IllegalArgumentException.class);
    Mapping a = Mapping.over(base);
    Mapping b = Mapping.over(base);
    assertThat(a.placeholderFor(EntityType.PERSON, "Bob")).isEqualTo("[NAME_2]");
    assertThat(b.placeholderFor(EntityType.PERSON, "Carl")).isEqualTo("[NAME_2]"); // calls do not see each other
    assertThat(b.valueOfCanonical("NAME_2")).isEqualTo("Carl");
    assertThat(base.size()).isEqualTo(1);
  }

  private static Map<String, String> existingSeededAlone(Map<String, String> existing) {
    Mapping m = new Mapping(PlaceholderStyle.SQUARE);
    m.seed(existing);
    return m.asMap();
  }
}
