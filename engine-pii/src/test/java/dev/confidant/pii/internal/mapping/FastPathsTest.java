package dev.confidant.pii.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.PlaceholderStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The allocation-free paths of re-matching against the straightforward code they replace, on random input. */
class FastPathsTest {
  /** {@link Placeholders#canonical} as it was written with streams. */
  private static @Nullable String referenceCanonical(String placeholder) {
    String p = placeholder.strip();
    if (p.length() >= 2 && (p.charAt(0) == '[' && p.endsWith("]") || p.charAt(0) == '<' && p.endsWith(">"))) {
      p = p.substring(1, p.length() - 1);
    }
    int sep = Math.max(p.lastIndexOf('_'), p.lastIndexOf(' '));
    if (sep <= 0 || sep == p.length() - 1 || sep > Placeholders.MAX_TAG
        || p.length() - sep - 1 > Placeholders.MAX_DIGITS) {
      return null;
    }
    String tag = p.substring(0, sep);
    String num = p.substring(sep + 1);
    if (!num.chars().allMatch(c -> c >= '0' && c <= '9') || !Character.isLetter(tag.charAt(0))
        || !tag.chars().allMatch(c -> c == '_' || c < 128 && Character.isLetter(c))) {
      return null;
    }
    return tag.toUpperCase(Locale.ROOT) + "_" + num;
  }

  @Test
  void canonicalReadsEveryStringAsBefore() {
    List<String> fixed = List.of("[NAME_1]", "NAME_1", "<Name 12>", " [EMAIL_3] ", "[NAME_]", "[_1]", "[1_1]",
        "[NA ME_1]", "[CARD_1234567890]", "[ÄRZTIN_1]", "[MY_TAG_7]", "[]", "", " ", "<NAME_1]", "[IBAN 9>");
    for (String s : fixed) {
      assertThat(Placeholders.canonical(s)).as(s).isEqualTo(referenceCanonical(s));
    }
    Random random = new Random(42);
    String alphabet = "[]<> _AaZz09ßÄ\t";
    for (int n = 0; n < 20000; n++) {
      StringBuilder b = new StringBuilder();
      for (int i = random.nextInt(10); i > 0; i--) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      assertThat(Placeholders.canonical(b.toString())).as(b.toString()).isEqualTo(referenceCanonical(b.toString()));
    }
  }

  @Test
  void valuesStartingWithAWordOfTheTextAreThoseOfItsLowerCase() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("[NAME_1]", "Jürgen Müller");
    entries.put("[NAME_2]", "Anna Weber");
    entries.put("[NAME_3]", "anna schmidt");
    entries.put("[LOCATION_1]", "İstanbul");
    entries.put("[ORG_1]", "\u212Aelvin GmbH"); // the Kelvin sign lower-cases to an ASCII 'k'
    entries.put("[EMAIL_1]", "a.b@example.org");
    Mapping base = new Mapping(PlaceholderStyle.SQUARE);
    base.seed(Map.of("[NAME_9]", "Zoe Quarn"));
    base.freeze();
    Mapping mapping = Mapping.over(base);
    mapping.seed(entries);
    String text = "JÜRGEN jürgen Anna ANNA anna zoe ZOE İstanbul istanbul kelvin \u212Aelvin A b example 42 Zoë";
    for (int start = 0; start < text.length(); start++) {
      for (int end = start + 1; end <= Math.min(text.length(), start + 12); end++) {
        String word = text.substring(start, end).toLowerCase(Locale.ROOT);
        assertThat(mapping.valuesStartingWith(text, start, end)).as(word)
            .isEqualTo(mapping.valuesStartingWith(word));
      }
    }
    assertThat(mapping.valuesStartingWith("ANNA", 0, 4)).containsExactly("anna weber", "anna schmidt");
    assertThat(mapping.valuesStartingWith("Zoe", 0, 3)).containsExactly("zoe quarn");
  }

  @Test
  void rematchStatesAreEqualExactlyForTheSameValuesAndPlaceholdersInTheSameOrder() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("[NAME_1]", "Anna Weber");
    entries.put("[EMAIL_1]", "anna@example.org");
    Mapping one = new Mapping(PlaceholderStyle.SQUARE);
    one.seed(entries);
    Mapping two = new Mapping(PlaceholderStyle.SQUARE);
    two.seed(entries);
    assertThat(one.rematchState()).isEqualTo(two.rematchState()).isNotEqualTo(Mapping.RematchState.EMPTY);
    Mapping base = new Mapping(PlaceholderStyle.SQUARE);
    base.seed(Map.of("[NAME_1]", "Anna Weber"));
    base.freeze();
    Mapping over = Mapping.over(base);
    over.seed(Map.of("[EMAIL_1]", "anna@example.org"));
    assertThat(over.rematchState()).isEqualTo(one.rematchState());
    Map<String, String> respelled = new LinkedHashMap<>();
    respelled.put("[NAME_1]", "ANNA   weber");
    respelled.put("[EMAIL_1]", "Anna@Example.org");
    Mapping spelledOtherwise = new Mapping(PlaceholderStyle.SQUARE);
    spelledOtherwise.seed(respelled);
    assertThat(spelledOtherwise.rematchState()).isEqualTo(one.rematchState()); // normalised values are the same
    Mapping otherPlaceholder = new Mapping(PlaceholderStyle.SQUARE);
    Map<String, String> renumbered = new LinkedHashMap<>();
    renumbered.put("[NAME_2]", "Anna Weber");
    renumbered.put("[EMAIL_1]", "anna@example.org");
    otherPlaceholder.seed(renumbered);
    assertThat(otherPlaceholder.rematchState()).isNotEqualTo(one.rematchState());
    two.placeholderFor(dev.confidant.pii.EntityType.PERSON, "Jonas Bauer");
    assertThat(two.rematchState()).isNotEqualTo(one.rematchState());
    assertThat(two.rematchState().values()).isEqualTo(3);
    assertThat(new Mapping(PlaceholderStyle.SQUARE).rematchState()).isEqualTo(Mapping.RematchState.EMPTY);
  }

  @Test
  void valuesSinceAnEarlierStateAreTheOnesBoundAfterIt() {
    Mapping base = new Mapping(PlaceholderStyle.SQUARE);
    base.seed(Map.of("[NAME_1]", "Anna Weber"));
    base.freeze();
    Mapping mapping = Mapping.over(base);
    Mapping.RematchState inBase = mapping.rematchState();
    mapping.placeholderFor(dev.confidant.pii.EntityType.EMAIL, "a@example.org");
    Mapping.RematchState one = mapping.rematchState();
    mapping.placeholderFor(dev.confidant.pii.EntityType.PERSON, "Jonas  Bauer");
    assertThat(mapping.valuesSince(Mapping.RematchState.EMPTY))
        .containsExactly("anna weber", "a@example.org", "jonas bauer");
    assertThat(mapping.valuesSince(inBase)).containsExactly("a@example.org", "jonas bauer");
    assertThat(mapping.valuesSince(one)).containsExactly("jonas bauer");
    assertThat(mapping.valuesSince(mapping.rematchState())).isEmpty();
    Mapping other = new Mapping(PlaceholderStyle.SQUARE);
    other.seed(Map.of("[NAME_1]", "Mia Novak"));
    assertThat(mapping.valuesSince(other.rematchState())).isNull(); // never had that state
  }
}
