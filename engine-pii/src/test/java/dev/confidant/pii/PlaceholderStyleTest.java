package dev.confidant.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaceholderStyleTest {

  @Test
  void placeholdersOfBothStylesAreRecognized() {
    for (String p : new String[] {"[NAME_1]", "<NAME_1>", "[EMAIL_12]", "<PERSON_1>", "[Name 1]", "[IBAN_3]",
        PlaceholderStyle.ANGLE.format("ORG", 4)}) {
      assertThat(PlaceholderStyle.isPlaceholder(p)).as(p).isTrue();
    }
  }

  @Test
  void valuesAndBarePlaceholdersAreNot() {
    // A bare NAME_1 would be written into the prompt unbracketed, and the detokenizer would never restore it.
    for (String p : new String[] {"Anna", "Anna Weber", "NAME_1", "[NAME]", "[1]", "[NAME_1", "<NAME_x>", "[]", "",
        "[NÄME_1]", "{NAME_1}"}) {
      assertThat(PlaceholderStyle.isPlaceholder(p)).as(p).isFalse();
    }
  }
}
