package dev.confidant.rag.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.LimitExceededException;
import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.DocumentStatus;
import dev.confidant.rag.IngestionListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairIngestQueueTest {

  /** A job of {@code documents} texts of {@code chars} characters each in a space, one task per document. */
  private static List<IngestTask> tasks(String space, int documents, int chars) {
    List<DocumentInput> inputs = new ArrayList<>();
    List<DocumentStatus> pending = new ArrayList<>();
    for (int i = 0; i < documents; i++) {
      inputs.add(DocumentInput.ofText(space + i, "", "x".repeat(chars)));
      pending.add(new DocumentStatus(space + i, "c", "", DocumentStatus.State.PENDING, 0, null));
    }
    Job job = new Job(null, space, "c", inputs, pending, IngestionListener.NONE, s -> {});
    List<IngestTask> tasks = new ArrayList<>();
    for (int i = 0; i < documents; i++) {
      tasks.add(new IngestTask(job, i, i + 1));
    }
    return tasks;
  }

  @Test
  void spacesAreServedInTurnWithOneTaskInProgressEach() throws Exception {
    FairIngestQueue queue = new FairIngestQueue(100, 1 << 20, 1 << 20);
    queue.offer(tasks("a", 3, 1));
    queue.offer(tasks("b", 1, 1));
    queue.offer(tasks("c", 2, 1));

    IngestTask a0 = queue.take();
    IngestTask b0 = queue.take();
    IngestTask c0 = queue.take();
    queue.done(c0);
    queue.done(a0);
    IngestTask c1 = queue.take();
    IngestTask a1 = queue.take();

    // a offered three documents first, but b and c had their turn before a's second, and c's second came back
    // into line before a's (c was done first).
    assertThat(List.of(a0, b0, c0, c1, a1)).extracting(t -> t.job().inputs.get(t.from()).sourceId())
        .containsExactly("a0", "b0", "c0", "c1", "a1");
    assertThat(queue.queuedDocuments("a")).isEqualTo(1);
    queue.done(b0);
    queue.done(a1);
    assertThat(queue.take().job().inputs.get(2).sourceId()).isEqualTo("a2");
  }

  @Test
  void aJobPastASpacesBoundIsRefusedWholeAndOtherSpacesAreNot() {
    FairIngestQueue queue = new FairIngestQueue(3, 1 << 20, 1 << 20);
    queue.offer(tasks("a", 2, 1));

    assertThatThrownBy(() -> queue.offer(tasks("a", 2, 1))).isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("space 'a' has 2 documents waiting");
    assertThat(queue.queuedDocuments("a")).isEqualTo(2);
    queue.offer(tasks("b", 3, 1));
    assertThat(queue.queuedDocuments("b")).isEqualTo(3);
  }

  @Test
  void waitingContentIsBoundedInBytesPerSpaceAndOverAllSpaces() throws Exception {
    FairIngestQueue queue = new FairIngestQueue(100, 9_000, 12_000);
    queue.offer(tasks("a", 2, 2_000)); // 2 bytes per char: 8,000 bytes

    assertThatThrownBy(() -> queue.offer(tasks("a", 1, 1_000))).isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("IngestLimits.maxQueuedBytesPerSpace");
    assertThatThrownBy(() -> queue.offer(tasks("b", 1, 2_500))).isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("IngestLimits.maxQueuedBytes)");
    queue.offer(tasks("b", 1, 1_500));
    queue.take(); // taken content no longer waits
    queue.offer(tasks("a", 1, 1_000));
  }

  @Test
  void closingHandsBackWhatWaitedAndEndsTakes() throws Exception {
    FairIngestQueue queue = new FairIngestQueue(100, 1 << 20, 1 << 20);
    queue.offer(tasks("a", 2, 1));
    queue.offer(tasks("b", 1, 1));
    queue.take();

    assertThat(queue.close()).hasSize(2);
    assertThat(queue.take()).isNull();
    assertThat(queue.queuedDocuments("a")).isZero();
  }
}
