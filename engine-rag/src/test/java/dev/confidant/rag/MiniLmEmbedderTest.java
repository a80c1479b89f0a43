package dev.confidant.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real all-MiniLM-L6-v2 from the jar: offline, unit vectors, and dense retrieval finds paraphrases. */
class MiniLmEmbedderTest {
  @TempDir Path dir;

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
