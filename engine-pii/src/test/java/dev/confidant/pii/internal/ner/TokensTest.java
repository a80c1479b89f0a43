package dev.confidant.pii.internal.ner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokensTest {
  @Test
  void initialsAndTitlesKeepTheirFullStopAndEndNoSentence() {
    String text = "Mr. J. Smith met Dr. A.B. Okafor. Then he left.";
    Tokens tokens = Tokens.of(text);
    assertThat(tokens.tokens()).containsExactly("Mr.", "J.", "Smith", "met", "Dr.", "A.B.", "Okafor", ".", "Then",
        "he", "left", ".");
    assertThat(tokens.sentences(text)).hasSize(2);
    assertThat(tokens.sentences(text).get(0)).containsExactly(0, 8);
  }

  @Test
  void otherFullStopsStillEndSentences() {
    String text = "I met Smith. The end. Call me at home.";
    Tokens tokens = Tokens.of(text);
    assertThat(tokens.tokens()).containsExactly("I", "met", "Smith", ".", "The", "end", ".", "Call", "me", "at",
        "home", ".");
    assertThat(tokens.sentences(text)).hasSize(3);
  }
}
