package dev.confidant.rag;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An asynchronous ingestion of documents into one collection. Thread-safe.
 *
 * <p>A document is reported {@link DocumentStatus.State#INDEXED} only after an index commit that contains it,
 * so an acknowledged document survives a crash of the process.
 */
public interface IngestionJob {

  /** The source ids of the job's documents, in submission order. */
  List<String> sourceIds();

  /** A snapshot of every document's status, in submission order. */
  List<DocumentStatus> statuses();

  /** Completes with the final statuses once every document is indexed or failed. */
  CompletableFuture<List<DocumentStatus>> completion();

  /**
   * Waits for the job.
   *
   * @return the final statuses
   * @throws java.util.concurrent.CancellationException if the knowledge base closed first
   * @throws IllegalStateException if the job did not finish in time
   */
  List<DocumentStatus> await(Duration timeout);
}
