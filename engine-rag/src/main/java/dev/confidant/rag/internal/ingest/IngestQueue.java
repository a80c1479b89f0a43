package dev.confidant.rag.internal.ingest;

import dev.confidant.api.LimitExceededException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where ingestion work waits for a worker: the seam between accepting documents and indexing them. The embedded
 * implementation is {@link FairIngestQueue}; a durable one (PostgreSQL, shared by several engine nodes) implements
 * the same contract.
 *
 * <p>The contract every implementation keeps:
 * <ul>
 *   <li><b>Bounded</b>: {@link #offer} refuses, whole, what would pass the implementation's bounds, with
 *       {@link LimitExceededException}, before anything of it is queued.
 *   <li><b>Fair</b>: {@link #take} never hands out a task of a space that has one in progress, and serves spaces with
 *       waiting tasks in turn, so that one space's backlog never delays another space by more than one task.
 *   <li><b>Ordered</b> within a space: tasks of one space are taken in the order they were offered.
 * </ul>
 * Implementations are thread-safe.
 */
public interface IngestQueue {

  /**
   * Queues the tasks of one job, all or none.
   *
   * @throws LimitExceededException if they would pass a bound; nothing is queued then
   */
  void offer(List<IngestTask> tasks);

  /**
   * The next task, waiting until one is there: of the space whose turn it is, among spaces with waiting tasks and
   * none in progress. The caller must call {@link #done} when it has finished it.
   *
   * @return the task, or {@code null} once the queue is closed
   * @throws InterruptedException if interrupted while waiting
   */
  @Nullable IngestTask take() throws InterruptedException;

  /** A task from {@link #take} is finished: its space may be served again. */
  void done(IngestTask task);

  /** Documents of a space waiting (not in progress). */
  int queuedDocuments(String spaceId);

  /**
   * Stops handing out tasks ({@link #take} returns {@code null}) and removes every waiting one.
   *
   * @return the tasks that were waiting, for their jobs to be cancelled
   */
  List<IngestTask> close();
}
