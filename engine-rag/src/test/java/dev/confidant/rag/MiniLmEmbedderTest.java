package dev.confidant.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.confidant.rag.internal.embed.MiniLmEmbedder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real all-MiniLM-L6-v2 from the jar: offline, unit vectors, and dense retrieval finds paraphrases. */
class MiniLmEmbedderTest {
  @TempDir Path dir;

  /**
   * A text's vector inside a padded, length-sorted batch is its vector alone (one unpadded ONNX call), returned in
   * the caller's order: texts of 1 to 300 words (past the 128 word pieces the tokenizer keeps), a blank one and one
   * with accents. (Agreement with langchain4j's one-text-at-a-time model, which built earlier indexes, is measured
   * on SciFact by the benchmarks' IngestionThroughput, whose class path has it.)
   */
  @Test
  void batchedVectorsMatchTheOneTextAtATimeModelInOrder() {
    List<String> texts = new ArrayList<>();
    String[] words = "the kitten dozed on a warm rug while interest rates rose and the striker scored twice".split(" ");
    for (int n : new int[] {1, 300, 7, 40, 2, 129, 15, 64, 3, 90, 11, 5}) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < n; i++) {
        b.append(words[(i * 7 + n) % words.length]).append(i % 9 == 8 ? ". " : " ");
      }
      texts.add(b.toString().strip());
    }
    texts.add("  ");
    texts.add("Zürich's Café Größe: naïve façade — déjà vu? 42% of 1,000,000!");
    MiniLmEmbedder embedder = new MiniLmEmbedder(2);
    List<float[]> batched = embedder.embed(texts);
    assertThat(batched).hasSize(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      assertThat(dot(batched.get(i), batched.get(i))).as("text %d is a unit vector", i).isCloseTo(1.0, within(1e-4));
      float[] alone = embedder.embed(List.of(texts.get(i))).getFirst();
      assertThat(dot(batched.get(i), alone)).as("text %d alone", i).isGreaterThan(0.9999);
    }
    // Different texts give different vectors (the comparison above is not vacuous).
    assertThat(dot(batched.get(0), batched.get(1))).isLessThan(0.99);
  }

  /**
   * Windowed, a text within the model's 128 pieces keeps its vector, and a longer one is read past them: what its
   * end says moves the vector (truncated, it does not), and a query about that end finds it closer.
   */
  @Test
  void theWindowedEmbedderReadsPastTheModelsWindowAndKeepsShortTextsVectors() {
    MiniLmEmbedder plain = new MiniLmEmbedder(2);
    MiniLmEmbedder windowed = MiniLmEmbedder.windowed(2);
    assertThat(windowed.name()).isNotEqualTo(plain.name());
    String filler = "interest rates rose again this quarter and the central bank kept its forecast unchanged. ".repeat(12);
    List<String> texts = List.of("hello world", filler + "The kitten dozed on the warm rug all afternoon.",
        filler + "The striker scored twice in the cup final.");
    List<float[]> p = plain.embed(texts);
    List<float[]> w = windowed.embed(texts);
    assertThat(dot(p.get(0), w.get(0))).isGreaterThan(0.9999);
    assertThat(dot(p.get(1), p.get(2))).as("cut at 128 pieces, the two ends are lost").isGreaterThan(0.9999);
    assertThat(dot(w.get(1), w.get(2))).isLessThan(0.99);
    for (float[] v : w) {
      assertThat(dot(v, v)).isCloseTo(1.0, within(1e-4));
    }
    float[] query = windowed.embed(List.of("cat sleeping on a carpet")).getFirst();
    assertThat(dot(query, w.get(1))).isGreaterThan(dot(query, w.get(2)));
    assertThat(windowed.embed(List.of(texts.get(1))).getFirst()).satisfies(v -> assertThat(dot(v, w.get(1)))
        .isGreaterThan(0.9999)); // alone as in a batch
  }

  /** Windows keep every piece once, in order, each with the text's [CLS] and [SEP], none past the model's 128. */
  @Test
  void windowsCoverEveryPieceOnceWithinTheModelsLength() {
    for (int n : new int[] {2, 3, 127, 128, 129, 130, 253, 254, 255, 1000, 2018}) {
      long[] pieces = new long[n];
      for (int i = 0; i < n; i++) {
        pieces[i] = i == 0 ? 101 : i == n - 1 ? 102 : 1000 + i;
      }
      List<long[]> windows = new ArrayList<>();
      MiniLmEmbedder.split(pieces, windows);
      List<Long> inner = new ArrayList<>();
      for (long[] window : windows) {
        assertThat(window.length).isLessThanOrEqualTo(128);
        assertThat(window[0]).isEqualTo(101);
        assertThat(window[window.length - 1]).isEqualTo(102);
        for (int i = 1; i < window.length - 1; i++) {
          inner.add(window[i]);
        }
      }
      assertThat(windows).hasSize(n <= 128 ? 1 : (n - 2 + 125) / 126);
      assertThat(inner).hasSize(n - 2).isSorted();
    }
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Test
  void denseRetrievalFindsParaphrasesThatShareNoWordWithTheQuery() {
    Embedder embedder = Embedders.allMiniLmL6V2();
    float[] v = embedder.embed(List.of("hello world")).getFirst();
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    assertThat(v).hasSize(embedder.dimension());
    assertThat(norm).isCloseTo(1.0, within(1e-4));

    try (KnowledgeBase kb = KnowledgeBase.open(dir, embedder, RagOptions.defaults())) {
      kb.createCollection("s", "c", "C");
      kb.ingest("s", "c", List.of(
          DocumentInput.ofText("pets", "", "The kitten dozed on the rug all afternoon."),
          DocumentInput.ofText("money", "", "Interest rates rose again this quarter."),
          DocumentInput.ofText("sport", "", "The striker scored twice in the final.")),
          IngestionListener.NONE).await(Duration.ofMinutes(2));

      String query = "cat sleeping on a carpet";
      assertThat(kb.search(SearchQuery.of("s", query).withMode(SearchMode.BM25))).isEmpty();
      assertThat(kb.search(SearchQuery.of("s", query).withMode(SearchMode.DENSE)).getFirst().sourceId())
          .isEqualTo("pets");
      assertThat(kb.search(SearchQuery.of("s", query).withMode(SearchMode.HYBRID)).getFirst().sourceId())
          .isEqualTo("pets");
    }
  }
}
