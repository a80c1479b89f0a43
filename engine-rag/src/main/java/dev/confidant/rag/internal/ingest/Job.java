package dev.confidant.rag.internal.ingest;

import dev.confidant.rag.DocumentStatus;
import dev.confidant.rag.IngestionEvent;
import dev.confidant.rag.IngestionJob;
import dev.confidant.rag.IngestionListener;
import dev.confidant.rag.DocumentInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An ingestion job: its documents, their statuses and its completion. Thread-safe: ingestion workers update
 * statuses while callers read them.
 *
 * <p>A job is queued before its pending statuses are committed (so that a full queue refuses it before anything is
 * written), and workers wait for {@link #release()} before they touch its documents, so that no commit of a worker
 * can come before those pending records.
 */
public final class Job implements IngestionJob {
  final Ingestor.BatchWriter writer;
  final String spaceId;
  final String collectionId;
  final List<DocumentInput> inputs;
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile @Nullable Throwable aborted;
  private final List<String> sourceIds;
  private final AtomicReferenceArray<DocumentStatus> statuses;
  private final IngestionListener listener;
  private final Consumer<DocumentStatus> statusSink;
  private final CompletableFuture<List<DocumentStatus>> completion = new CompletableFuture<>();
  /** Run by {@link #release()} and {@link #abort} (a durable queue's hold is lifted or withdrawn). */
  private volatile Runnable onRelease = () -> {};
  private volatile Consumer<Throwable> onAbort = cause -> {};
  private int done;

  /**
   * @param initial one pending status per input
   * @param statusSink also told of every status change (the knowledge base's status table)
   */
  Job(Ingestor.BatchWriter writer, String spaceId, String collectionId, List<DocumentInput> inputs,
      List<DocumentStatus> initial, IngestionListener listener, Consumer<DocumentStatus> statusSink) {
    this.writer = writer;
    this.spaceId = spaceId;
    this.collectionId = collectionId;
    this.inputs = List.copyOf(inputs);
    this.sourceIds = initial.stream().map(DocumentStatus::sourceId).toList();
    this.statuses = new AtomicReferenceArray<>(initial.toArray(DocumentStatus[]::new));
    this.listener = listener;
    this.statusSink = statusSink;
    initial.forEach(statusSink);
    if (initial.isEmpty()) {
      completion.complete(List.of());
    }
  }

  @Override
  public List<String> sourceIds() {
    return sourceIds;
  }

  @Override
  public List<DocumentStatus> statuses() {
    List<DocumentStatus> list = new ArrayList<>(statuses.length());
    for (int i = 0; i < statuses.length(); i++) {
      list.add(statuses.get(i));
    }
    return list;
  }

  @Override
  public CompletableFuture<List<DocumentStatus>> completion() {
    return completion.copy();
  }

  @Override
  public List<DocumentStatus> await(Duration timeout) {
    try {
      return completion.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("ingestion of " + sourceIds.size() + " documents not finished after "
          + timeout + "; statuses: " + statuses(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for ingestion", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("ingestion failed: " + e.getCause(), e.getCause());
    }
  }

  DocumentStatus status(int index) {
    return statuses.get(index);
  }

  /**
   * Records a final state (indexed or failed) and tells the listener. Workers take a space's tasks one at a time, so
   * calls come in order; synchronized all the same, as they come from several threads.
   */
  synchronized void finish(int index, DocumentStatus status) {
    statuses.set(index, status);
    statusSink.accept(status);
    done++;
    try {
      listener.onEvent(new IngestionEvent(status, done, statuses.length()));
    } catch (RuntimeException ignored) {
      // A failing listener must not stop ingestion of the other documents.
    }
    if (done == statuses.length()) {
      completion.complete(statuses());
    }
  }

  void cancel() {
    completion.cancel(false);
  }

  /** The job's pending statuses are committed: workers may ingest its documents. */
  public void release() {
    released.countDown();
    onRelease.run();
  }

  /** The job's pending statuses could not be committed: workers fail its documents without ingesting them. */
  public void abort(Throwable cause) {
    aborted = cause;
    released.countDown();
    onAbort.accept(cause);
  }

  /** What {@link #release()} and {@link #abort} do besides letting this node's workers go on. */
  void onRelease(Runnable release, Consumer<Throwable> abort) {
    onRelease = release;
    onAbort = abort;
  }

  /**
   * Waits for {@link #release()} or {@link #abort}.
   *
   * @return the cause if the job was aborted, else {@code null}
   */
  @Nullable Throwable awaitRelease() throws InterruptedException {
    released.await();
    return aborted;
  }

  /** Whether every document is indexed or failed. */
  boolean isDone() {
    return completion.isDone();
  }
}
