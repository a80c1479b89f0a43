package dev.confidant.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch large enough to be prepared and written on several threads (documents parsed and chunked ahead on the
 * parse pool, the index additions split by source id over the cores): every document is indexed once and found, a
 * failure in one part of the write fails the whole batch and leaves none of it visible, and the knowledge base
 * ingests again afterwards.
 */
class ParallelIngestionTest {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final int DOCUMENTS = 16;
  /**
   * Chunks of 16 words, 40 a document: 640 in the batch, several write parts (128 chunks each) on any machine with
   * two cores or more, in few documents (a failed document costs a commit of its own).
   */
  private static final RagOptions OPTIONS = RagOptions.defaults().withChunking(16, 0)
      .withCommitBatchDocuments(DOCUMENTS);

  @TempDir Path dir;

  private static List<DocumentInput> documents(String word) {
    List<DocumentInput> docs = new ArrayList<>();
    for (int i = 0; i < DOCUMENTS; i++) {
      StringBuilder text = new StringBuilder();
      for (int j = 0; j < 40; j++) {
        text.append(word).append(i).append(" part").append(j)
            .append(i == DOCUMENTS / 2 && j == 7 ? " BROKEN" : " fine")
            .append(" alpha beta gamma delta epsilon zeta eta theta iota kappa lambda note.\n\n");
      }
      docs.add(DocumentInput.ofText("d" + i, "Note " + i, text.toString()));
    }
    return docs;
  }

  @Test
  void aLargeBatchIsIndexedWholeEveryDocumentOnceAndFound() {
    try (KnowledgeBase kb = KnowledgeBase.open(dir, new HashingEmbedder(), OPTIONS)) {
      kb.ensureCollection("s", "c");
      List<DocumentStatus> statuses = kb.ingest("s", "c", documents("word"), IngestionListener.NONE).await(WAIT);

      assertThat(statuses).extracting(DocumentStatus::state).containsOnly(DocumentStatus.State.INDEXED);
      int chunks = statuses.stream().mapToInt(DocumentStatus::chunks).sum();
      assertThat(chunks).as("enough chunks to be written in parts").isGreaterThanOrEqualTo(2 * 128);
      assertThat(kb.documents("s", "c")).hasSize(DOCUMENTS)
          .extracting(DocumentStatus::sourceId).doesNotHaveDuplicates();
      for (int i = 0; i < DOCUMENTS; i++) {
        assertThat(kb.search(SearchQuery.of("s", "word" + i).withMode(SearchMode.BM25).withK(1)))
            .as("BM25 finds document %d", i)
            .extracting(SearchHit::sourceId).containsExactly("d" + i);
      }
      assertThat(kb.search(SearchQuery.of("s", "note").withMode(SearchMode.DENSE).withK(10_000)))
          .as("every chunk has its vector, once").extracting(SearchHit::chunkId).doesNotHaveDuplicates()
          .hasSize(chunks);
      // Ingested again, each source keeps one version: the new one.
      assertThat(kb.ingest("s", "c", documents("renamed"), IngestionListener.NONE).await(WAIT))
          .extracting(DocumentStatus::state).containsOnly(DocumentStatus.State.INDEXED);
      assertThat(kb.documents("s", "c")).hasSize(DOCUMENTS);
      assertThat(kb.search(SearchQuery.of("s", "word7").withMode(SearchMode.BM25))).isEmpty();
      assertThat(kb.search(SearchQuery.of("s", "renamed7").withMode(SearchMode.BM25).withK(1)))
          .extracting(SearchHit::sourceId).containsExactly("d7");
      assertThat(kb.search(SearchQuery.of("s", "note").withMode(SearchMode.DENSE).withK(10_000))).hasSize(chunks);
    }
  }

  @Test
  void aFailureInOnePartOfTheWriteFailsTheWholeBatchAndLeavesNoneOfItVisible() {
    try (KnowledgeBase kb = KnowledgeBase.open(dir, new BrokenVectorEmbedder(), OPTIONS)) {
      kb.ensureCollection("s", "c");
      List<DocumentStatus> statuses = kb.ingest("s", "c", documents("word"), IngestionListener.NONE).await(WAIT);

      assertThat(statuses).allSatisfy(s -> {
        assertThat(s.state()).isEqualTo(DocumentStatus.State.FAILED);
        assertThat(s.reason()).startsWith("index write failed: ");
      });
      for (SearchMode mode : List.of(SearchMode.BM25, SearchMode.DENSE)) {
        assertThat(kb.search(SearchQuery.of("s", "note").withMode(mode).withK(50)))
            .as("no part of the failed batch is visible (%s)", mode).isEmpty();
      }
      // The writer was rolled back and reopened: the next batch is indexed.
      List<DocumentStatus> next = kb.ingest("s", "c", List.of(DocumentInput.ofText("fine", "Fine", "a fine note")),
          IngestionListener.NONE).await(WAIT);
      assertThat(next).extracting(DocumentStatus::state).containsExactly(DocumentStatus.State.INDEXED);
      assertThat(kb.search(SearchQuery.of("s", "note").withMode(SearchMode.BM25).withK(50)))
          .extracting(SearchHit::sourceId).containsExactly("fine");
    }
  }

  /** {@link HashingEmbedder}'s vectors, but one of the wrong length for a text with {@code BROKEN}. */
  private static final class BrokenVectorEmbedder implements Embedder {
    private final HashingEmbedder delegate = new HashingEmbedder();

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public int dimension() {
      return delegate.dimension();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      List<float[]> vectors = new ArrayList<>(delegate.embed(texts));
      for (int i = 0; i < texts.size(); i++) {
        if (texts.get(i).contains("BROKEN")) {
          vectors.set(i, new float[dimension() + 1]);
        }
      }
      return vectors;
    }
  }
}
