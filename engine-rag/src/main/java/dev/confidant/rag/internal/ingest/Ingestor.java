package dev.confidant.rag.internal.ingest;

import dev.confidant.rag.DocumentFormat;
import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.DocumentStatus;
import dev.confidant.rag.Embedder;
import dev.confidant.rag.IngestLimits;
import dev.confidant.rag.IngestionListener;
import dev.confidant.rag.RagOptions;
import dev.confidant.rag.internal.chunk.Chunk;
import dev.confidant.rag.internal.chunk.Chunker;
import dev.confidant.rag.internal.chunk.ParsedDocument;
import dev.confidant.rag.internal.index.Mapping;
import dev.confidant.rag.spi.DurableIngestQueue;
import dev.confidant.rag.spi.DurableIngestQueue.Lease;
import dev.confidant.rag.spi.DurableIngestQueue.Leased;
import dev.confidant.rag.spi.DurableIngestQueue.QueuedDocument;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs ingestion: jobs are split into tasks of {@code commitBatchDocuments} documents and queued in an
 * {@link IngestQueue}, which hands them out fairly, one task per space at a time; {@link IngestLimits#workers()}
 * worker threads each take a task, parse, check the per-document limits and chunk its documents (on a separate pool,
 * {@value #PREPARE_AHEAD} documents at a time, each within {@link IngestLimits#parseTimeout()}), embed (the embedder
 * spreads a call over the cores), write and commit, and only then report the documents as indexed. A space with a long backlog or a slow document therefore delays another space by
 * at most one task, and only when every worker is busy. Thread-safe.
 *
 * <p>Bounded: the queue by its limits; parsing by {@code 2 * workers} threads at most (a parse past its time limit
 * is abandoned and interrupted, and its thread counts until it ends); one entry per unfinished job.
 *
 * <p>With a {@link DurableIngestQueue} (a cluster), documents wait in the shared store instead: a job's documents are
 * stored (files read into it) and held until its pending statuses are written, the workers of every node lease the
 * next batch of the space whose turn it is (at once after an offer on this node or a notice of the queue's
 * {@link DurableIngestQueue#subscribe}, else polling every {@value #POLL_MILLIS} ms when idle), renew the lease every
 * third of its duration while they work, and complete it with the documents' statuses; a batch whose node died is
 * leased again by another node. A document handed out more than {@value #MAX_ATTEMPTS} times (its node died each
 * time) fails instead of being tried again. A job submitted here completes when its documents are completed on any
 * node (checked after each notice, and every {@value #POLL_MILLIS} ms).
 */
public final class Ingestor implements AutoCloseable {
  /**
   * Writes a batch of prepared documents durably (the Lucene index commits, OpenSearch refreshes), each replacing
   * an earlier version of its source id. Called on an ingestion worker.
   */
  @FunctionalInterface
  public interface BatchWriter {
    /**
     * @return whether the collection still exists; if not, nothing was written and the documents fail
     * @throws RuntimeException if the write failed; the batch's documents fail with its message
     */
    boolean write(String collectionId, List<PreparedDocument> batch);
  }

  /**
   * A document parsed, chunked and embedded, ready to be written.
   *
   * @param sourceId the document's source id
   * @param title the parsed title
   * @param chunks its chunks, in order
   * @param texts what BM25 and the embedder see of each chunk ({@link Mapping#indexedText})
   * @param vectors one unit vector per chunk, filled in for a whole batch at once
   */
  public record PreparedDocument(String sourceId, String title, List<Chunk> chunks, List<String> texts,
      List<float[]> vectors) {}

  /**
   * Where the batches of a {@link DurableIngestQueue} are written, whichever node accepted them: the knowledge
   * base's writer and status sink of a space.
   */
  public interface DurableTarget {
    /** Writes batches of the space. */
    BatchWriter writer(String spaceId);

    /** Told of every status change of the space's documents (failures are recorded there). */
    Consumer<DocumentStatus> statusSink(String spaceId);
  }

  /**
   * Texts per embedder call: bounds memory for documents with thousands of chunks, and is large enough for the
   * embedder to sort a call's texts by length into full batches for every core.
   */
  private static final int EMBED_BATCH = 256;
  /**
   * Documents of a batch a worker has parsing and chunking on the parse pool at once: two, so that one space's
   * ingestion prepares on two cores; the parse pool's {@code 2 * workers} slots bound them all.
   */
  static final int PREPARE_AHEAD = 2;
  /** How often an idle worker asks a durable queue for work, and a node for the outcomes of its jobs. */
  static final int POLL_MILLIS = 500;
  /** Hand-outs of one document before it fails: a document that stops its node every time must not loop forever. */
  static final int MAX_ATTEMPTS = 3;

  private final Embedder embedder;
  private final Chunker chunker;
  private final RagOptions options;
  private final IngestLimits limits;
  private final IngestQueue queue;
  private final List<Thread> workers = new ArrayList<>();
  private final ExecutorService parsers;
  private final Semaphore parseSlots;
  private final Set<Job> unfinished = ConcurrentHashMap.newKeySet();
  private final @Nullable DurableIngestQueue durable;
  private final @Nullable DurableTarget target;
  /** A durable queue's ids of this node's unfinished jobs' documents; bounded by the queue's bounds. */
  private final Map<Long, Slot> local = new ConcurrentHashMap<>();
  /** Released by an offer on this node, so that an idle worker does not wait for its next poll. */
  private final Semaphore wake = new Semaphore(0);
  private final @Nullable ScheduledExecutorService renewer;
  /** The durable queue's notices, which wake idle workers and collect outcomes before the next poll. */
  private final DurableIngestQueue.@Nullable Subscription notices;
  private volatile boolean closed;

  /** A document of a job submitted on this node, by its position in the job. */
  private record Slot(Job job, int index) {}

  /** Starts the workers, with the in-memory {@link FairIngestQueue}. */
  public Ingestor(Embedder embedder, RagOptions options) {
    this(embedder, options, new FairIngestQueue(options.ingestLimits().maxQueuedDocumentsPerSpace(),
        options.ingestLimits().maxQueuedBytesPerSpace(), options.ingestLimits().maxQueuedBytes()));
  }

  /** Starts the workers on {@code queue}. */
  Ingestor(Embedder embedder, RagOptions options, IngestQueue queue) {
    this(embedder, options, queue, null, null);
  }

  /**
   * Starts the workers on a durable queue shared by the nodes of a cluster: they ingest whatever any node offered,
   * and write it through {@code target}.
   */
  public Ingestor(Embedder embedder, RagOptions options, DurableIngestQueue durable, DurableTarget target) {
    this(embedder, options, new FairIngestQueue(0, 0, 0), durable, target);
  }

  private Ingestor(Embedder embedder, RagOptions options, IngestQueue queue, @Nullable DurableIngestQueue durable,
      @Nullable DurableTarget target) {
    this.embedder = embedder;
    this.options = options;
    this.limits = options.ingestLimits();
    this.queue = queue;
    this.durable = durable;
    this.target = target;
    this.chunker = new Chunker(options.chunkTokens(), options.chunkOverlapTokens(), limits.maxHeadingChars());
    this.parseSlots = new Semaphore(2 * limits.workers());
    this.parsers = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("confidant-rag-parse-", 1)
        .factory());
    Runnable loop = durable == null ? this::work : this::workDurable;
    for (int i = 1; i <= limits.workers(); i++) {
      Thread worker = Thread.ofPlatform().daemon().name("confidant-rag-ingest-" + i).unstarted(loop);
      workers.add(worker);
      worker.start();
    }
    if (durable != null) {
      renewer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
          .name("confidant-rag-ingest-lease").factory());
      renewer.scheduleWithFixedDelay(this::collectOutcomes, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
      notices = durable.subscribe(this::onNotice);
    } else {
      renewer = null;
      notices = null;
    }
  }

  /**
   * Queues a job, all or none. The caller has validated the inputs (sizes, formats, files), then commits the
   * documents' pending statuses and calls {@link Job#release()} (or {@link Job#abort} if it cannot); workers wait
   * for that before they touch the job.
   *
   * @param writer writes the space's batches
   * @param statusSink told of every status change
   * @throws dev.confidant.api.LimitExceededException if the space's queue or the queued bytes would pass their
   *     bounds; nothing is queued then
   */
  public Job submit(BatchWriter writer, String spaceId, String collectionId, List<DocumentInput> inputs,
      List<String> sourceIds, IngestionListener listener, Consumer<DocumentStatus> statusSink) {
    List<DocumentStatus> initial = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      initial.add(new DocumentStatus(sourceIds.get(i), collectionId, titleOf(inputs.get(i)),
          DocumentStatus.State.PENDING, 0, null));
    }
    Job job = new Job(writer, spaceId, collectionId, inputs, initial, listener, statusSink);
    if (inputs.isEmpty()) {
      job.release();
      return job;
    }
    List<IngestTask> tasks = new ArrayList<>();
    for (int from = 0; from < inputs.size(); from += options.commitBatchDocuments()) {
      tasks.add(new IngestTask(job, from, Math.min(inputs.size(), from + options.commitBatchDocuments())));
    }
    if (closed) {
      throw new IllegalStateException("ingestion is closed");
    }
    if (durable != null) {
      offerDurable(job, spaceId, collectionId, inputs, initial);
      return job;
    }
    queue.offer(tasks);
    unfinished.add(job);
    job.completion().whenComplete((statuses, failure) -> unfinished.remove(job));
    return job;
  }

  /** Documents of a space waiting for a worker (with a durable queue: waiting or in progress on any node). */
  public int queuedDocuments(String spaceId) {
    return durable != null ? durable.queuedDocuments(spaceId) : queue.queuedDocuments(spaceId);
  }

  /**
   * Stores a job's documents in the durable queue, held until the job is released; an aborted job's documents are
   * withdrawn and fail here.
   */
  private void offerDurable(Job job, String spaceId, String collectionId, List<DocumentInput> inputs,
      List<DocumentStatus> initial) {
    DurableIngestQueue shared = java.util.Objects.requireNonNull(durable);
    List<QueuedDocument> documents = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      documents.add(queued(collectionId, initial.get(i), inputs.get(i)));
    }
    List<Long> ids = shared.offer(spaceId, documents);
    for (int i = 0; i < ids.size(); i++) {
      local.put(ids.get(i), new Slot(job, i));
    }
    unfinished.add(job);
    job.completion().whenComplete((statuses, failure) -> {
      unfinished.remove(job);
      ids.forEach(local::remove);
    });
    job.onRelease(() -> {
      shared.release(ids);
      wake.release(Math.min(workers.size(), ids.size()));
    }, cause -> {
      shared.discard(ids);
      for (int i = 0; i < ids.size(); i++) {
        if (local.remove(ids.get(i)) != null) {
          job.finish(i, failed(job.status(i), "the pending status could not be written: " + cause.getMessage()));
        }
      }
    });
  }

  /** A document as the durable queue stores it: files are read now, since another node may ingest it. */
  private QueuedDocument queued(String collectionId, DocumentStatus pending, DocumentInput input) {
    return switch (input) {
      case DocumentInput.TextInput t -> new QueuedDocument(collectionId, pending.sourceId(), t.title(), t.title(),
          null, t.text().getBytes(StandardCharsets.UTF_8));
      case DocumentInput.BytesInput b -> new QueuedDocument(collectionId, pending.sourceId(), pending.title(),
          b.fileName(), b.format(), b.bytes());
      case DocumentInput.FileInput f -> {
        try {
          yield new QueuedDocument(collectionId, pending.sourceId(), pending.title(), fileName(f.path()),
              formatOf(f.path()), Files.readAllBytes(f.path()));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + fileName(f.path()), e);
        }
      }
    };
  }

  /** The document a stored one was made from. */
  private static DocumentInput input(QueuedDocument d) {
    return d.format() == null
        ? new DocumentInput.TextInput(d.sourceId(), d.title(), new String(d.content(), StandardCharsets.UTF_8))
        : new DocumentInput.BytesInput(d.fileName(), d.format(), d.content(), d.sourceId());
  }

  private void workDurable() {
    DurableIngestQueue shared = java.util.Objects.requireNonNull(durable);
    while (!closed) {
      Lease lease;
      try {
        lease = shared.take(options.commitBatchDocuments());
      } catch (RuntimeException e) {
        lease = null; // the store is unreachable: the documents wait there; try again at the next poll
      }
      if (lease == null) {
        try {
          wake.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          return;
        }
        continue;
      }
      try {
        runLease(lease);
      } catch (InterruptedException e) {
        abandonQuietly(lease);
        return;
      } catch (RuntimeException | Error e) {
        // A bug or a failing store: the batch is handed out again (at most MAX_ATTEMPTS times).
        abandonQuietly(lease);
      }
    }
  }

  private static void abandonQuietly(Lease lease) {
    try {
      lease.abandon();
    } catch (RuntimeException ignored) {
      // The lease runs out by itself.
    }
  }

  /**
   * Ingests a leased batch, one job per collection in it, renewing the lease meanwhile, then completes it and
   * finishes the documents of this node's jobs.
   */
  private void runLease(Lease lease) throws InterruptedException {
    DurableTarget to = java.util.Objects.requireNonNull(target);
    long renewMillis = Math.max(100, java.util.Objects.requireNonNull(durable).leaseDuration().toMillis() / 3);
    ScheduledFuture<?> renewal = java.util.Objects.requireNonNull(renewer).scheduleWithFixedDelay(() -> {
      try {
        lease.renew();
      } catch (RuntimeException ignored) {
        // Tried again at the next tick; past the lease another node may take the batch, which is idempotent.
      }
    }, renewMillis, renewMillis, TimeUnit.MILLISECONDS);
    Map<Long, DocumentStatus> outcomes = new LinkedHashMap<>();
    try {
      String space = lease.spaceId();
      Consumer<DocumentStatus> sink = to.statusSink(space);
      Map<String, List<Leased>> byCollection = new LinkedHashMap<>();
      for (Leased d : lease.documents()) {
        if (d.attempt() > MAX_ATTEMPTS) {
          DocumentStatus gaveUp = new DocumentStatus(d.document().sourceId(), d.document().collectionId(),
              d.document().title(), DocumentStatus.State.FAILED, 0, "ingestion stopped " + (d.attempt() - 1)
                  + " times while this document was ingested (its node stopped); it is not tried again");
          sink.accept(gaveUp);
          outcomes.put(d.id(), gaveUp);
        } else {
          byCollection.computeIfAbsent(d.document().collectionId(), c -> new ArrayList<>()).add(d);
        }
      }
      for (Map.Entry<String, List<Leased>> group : byCollection.entrySet()) {
        List<Leased> documents = group.getValue();
        List<DocumentInput> inputs = documents.stream().map(d -> input(d.document())).toList();
        List<DocumentStatus> initial = documents.stream().map(d -> new DocumentStatus(d.document().sourceId(),
            group.getKey(), d.document().title(), DocumentStatus.State.PENDING, 0, null)).toList();
        Job job = new Job(to.writer(space), space, group.getKey(), inputs, initial, IngestionListener.NONE, sink);
        job.release();
        run(new IngestTask(job, 0, inputs.size()));
        for (int i = 0; i < documents.size(); i++) {
          if (job.status(i).state() != DocumentStatus.State.PENDING) {
            outcomes.put(documents.get(i).id(), job.status(i));
          }
        }
      }
    } finally {
      renewal.cancel(false);
    }
    if (closed && outcomes.size() < lease.documents().size()) {
      lease.abandon(); // stopping: what is done is written idempotently, another node does it all again
      return;
    }
    lease.complete(outcomes);
    finishLocal(outcomes);
  }

  /** Finishes the documents of this node's jobs among {@code outcomes}, each once. */
  private void finishLocal(Map<Long, DocumentStatus> outcomes) {
    outcomes.forEach((id, status) -> {
      Slot slot = local.remove(id);
      if (slot != null) {
        slot.job().finish(slot.index(), status);
      }
    });
  }

  /**
   * The durable queue changed on some node: idle workers take now (at most one permit per worker is kept, so that
   * a burst of notices does not make them spin), and this node's waiting jobs read their outcomes.
   */
  private void onNotice() {
    if (closed) {
      return;
    }
    if (wake.availablePermits() < workers.size()) {
      wake.release();
    }
    if (!local.isEmpty()) {
      try {
        java.util.Objects.requireNonNull(renewer).execute(this::collectOutcomes);
      } catch (RejectedExecutionException closing) {
        // Closing: nothing waits for outcomes any more.
      }
    }
  }

  /** Finishes this node's jobs' documents that other nodes completed. */
  private void collectOutcomes() {
    if (local.isEmpty() || durable == null) {
      return;
    }
    try {
      finishLocal(durable.outcomes(new ArrayList<>(local.keySet())));
    } catch (RuntimeException ignored) {
      // The store is unreachable: asked again at the next poll.
    }
  }

  private void work() {
    while (true) {
      IngestTask task;
      try {
        task = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (task == null) {
        return; // closed
      }
      try {
        run(task);
      } catch (RuntimeException | Error e) {
        // A bug or a document that exhausts the stack must not leave callers waiting forever, nor stop the worker
        // (which would shrink ingestion for every space): the task's pending documents fail.
        failPending(task, "internal error: " + e);
      } catch (InterruptedException e) {
        failPending(task, "ingestion was stopped");
        return;
      } finally {
        queue.done(task);
      }
    }
  }

  private void run(IngestTask task) throws InterruptedException {
    Job job = task.job();
    Throwable aborted = job.awaitRelease();
    if (aborted != null) {
      failPending(task, "the pending status could not be written: " + aborted.getMessage());
      return;
    }
    List<Prepared> batch = new ArrayList<>();
    // Documents are parsed and chunked on the parse pool, PREPARE_AHEAD at a time, so that one worker keeps more
    // than one core busy while it prepares a batch.
    ArrayDeque<PrepareRun> ahead = new ArrayDeque<>();
    int next = task.from();
    try {
      for (int i = task.from(); i < task.to(); i++) {
        if (closed) {
          job.cancel();
          return;
        }
        while (next < task.to() && ahead.size() < PREPARE_AHEAD) {
          ahead.add(startPrepare(job, next++));
        }
        PrepareRun run = ahead.remove();
        try {
          batch.add(new Prepared(i, run.await()));
        } catch (IOException | RuntimeException e) {
          job.finish(i, failed(job.status(i), reasonOf(job.inputs.get(i), e)));
        }
      }
    } finally {
      ahead.forEach(PrepareRun::abandon); // only when stopped or interrupted: the loop takes every run it starts
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      embed(batch);
    } catch (RuntimeException e) {
      for (Prepared p : batch) {
        job.finish(p.index(), failed(job.status(p.index()), "embedding failed: " + e.getMessage()));
      }
      return;
    }
    writeBatch(job, batch);
  }

  private static void failPending(IngestTask task, String reason) {
    for (int i = task.from(); i < task.to(); i++) {
      if (task.job().status(i).state() == DocumentStatus.State.PENDING) {
        task.job().finish(i, failed(task.job().status(i), reason));
      }
    }
  }

  /** A prepared document and its position in the job. */
  private record Prepared(int index, PreparedDocument document) {
    List<String> texts() {
      return document.texts();
    }

    List<float[]> vectors() {
      return document.vectors();
    }
  }

  /**
   * Starts preparing document {@code i} of a job on the parse pool: parse, check the per-document limits, chunk.
   * Waits at most {@link IngestLimits#parseTimeout()} for a free parse slot; a run that cannot start fails when
   * awaited.
   */
  private PrepareRun startPrepare(Job job, int i) throws InterruptedException {
    Duration limit = limits.parseTimeout();
    PrepareRun run = new PrepareRun(job, i, System.nanoTime() + limit.toNanos());
    if (!parseSlots.tryAcquire(limit.toNanos(), TimeUnit.NANOSECONDS)) {
      run.result.completeExceptionally(new TooLargeException("no parser came free within " + seconds(limit)
          + " (IngestLimits.parseTimeout): earlier documents are still parsing past their time limit"));
      return run;
    }
    try {
      parsers.execute(run);
    } catch (RejectedExecutionException e) {
      parseSlots.release();
      run.result.completeExceptionally(new IOException("ingestion is stopping", e));
    }
    return run;
  }

  private PreparedDocument prepare(Job job, int i) throws IOException {
    DocumentInput input = job.inputs.get(i);
    ParsedDocument parsed = parse(input);
    long chars = parsed.chars();
    if (chars > limits.maxExtractedChars()) {
      throw new TooLargeException("its text has " + chars + " characters; the limit is "
          + limits.maxExtractedChars() + " per document (IngestLimits.maxExtractedChars)");
    }
    List<Chunk> chunks = chunker.chunk(parsed);
    if (chunks.isEmpty()) {
      throw new IOException("no text could be extracted (an image-only or empty document?)");
    }
    if (chunks.size() > limits.maxChunksPerDocument()) {
      throw new TooLargeException("it makes " + chunks.size() + " chunks; the limit is "
          + limits.maxChunksPerDocument() + " per document (IngestLimits.maxChunksPerDocument)");
    }
    // The title goes into every chunk's indexed text, as the heading path does.
    String title = Chunker.cut(parsed.title(), limits.maxHeadingChars());
    List<String> texts = chunks.stream()
        .map(c -> Mapping.indexedText(Mapping.chunkTitle(title, c), c.text()))
        .toList();
    return new PreparedDocument(job.status(i).sourceId(), title, chunks, texts, new ArrayList<>());
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /**
   * One document's preparation on the parse pool, within {@link IngestLimits#parseTimeout()} of its start: parsers
   * (PDFBox, POI) do not stop when interrupted, so a document past its time is failed and its run abandoned
   * (interrupted, and its slot counted against the pool's bound until it really ends).
   */
  private final class PrepareRun implements Runnable {
    final CompletableFuture<PreparedDocument> result = new CompletableFuture<>();
    private final Job job;
    private final int index;
    private final long deadline;
    private Thread thread;
    private boolean finished;

    PrepareRun(Job job, int index, long deadline) {
      this.job = job;
      this.index = index;
      this.deadline = deadline;
    }

    @Override
    public void run() {
      synchronized (this) {
        thread = Thread.currentThread();
      }
      try {
        result.complete(prepare(job, index));
      } catch (Throwable t) {
        result.completeExceptionally(t);
      } finally {
        synchronized (this) {
          finished = true;
          Thread.interrupted(); // an abandon() that came late must not reach the pool's next task
        }
        parseSlots.release();
      }
    }

    /** The prepared document, or the reason it could not be prepared in time. */
    PreparedDocument await() throws IOException, InterruptedException {
      try {
        return result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        abandon();
        throw new TooLargeException("parsing took longer than " + seconds(limits.parseTimeout())
            + " (IngestLimits.parseTimeout)");
      } catch (InterruptedException e) {
        abandon();
        throw e;
      } catch (ExecutionException e) {
        switch (e.getCause()) {
          case StackOverflowError deep -> throw new TooLargeException("it is nested too deeply to parse");
          case IOException io -> throw io;
          case RuntimeException re -> throw re;
          case Error error -> throw error;
          default -> throw new IOException(e.getCause());
        }
      }
    }

    /** Interrupts the run if it still runs (most parsers ignore it, but it costs nothing to ask). */
    synchronized void abandon() {
      if (thread != null && !finished) {
        thread.interrupt();
      }
    }
  }

  /**
   * Embeds the chunks of a whole batch in calls of {@link #EMBED_BATCH} texts: one document often has a single
   * chunk, and the embedder batches and parallelizes within a call only.
   */
  private void embed(List<Prepared> batch) {
    List<String> texts = new ArrayList<>();
    batch.forEach(p -> texts.addAll(p.texts()));
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += EMBED_BATCH) {
      vectors.addAll(embedder.embed(texts.subList(from, Math.min(texts.size(), from + EMBED_BATCH))));
    }
    int next = 0;
    for (Prepared p : batch) {
      p.vectors().addAll(vectors.subList(next, next + p.texts().size()));
      next += p.texts().size();
    }
  }

  private ParsedDocument parse(DocumentInput input) throws IOException {
    return switch (input) {
      case DocumentInput.TextInput t -> TextParsers.text(t.title(), t.text());
      case DocumentInput.BytesInput b -> Parsers.parse(b.format(), b.fileName(), b.bytes(), limits);
      case DocumentInput.FileInput f -> {
        // Checked again: the file may have grown since the request was accepted.
        long size = Files.size(f.path());
        if (size > options.maxDocumentBytes()) {
          throw new IOException("the file grew to " + size + " bytes after it was accepted; the limit is "
              + options.maxDocumentBytes());
        }
        yield Parsers.parse(formatOf(f.path()), fileName(f.path()), Files.readAllBytes(f.path()), limits);
      }
    };
  }

  private void writeBatch(Job job, List<Prepared> batch) {
    try {
      boolean exists = job.writer.write(job.collectionId, batch.stream().map(Prepared::document).toList());
      for (Prepared p : batch) {
        DocumentStatus pending = job.status(p.index());
        job.finish(p.index(), exists
            ? new DocumentStatus(pending.sourceId(), pending.collectionId(), p.document().title(),
                DocumentStatus.State.INDEXED, p.document().chunks().size(), null)
            : failed(pending, "collection '" + job.collectionId + "' was deleted during ingestion"));
      }
    } catch (RuntimeException e) {
      for (Prepared p : batch) {
        job.finish(p.index(), failed(job.status(p.index()), "index write failed: " + e.getMessage()));
      }
    }
  }

  private static DocumentStatus failed(DocumentStatus pending, String reason) {
    return new DocumentStatus(pending.sourceId(), pending.collectionId(), pending.title(),
        DocumentStatus.State.FAILED, 0, reason);
  }

  private static String reasonOf(DocumentInput input, Exception e) {
    String name = switch (input) {
      case DocumentInput.FileInput f -> fileName(f.path());
      case DocumentInput.BytesInput b -> b.fileName();
      case DocumentInput.TextInput t -> "text";
    };
    if (e instanceof TooLargeException) {
      return name + " is too large to ingest: " + e.getMessage();
    }
    String what = switch (input) {
      case DocumentInput.FileInput f -> "cannot read " + name + " as " + formatOf(f.path());
      case DocumentInput.BytesInput b -> "cannot read " + name + " as " + b.format();
      case DocumentInput.TextInput t -> "cannot index text";
    };
    return what + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }

  /** The title shown while a document is pending: its file name or given title. */
  public static String titleOf(DocumentInput input) {
    return switch (input) {
      case DocumentInput.FileInput f -> fileName(f.path());
      case DocumentInput.BytesInput b -> b.fileName();
      case DocumentInput.TextInput t -> t.title();
    };
  }

  /** A file's format by extension; callers validate first, so an unknown one is a bug. */
  public static DocumentFormat formatOf(Path path) {
    return DocumentFormat.fromFileName(fileName(path))
        .orElseThrow(() -> new IllegalArgumentException("unsupported file type: " + path));
  }

  private static String fileName(Path path) {
    Path name = path.getFileName();
    return name == null ? path.toString() : name.toString();
  }

  /**
   * Stops taking work and waits for the batches in progress (interrupting them could break the index writer's
   * files); queued documents are dropped and never acknowledged.
   */
  @Override
  public void close() {
    closed = true;
    if (notices != null) {
      notices.close();
    }
    wake.release(workers.size());
    if (renewer != null) {
      renewer.shutdown(); // leases in progress stop being renewed once their workers end (below)
    }
    for (IngestTask dropped : queue.close()) {
      dropped.job().cancel();
    }
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    for (Thread worker : workers) {
      try {
        worker.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    parsers.shutdownNow();
    unfinished.forEach(Job::cancel);
  }
}
