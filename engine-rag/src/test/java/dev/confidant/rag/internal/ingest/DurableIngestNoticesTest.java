package dev.confidant.rag.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.rag.DocumentStatus;
import dev.confidant.rag.HashingEmbedder;
import dev.confidant.rag.RagOptions;
import dev.confidant.rag.spi.DurableIngestQueue;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The ingestion workers subscribe to a durable queue's notices ({@link DurableIngestQueue#subscribe}) for as long as
 * they run: engine-postgres sends them with LISTEN/NOTIFY, and its test checks that they cross nodes.
 */
class DurableIngestNoticesTest {

  /** A queue with nothing to hand out that records its subscribers. */
  private static final class EmptyQueue implements DurableIngestQueue {
    final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    final AtomicInteger closed = new AtomicInteger();

    @Override
    public Subscription subscribe(Runnable listener) {
      listeners.add(listener);
      return closed::incrementAndGet;
    }

    @Override
    public List<Long> offer(String spaceId, List<QueuedDocument> documents) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void release(Collection<Long> ids) {}

    @Override
    public void discard(Collection<Long> ids) {}

    @Override
    public @Nullable Lease take(int maxDocuments) {
      return null;
    }

    @Override
    public Map<Long, DocumentStatus> outcomes(Collection<Long> ids) {
      return Map.of();
    }

    @Override
    public int queuedDocuments(String spaceId) {
      return 0;
    }

    @Override
    public Duration leaseDuration() {
      return Duration.ofSeconds(30);
    }
  }

  @Test
  void theWorkersListenWhileTheyRunAndStopWhenClosed() {
    EmptyQueue queue = new EmptyQueue();
    Ingestor ingestor = new Ingestor(new HashingEmbedder(), RagOptions.defaults(), queue,
        new Ingestor.DurableTarget() {
          @Override
          public Ingestor.BatchWriter writer(String spaceId) {
            return (collection, batch) -> true;
          }

          @Override
          public Consumer<DocumentStatus> statusSink(String spaceId) {
            return status -> {};
          }
        });
    assertThat(queue.listeners).as("one subscription for all workers").hasSize(1);
    queue.listeners.getFirst().run(); // a notice with nothing to take wakes a worker, which finds nothing
    assertThat(queue.closed).hasValue(0);

    ingestor.close();
    assertThat(queue.closed).as("closing the workers ends the subscription").hasValue(1);
    queue.listeners.getFirst().run(); // a late notice after close is ignored
  }
}
