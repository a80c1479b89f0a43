package dev.confidant.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf16Test {
  @Test
  void wordCountCountsWhatSplittingTheStrippedTextAtWhitespaceRunsCounts() {
    List<String> texts = List.of("", "   ", "one", " one  two\tthree\n", "a\u2003b", "\u2003a b\u2003", "x\u000By\fz\r",
        "\u00a0non-breaking\u00a0space", "emoji \ud83d\ude00 here");
    for (String text : texts) {
      assertThat(Utf16.wordCount(text)).as(text).isEqualTo(regexCount(text));
    }
    Random random = new Random(42);
    char[] alphabet = {'a', 'b', ' ', '\t', '\n', '\u2003', '\u00a0', '\r', '\u000B'};
    for (int n = 0; n < 2000; n++) {
      StringBuilder b = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        b.append(alphabet[random.nextInt(alphabet.length)]);
      }
      assertThat(Utf16.wordCount(b.toString())).as(b.toString()).isEqualTo(regexCount(b.toString()));
    }
  }

  private static int regexCount(String text) {
    String stripped = text.strip();
    return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
  }
}
