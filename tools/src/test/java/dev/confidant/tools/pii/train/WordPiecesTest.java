package dev.confidant.tools.pii.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WordPiecesTest {
  private static WordPieces pieces;

  @BeforeAll
  static void readTheMiniLmVocabulary() throws IOException {
    try (InputStream in = WordPiecesTest.class.getClassLoader()
        .getResourceAsStream("all-minilm-l6-v2-q-tokenizer.json")) {
      pieces = WordPieces.read(in);
    }
  }

  @Test
  void splitsAWordIntoTheLongestPiecesLowerCasedWithoutAccents() {
    List<Integer> unaffable = pieces.of("Unaffable");
    assertThat(unaffable).hasSize(3).doesNotContain(100); // un ##aff ##able, no [UNK] (id 100)
    assertThat(pieces.of("Müller")).isEqualTo(pieces.of("muller"));
    assertThat(pieces.of("JOHN")).isEqualTo(pieces.of("john")).hasSize(1);
  }

  @Test
  void punctuationIsAPieceOfItsOwn() {
    assertThat(pieces.of("O'Neil")).hasSize(pieces.of("o").size() + 1 + pieces.of("neil").size());
    assertThat(pieces.cls()).isNotEqualTo(pieces.sep());
  }
}
