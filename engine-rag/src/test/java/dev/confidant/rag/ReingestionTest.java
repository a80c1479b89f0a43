package dev.confidant.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.confidant.api.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingesting the same content again, and the document list a polling client reads while ingestion runs. */
class ReingestionTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile boolean hold;
  /** Blocks embedding while {@link #hold} is set, so that documents stay pending until {@link #release}. */
  private final Embedder gated = new Embedder() {
    private final HashingEmbedder inner = new HashingEmbedder();

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public int dimension() {
      return inner.dimension();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      if (hold) {
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return inner.embed(texts);
    }
  };
  private KnowledgeBase kb;

  @BeforeEach
  void open() {
    kb = KnowledgeBase.open(dir.resolve("kb"), gated, RagOptions.defaults());
  }

  @AfterEach
  void close() {
    release.countDown();
    kb.close();
  }

  private String ingestFile(String collection, Path file) {
    return kb.ingest("s", collection, List.of(DocumentInput.ofFile(file)), IngestionListener.NONE).await(WAIT)
        .get(0).sourceId();
  }

  @Test
  void theSameFileIngestedTwiceIsOneDocumentUnderTheSameId() throws Exception {
    kb.createCollection("s", "c", "C");
    kb.createCollection("s", "other", "Other");
    Path file = Files.writeString(dir.resolve("leave.txt"), "Parental leave lasts sixteen weeks.");
    Path copy = Files.writeString(dir.resolve("copy-of-leave.txt"), "Parental leave lasts sixteen weeks.");

    String first = ingestFile("c", file);
    String second = ingestFile("c", file);
    assertThat(second).isEqualTo(first).startsWith("src_");
    assertThat(ingestFile("c", copy)).as("the same bytes under another name").isEqualTo(first);
    assertThat(kb.documents("s", "c")).singleElement().satisfies(d -> {
      assertThat(d.sourceId()).isEqualTo(first);
      assertThat(d.state()).isEqualTo(DocumentStatus.State.INDEXED);
    });
    assertThat(kb.search(SearchQuery.of("s", "parental leave").withMode(SearchMode.BM25)))
        .extracting(SearchHit::sourceId).containsExactly(first);

    assertThat(ingestFile("other", file)).as("another collection holds its own copy").isNotEqualTo(first);
    Files.writeString(file, "Parental leave lasts twenty weeks.");
    assertThat(ingestFile("c", file)).as("changed content is another document").isNotEqualTo(first);
    assertThat(kb.documents("s", "c")).hasSize(2);
  }

  @Test
  void theSameContentTwiceInOneRequestIsRefusedNamingBoth() {
    kb.createCollection("s", "c", "C");
    byte[] bytes = "same".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> kb.ingest("s", "c", List.of(
            new DocumentInput.BytesInput("a.txt", DocumentFormat.TXT, bytes, null),
            new DocumentInput.BytesInput("b.txt", DocumentFormat.TXT, bytes, null)), IngestionListener.NONE))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations()).singleElement()
            .satisfies(v -> {
              assertThat(v.loc()).containsExactly("documents", 1);
              assertThat(v.msg()).isEqualTo("has the same content as documents[0]; ingest it once");
            }));
    assertThat(kb.documents("s", "c")).isEmpty();
  }

  @Test
  void theDocumentListShowsPendingAndFailedDocumentsUntilIngestionEnds() {
    kb.createCollection("s", "c", "C");
    kb.createCollection("s", "moved", "Moved");
    kb.ingest("s", "c", List.of(DocumentInput.ofText("kept", "Kept", "Indexed before the others."),
        DocumentInput.ofText("mover", "Mover", "First in c.")), IngestionListener.NONE).await(WAIT);

    hold = true;
    // Jobs run one after another: the first blocks in the embedder, so the others wait in the queue.
    IngestionJob slow = kb.ingest("s", "c", List.of(DocumentInput.ofText("slow", "Slow", "Waits for the embedder.")),
        IngestionListener.NONE);
    IngestionJob broken = kb.ingest("s", "c", List.of(
        new DocumentInput.BytesInput("broken.pdf", DocumentFormat.PDF, new byte[] {1, 2, 3}, "broken")),
        IngestionListener.NONE);
    IngestionJob moved = kb.ingest("s", "moved", List.of(DocumentInput.ofText("mover", "Mover", "Now in moved.")),
        IngestionListener.NONE);

    assertThat(kb.documents("s", "c")).extracting(DocumentStatus::sourceId, DocumentStatus::state).containsExactly(
        tuple("broken", DocumentStatus.State.PENDING),
        tuple("kept", DocumentStatus.State.INDEXED),
        tuple("slow", DocumentStatus.State.PENDING));
    assertThat(kb.documents("s", "moved")).extracting(DocumentStatus::sourceId, DocumentStatus::state)
        .containsExactly(tuple("mover", DocumentStatus.State.PENDING));

    release.countDown();
    slow.await(WAIT);
    broken.await(WAIT);
    moved.await(WAIT);
    assertThat(kb.documents("s", "c")).extracting(DocumentStatus::sourceId, DocumentStatus::state).containsExactly(
        tuple("broken", DocumentStatus.State.FAILED),
        tuple("kept", DocumentStatus.State.INDEXED),
        tuple("slow", DocumentStatus.State.INDEXED));
    assertThat(kb.documents("s", "c").get(0).reason()).startsWith("cannot read broken.pdf as PDF");
    assertThat(kb.documents("s", "moved")).extracting(DocumentStatus::sourceId, DocumentStatus::state)
        .containsExactly(tuple("mover", DocumentStatus.State.INDEXED));
  }
}
