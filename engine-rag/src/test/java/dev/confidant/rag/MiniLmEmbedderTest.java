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
