package dev.confidant.rag.internal.ingest;

import dev.confidant.api.LimitExceededException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory {@link IngestQueue}: one FIFO per space, spaces served round-robin, one task per space in progress.
 * Bounded by documents and bytes of content waiting per space, and by bytes waiting in all spaces (from
 * {@link dev.confidant.rag.IngestLimits}), so that one space cannot take the whole budget; holds one entry per
 * space with waiting or running work. Thread-safe.
 */
final class FairIngestQueue implements IngestQueue {
  /** What a client is told to wait before it offers again. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private final int maxDocumentsPerSpace;
  private final long maxBytesPerSpace;
  private final long maxBytes;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition ready = lock.newCondition();
  private final Map<String, ArrayDeque<IngestTask>> waiting = new HashMap<>();
  private final Map<String, Integer> documents = new HashMap<>();
  private final Map<String, Long> spaceBytes = new HashMap<>();
  /** Spaces with waiting tasks and none in progress, in the order they are to be served. */
  private final ArrayDeque<String> turns = new ArrayDeque<>();
  private final Set<String> running = new HashSet<>();
  private long bytes;
  private boolean closed;

  FairIngestQueue(int maxDocumentsPerSpace, long maxBytesPerSpace, long maxBytes) {
    this.maxDocumentsPerSpace = maxDocumentsPerSpace;
    this.maxBytesPerSpace = maxBytesPerSpace;
    this.maxBytes = maxBytes;
  }

  @Override
  public void offer(List<IngestTask> tasks) {
    if (tasks.isEmpty()) {
      return;
    }
    String space = tasks.get(0).spaceId();
    int count = tasks.stream().mapToInt(IngestTask::documents).sum();
    long size = tasks.stream().mapToLong(IngestTask::bytes).sum();
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the ingestion queue is closed");
      }
      int queued = documents.getOrDefault(space, 0);
      if (queued + count > maxDocumentsPerSpace) {
        throw new LimitExceededException("space '" + space + "' has " + queued + " documents waiting for ingestion;"
            + " " + count + " more would pass its bound of " + maxDocumentsPerSpace
            + " (IngestLimits.maxQueuedDocumentsPerSpace); retry when some are indexed", RETRY_AFTER);
      }
      long queuedBytes = spaceBytes.getOrDefault(space, 0L);
      if (queuedBytes + size > maxBytesPerSpace) {
        throw new LimitExceededException("documents of space '" + space + "' waiting for ingestion hold "
            + queuedBytes + " bytes; " + size + " more would pass its bound of " + maxBytesPerSpace
            + " (IngestLimits.maxQueuedBytesPerSpace); retry when some are indexed", RETRY_AFTER);
      }
      if (bytes + size > maxBytes) {
        throw new LimitExceededException("documents waiting for ingestion hold " + bytes + " bytes; " + size
            + " more would pass the bound of " + maxBytes + " (IngestLimits.maxQueuedBytes); retry later",
            RETRY_AFTER);
      }
      ArrayDeque<IngestTask> queue = waiting.computeIfAbsent(space, s -> new ArrayDeque<>());
      boolean idle = queue.isEmpty() && !running.contains(space);
      queue.addAll(tasks);
      documents.put(space, queued + count);
      spaceBytes.put(space, queuedBytes + size);
      bytes += size;
      if (idle) {
        turns.addLast(space);
        ready.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public @Nullable IngestTask take() throws InterruptedException {
    lock.lock();
    try {
      while (turns.isEmpty() && !closed) {
        ready.await();
      }
      if (closed) {
        return null;
      }
      String space = turns.pollFirst();
      ArrayDeque<IngestTask> queue = waiting.get(space);
      IngestTask task = queue.pollFirst();
      if (queue.isEmpty()) {
        waiting.remove(space);
      }
      int left = documents.get(space) - task.documents();
      if (left == 0) {
        documents.remove(space);
      } else {
        documents.put(space, left);
      }
      long size = task.bytes();
      long leftBytes = spaceBytes.get(space) - size;
      if (queue.isEmpty()) {
        spaceBytes.remove(space);
      } else {
        spaceBytes.put(space, leftBytes);
      }
      bytes -= size;
      running.add(space);
      return task;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void done(IngestTask task) {
    lock.lock();
    try {
      String space = task.spaceId();
      running.remove(space);
      if (waiting.containsKey(space) && !closed) {
        turns.addLast(space); // behind every space that waited meanwhile
        ready.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int queuedDocuments(String spaceId) {
    lock.lock();
    try {
      return documents.getOrDefault(spaceId, 0);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<IngestTask> close() {
    lock.lock();
    try {
      closed = true;
      List<IngestTask> dropped = new ArrayList<>();
      waiting.values().forEach(dropped::addAll);
      waiting.clear();
      documents.clear();
      spaceBytes.clear();
      turns.clear();
      bytes = 0;
      ready.signalAll();
      return dropped;
    } finally {
      lock.unlock();
    }
  }
}
