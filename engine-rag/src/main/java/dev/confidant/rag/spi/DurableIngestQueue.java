package dev.confidant.rag.spi;

import dev.confidant.rag.DocumentFormat;
import dev.confidant.rag.DocumentStatus;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Ingestion work that outlives the node that accepted it: documents wait in a store every node of a cluster shares,
 * any node takes the next batch, and a batch whose node died is taken again by another. The knowledge base's
 * ingestion workers use it instead of their in-memory queue when one is given (engine-opensearch); engine-postgres
 * implements it on PostgreSQL.
 *
 * <p>The contract every implementation keeps:
 * <ul>
 *   <li><b>Bounded</b>: {@link #offer} refuses, whole, what would pass the implementation's bounds, with
 *       {@link dev.confidant.api.LimitExceededException}, before anything of it is stored.
 *   <li><b>Held until released</b>: offered documents are not handed out before {@link #release} (the caller first
 *       records their pending statuses), or before a hold time the implementation documents, should the offering
 *       node die in between.
 *   <li><b>Fair</b>: {@link #take} never hands out documents of a space that has a batch leased on any node, and
 *       serves the spaces with waiting documents least recently served first.
 *   <li><b>Ordered</b> within a space: documents are handed out in the order they were offered.
 *   <li><b>At least once</b>: a batch whose lease runs out (its node stopped renewing it) is handed out again, to
 *       any node, until it is completed; the attempt number counts the hand-outs. Writers must therefore be
 *       idempotent (the knowledge bases' chunk ids are deterministic).
 * </ul>
 * Implementations are thread-safe.
 */
public interface DurableIngestQueue {

  /**
   * One document waiting for ingestion, as stored.
   *
   * @param collectionId the collection it goes into
   * @param sourceId its source id
   * @param title the title shown while it is pending (a text's title, else the file name)
   * @param fileName the file name, for a text the title
   * @param format the file format, or {@code null} for plain text ({@code content} is then UTF-8)
   * @param content the bytes to parse
   */
  record QueuedDocument(String collectionId, String sourceId, String title, String fileName,
      @Nullable DocumentFormat format, byte[] content) {}

  /**
   * A document handed out in a {@link Lease}.
   *
   * @param id the queue's id of the document ({@link #offer} returned it)
   * @param attempt how many times it has been handed out, this time included (1 the first time)
   */
  record Leased(long id, int attempt, QueuedDocument document) {}

  /** A batch of one space's documents, held by one node until it is completed or its lease runs out. */
  interface Lease {
    /** The space all its documents belong to. */
    String spaceId();

    /** The documents, in the order they were offered. */
    List<Leased> documents();

    /**
     * Extends the lease; call it more often than the lease duration while the batch is worked on.
     *
     * @return whether this node still held it (if not, another node may be working on the same documents)
     */
    boolean renew();

    /**
     * Records the documents' final statuses (indexed or failed; a document without one is handed out again) and
     * frees the space for the next batch.
     */
    void complete(Map<Long, DocumentStatus> outcomes);

    /** Gives the batch back unfinished (the node is stopping): it is handed out again at once. */
    void abandon();
  }

  /**
   * Stores one job's documents for a space, all or none, held until {@link #release}.
   *
   * @return the ids of the documents, in order
   * @throws dev.confidant.api.LimitExceededException if they would pass a bound; nothing is stored then
   */
  List<Long> offer(String spaceId, List<QueuedDocument> documents);

  /** Documents from {@link #offer} may be handed out: their pending statuses are recorded. */
  void release(Collection<Long> ids);

  /** Documents from {@link #offer} are withdrawn before they were released (their pending statuses failed). */
  void discard(Collection<Long> ids);

  /**
   * Leases the next batch without waiting: at most {@code maxDocuments} documents of the space whose turn it is.
   *
   * @return the batch, or {@code null} if no space has documents to hand out
   */
  @Nullable Lease take(int maxDocuments);

  /** The final statuses of those of {@code ids} that are completed, by id (by whichever node completed them). */
  Map<Long, DocumentStatus> outcomes(Collection<Long> ids);

  /** Documents of a space waiting or in progress, on any node. */
  int queuedDocuments(String spaceId);

  /** How long a lease lasts without {@link Lease#renew}: the longest a dead node's batch waits for another node. */
  Duration leaseDuration();

  /** Stops the calls of a {@link #subscribe} listener. */
  interface Subscription extends AutoCloseable {
    /** No call starts after this returns. */
    @Override
    void close();
  }

  /**
   * Asks to be told, on any node, that the queue changed in a way that may matter to idle workers or waiting jobs:
   * documents were released, or a space's batch was completed or given back (its next documents may be taken, its
   * outcomes read). The knowledge base's workers then take at once instead of at their next poll. A notice is a hint:
   * it may come when {@link #take} then finds nothing, and it may be missed (the store was unreachable for a while),
   * so callers keep polling as well. The listener runs on a thread of the implementation's and must return quickly.
   *
   * <p>The default tells nothing: workers find work by polling alone.
   *
   * @return stops the calls
   */
  default Subscription subscribe(Runnable listener) {
    return () -> {};
  }
}
