package dev.confidant.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.EngineConfigException;
import dev.confidant.api.InvalidRequestException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A knowledge base with {@link Embedders#none()}: BM25 only. Documents are indexed and found, hybrid searches rank as
 * BM25 does, a dense search is refused naming {@code mode}, and the index is refused by a real embedder.
 */
class Bm25OnlyTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private static List<String> ids(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::sourceId).toList();
  }

  @Test
  void documentsAreFoundByBm25AndHybridAndADenseSearchIsRefused() {
    try (KnowledgeBase kb = KnowledgeBase.open(dir, Embedders.none(), RagOptions.defaults())) {
      kb.ensureCollection("s", "c");
      List<DocumentStatus> statuses = kb.ingest("s", "c", List.of(
          DocumentInput.ofText("cats", "Cats", "Cats sleep most of the day and purr."),
          DocumentInput.ofText("dogs", "Dogs", "Dogs bark at the mail carrier every day."),
          DocumentInput.ofText("birds", "Birds", "Birds sing at dawn.")), IngestionListener.NONE).await(WAIT);
      assertThat(statuses).extracting(DocumentStatus::state).containsOnly(DocumentStatus.State.INDEXED);

      List<SearchHit> bm25 = kb.search(SearchQuery.of("s", "day cats").withMode(SearchMode.BM25));
      assertThat(ids(bm25)).containsExactly("cats", "dogs");
      assertThat(kb.search(SearchQuery.of("s", "day cats").withMode(SearchMode.HYBRID))).isEqualTo(bm25);
      assertThatThrownBy(() -> kb.search(SearchQuery.of("s", "day cats").withMode(SearchMode.DENSE)))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("dense search needs an embedder")
          .satisfies(e -> assertThat(((InvalidRequestException) e).violations().get(0).loc())
              .containsExactly("mode"));
    }
    // The index records that it has no vectors: a real embedder is refused instead of finding nothing.
    try (KnowledgeBase other = KnowledgeBase.open(dir, new HashingEmbedder(), RagOptions.defaults())) {
      assertThatThrownBy(() -> other.search(SearchQuery.of("s", "cats")))
          .isInstanceOf(EngineConfigException.class).hasMessageContaining("'none/0'");
    }
  }
}
