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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * An ingestion job: its documents, their statuses and its completion. Thread-safe: the ingestion thread
 * updates statuses while callers read them.
 */
public final class Job implements IngestionJob {
  final String spaceId;
  final String collectionId;
  final List<DocumentInput> inputs;
  private final List<String> sourceIds;
  private final AtomicReferenceArray<DocumentStatus> statuses;
  private final IngestionListener listener;
  private final Consumer<DocumentStatus> statusSink;
  private final CompletableFuture<List<DocumentStatus>> completion = new CompletableFuture<>();
  private int done;

  /**
   * @param initial one pending status per input
   * @param statusSink also told of every status change (the knowledge base's status table)
   */
  Job(String spaceId, String collectionId, List<DocumentInput> inputs, List<DocumentStatus> initial,
      IngestionListener listener, Consumer<DocumentStatus> statusSink) {
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

  /** Records a final state (indexed or failed) and tells the listener; only the ingestion thread calls it. */
  void finish(int index, DocumentStatus status) {
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
}
