package dev.confidant.rag.internal;

import dev.confidant.api.InvalidRequestException;
import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.DocumentStatus;
import dev.confidant.rag.Embedder;
import dev.confidant.rag.IngestionJob;
import dev.confidant.rag.IngestionListener;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.KnowledgeCollection;
import dev.confidant.rag.RagOptions;
import dev.confidant.rag.SearchHit;
import dev.confidant.rag.SearchQuery;
import dev.confidant.rag.internal.index.Fields;
import dev.confidant.rag.internal.index.Mapping;
import dev.confidant.rag.internal.index.Retriever;
import dev.confidant.rag.internal.index.SpaceIndex;
import dev.confidant.rag.internal.ingest.Ingestor;
import dev.confidant.rag.internal.ingest.Ingestor.PreparedDocument;
import dev.confidant.rag.internal.ingest.Job;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/** {@link KnowledgeBase} over one Lucene {@link SpaceIndex} per space. Thread-safe. */
public final class LuceneKnowledgeBase implements KnowledgeBase {
  private static final int MAX_LISTED = 100_000;
  /** The reason of a document whose ingestion a crash or a close interrupted. */
  public static final String INTERRUPTED = "ingestion was interrupted before the document was committed (the"
      + " knowledge base was closed or the process stopped); ingest it again";

  private final Path dataDir;
  private final Embedder embedder;
  private final RagOptions options;
  private final Map<String, SpaceIndex> spaces = new ConcurrentHashMap<>();
  private final Ingestor ingestor;
  private final Retriever retriever;
  /**
   * Threads that add a batch's documents to the index beside the ingestion worker (one fewer than the cores; none
   * on one core), so that BM25 analysis and HNSW insertion of a large batch run on every core. Its queue holds at
   * most {@value #INDEXER_QUEUE} parts; a worker that finds it full (or shut down) adds its part itself.
   */
  private final @Nullable ThreadPoolExecutor indexers;
  private volatile boolean closed;

  /** Chunks of a batch per part written on its own thread: a smaller batch is written by its worker alone. */
  static final int CHUNKS_PER_WRITE_PART = 128;
  /** Parts waiting for an indexer thread, all workers together. */
  static final int INDEXER_QUEUE = 64;

  public LuceneKnowledgeBase(Path dataDir, Embedder embedder, RagOptions options) {
    this.dataDir = dataDir.toAbsolutePath();
    this.embedder = embedder;
    this.options = options;
    this.ingestor = new Ingestor(embedder, options);
    this.retriever = new Retriever(embedder);
    int cores = Runtime.getRuntime().availableProcessors();
    if (cores > 1) {
      indexers = new ThreadPoolExecutor(cores - 1, cores - 1, 30, TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(INDEXER_QUEUE), Thread.ofPlatform().daemon().name("confidant-rag-write-", 1)
          .factory(), (part, pool) -> part.run()); // full (or closing): the worker adds the part itself
      indexers.allowCoreThreadTimeOut(true);
    } else {
      indexers = null;
    }
    try {
      // 0700: the space indexes below hold the text of uploaded documents.
      dev.confidant.rag.internal.index.SpaceIndex.createPrivateDirectories(this.dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + this.dataDir, e);
    }
  }

  /** The options this knowledge base was opened with. */
  public RagOptions options() {
    return options;
  }

  /** The index of a space, opened on first use; for tests and diagnostics. */
  public SpaceIndex space(String spaceId) {
    if (closed) {
      throw new IllegalStateException("knowledge base " + dataDir + " is closed");
    }
    Ids.check("space_id", spaceId);
    return spaces.computeIfAbsent(spaceId, id -> {
      SpaceIndex index = new SpaceIndex(dataDir.resolve(id), embedder.name() + "/" + embedder.dimension());
      try {
        failInterrupted(index);
      } catch (RuntimeException e) {
        try {
          index.close();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
      return index;
    });
  }

  /**
   * Marks the documents that were pending when the space was last open as failed: a space opens once per
   * process, before it ingests anything, so a pending record found now belongs to ingestion that a crash or a
   * close stopped before the document was committed. Their content is not kept, so they cannot be re-queued.
   */
  private static void failInterrupted(SpaceIndex index) {
    var pending = new BooleanQuery.Builder()
        .add(new TermQuery(new Term(Fields.KIND, Fields.KIND_STATUS)), Occur.FILTER)
        .add(new TermQuery(new Term(Fields.STATE, DocumentStatus.State.PENDING.name())), Occur.FILTER)
        .build();
    List<DocumentStatus> interrupted = index.find(pending, MAX_LISTED).stream()
        .map(Mapping::fromStatusRecord)
        .toList();
    if (interrupted.isEmpty()) {
      return;
    }
    index.write(writer -> {
      for (DocumentStatus s : interrupted) {
        writer.updateDocument(new Term(Fields.STATUS_KEY, s.sourceId()), Mapping.status(new DocumentStatus(
            s.sourceId(), s.collectionId(), s.title(), DocumentStatus.State.FAILED, 0, INTERRUPTED)));
      }
      return null;
    });
  }


  private boolean spaceExists(String spaceId) {
    Ids.check("space_id", spaceId);
    return spaces.containsKey(spaceId) || Files.isDirectory(dataDir.resolve(spaceId));
  }

  @Override
  public KnowledgeCollection createCollection(String spaceId, String collectionId, String name) {
    Ids.check("collection_id", collectionId);
    KnowledgeCollection collection = new KnowledgeCollection(spaceId, collectionId, name);
    SpaceIndex index = space(spaceId);
    return index.write(writer -> {
      if (findCollection(index, spaceId, collectionId).isPresent()) {
        throw InvalidRequestException.of(List.of("collection_id"),
            "collection '" + collectionId + "' already exists in space '" + spaceId + "'", "value_error");
      }
      writer.updateDocument(new Term(Fields.COLLECTION_KEY, collectionId), Mapping.collection(collection));
      return collection;
    });
  }

  @Override
  public KnowledgeCollection ensureCollection(String spaceId, String collectionId) {
    Ids.check("collection_id", collectionId);
    SpaceIndex index = space(spaceId);
    return index.write(writer -> {
      Optional<KnowledgeCollection> existing = findCollection(index, spaceId, collectionId);
      if (existing.isPresent()) {
        return existing.get();
      }
      KnowledgeCollection created = new KnowledgeCollection(spaceId, collectionId, collectionId);
      writer.updateDocument(new Term(Fields.COLLECTION_KEY, collectionId), Mapping.collection(created));
      return created;
    });
  }

  @Override
  public List<KnowledgeCollection> collections(String spaceId) {
    if (!spaceExists(spaceId)) {
      return List.of();
    }
    return space(spaceId).find(new TermQuery(new Term(Fields.KIND, Fields.KIND_COLLECTION)), MAX_LISTED).stream()
        .map(d -> Mapping.toCollection(spaceId, d))
        .sorted(Comparator.comparing(KnowledgeCollection::id))
        .toList();
  }

  @Override
  public Optional<KnowledgeCollection> collection(String spaceId, String collectionId) {
    Ids.check("collection_id", collectionId);
    return spaceExists(spaceId) ? findCollection(space(spaceId), spaceId, collectionId) : Optional.empty();
  }

  private static Optional<KnowledgeCollection> findCollection(SpaceIndex index, String spaceId, String id) {
    return index.find(new TermQuery(new Term(Fields.COLLECTION_KEY, id)), 1).stream()
        .map(d -> Mapping.toCollection(spaceId, d))
        .findFirst();
  }

  @Override
  public KnowledgeCollection renameCollection(String spaceId, String collectionId, String newName) {
    Ids.check("collection_id", collectionId);
    SpaceIndex index = space(spaceId);
    return index.write(writer -> {
      requireCollection(index, spaceId, collectionId);
      KnowledgeCollection renamed = new KnowledgeCollection(spaceId, collectionId, newName);
      writer.updateDocument(new Term(Fields.COLLECTION_KEY, collectionId), Mapping.collection(renamed));
      return renamed;
    });
  }

  private static KnowledgeCollection requireCollection(SpaceIndex index, String spaceId, String collectionId) {
    return findCollection(index, spaceId, collectionId).orElseThrow(() -> InvalidRequestException.of(
        List.of("collection_id"),
        "collection '" + collectionId + "' not found in space '" + spaceId + "'", "not_found"));
  }

  @Override
  public boolean deleteCollection(String spaceId, String collectionId) {
    Ids.check("collection_id", collectionId);
    // The collection record, its documents' records and their chunks all carry the collection id.
    return purge(spaceId, index -> findCollection(index, spaceId, collectionId).isPresent(),
        new Term(Fields.COLLECTION_ID, collectionId));
  }

  /**
   * Deletes every record {@code term} matches in an existing space, in one commit, if {@code present} holds there.
   *
   * @return whether it did
   */
  private boolean purge(String spaceId, Predicate<SpaceIndex> present, Term term) {
    if (!spaceExists(spaceId)) {
      return false;
    }
    SpaceIndex index = space(spaceId);
    return index.write(writer -> {
      if (!present.test(index)) {
        return false;
      }
      SpaceIndex.purge(writer, term);
      return true;
    });
  }

  @Override
  public IngestionJob ingest(String spaceId, String collectionId, List<DocumentInput> documents,
      IngestionListener listener) {
    Ids.check("collection_id", collectionId);
    SpaceIndex index = space(spaceId);
    requireCollection(index, spaceId, collectionId);
    List<String> sourceIds = IngestInputs.sourceIds(collectionId, documents, options);
    // Queued first, so that a full queue refuses the job before anything is written; its workers wait until the
    // pending records are committed, so that a restart finds what was interrupted.
    Job job = ingestor.submit((collection, batch) -> writeBatch(index, collection, batch), spaceId, collectionId,
        documents, sourceIds, listener, status -> recordFailure(index, status));
    if (!documents.isEmpty()) {
      try {
        index.write(writer -> {
          for (int i = 0; i < documents.size(); i++) {
            writer.updateDocument(new Term(Fields.STATUS_KEY, sourceIds.get(i)), Mapping.status(new DocumentStatus(
                sourceIds.get(i), collectionId, Ingestor.titleOf(documents.get(i)), DocumentStatus.State.PENDING,
                0, null)));
          }
          return null;
        });
      } catch (RuntimeException e) {
        job.abort(e);
        throw e;
      }
    }
    job.release();
    return job;
  }

  /**
   * Writes and commits a batch of documents, unless the collection was deleted meanwhile. A batch of more than
   * {@value #CHUNKS_PER_WRITE_PART} chunks is added in parts on as many threads as there are cores (each part a
   * Lucene indexing thread of its own that also writes a segment to disk, so a commit may make one segment per
   * part); a source id's versions stay in one part, in order. The commit waits for every part; if one fails, the whole batch is rolled back.
   */
  private boolean writeBatch(SpaceIndex index, String collectionId, List<PreparedDocument> batch) {
    return index.write(writer -> {
      // Checked under the write lock: a collection deleted while its documents were being parsed must not get
      // them back.
      if (index.find(new TermQuery(new Term(Fields.COLLECTION_KEY, collectionId)), 1).isEmpty()) {
        return false;
      }
      List<List<PreparedDocument>> parts = parts(batch);
      List<Future<?>> others = new ArrayList<>();
      boolean flushEach = parts.size() > 1;
      for (List<PreparedDocument> part : parts.subList(1, parts.size())) {
        others.add(java.util.Objects.requireNonNull(indexers).submit(() -> {
          add(writer, collectionId, part, flushEach);
          return null;
        }));
      }
      Exception failure = null;
      try {
        add(writer, collectionId, parts.get(0), flushEach);
      } catch (IOException | RuntimeException e) {
        failure = e;
      }
      // Every part is waited for, even after a failure: the rollback that follows must not race an addition.
      boolean interrupted = false;
      for (Future<?> other : others) {
        while (true) {
          try {
            other.get();
            break;
          } catch (InterruptedException e) {
            interrupted = true;
          } catch (ExecutionException e) {
            if (failure == null) {
              failure = e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
            }
            break;
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (failure instanceof IOException io) {
        throw io;
      }
      if (failure != null) {
        throw failure instanceof RuntimeException re ? re : new IllegalStateException(failure);
      }
      return true;
    });
  }

  /** The batch in parts of about {@value #CHUNKS_PER_WRITE_PART} chunks, one per core at most, by source id. */
  private List<List<PreparedDocument>> parts(List<PreparedDocument> batch) {
    int chunks = batch.stream().mapToInt(p -> p.chunks().size()).sum();
    int count = indexers == null ? 1
        : Math.max(1, Math.min(indexers.getMaximumPoolSize() + 1, chunks / CHUNKS_PER_WRITE_PART));
    if (count == 1) {
      return List.of(batch);
    }
    List<List<PreparedDocument>> parts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      parts.add(new ArrayList<>());
    }
    for (PreparedDocument p : batch) {
      parts.get(Math.floorMod(p.sourceId().hashCode(), count)).add(p);
    }
    return parts;
  }

  /**
   * Adds a part; with {@code flush}, then writes one in-memory segment to disk on this thread (Lucene's
   * {@code flushNextBuffer}), so that the parts' segments are written in parallel instead of one after the other by
   * the commit. Flushed segments stay invisible until the commit, and a rollback drops them.
   */
  private static void add(IndexWriter writer, String collectionId, List<PreparedDocument> part, boolean flush)
      throws IOException {
    for (PreparedDocument p : part) {
      // Replaces an earlier version of the source atomically: old and new are never both visible.
      writer.updateDocuments(new Term(Fields.SOURCE_ID, p.sourceId()),
          Mapping.document(collectionId, p.sourceId(), p.title(), p.chunks(), p.vectors()));
    }
    if (flush) {
      writer.flushNextBuffer();
    }
  }

  /**
   * Persists a failure with its reason. Nothing else needs writing here: the pending record was committed by
   * {@link #ingest}, and the commit that indexes a document deletes its status record.
   */
  private static void recordFailure(SpaceIndex index, DocumentStatus status) {
    if (status.state() != DocumentStatus.State.FAILED) {
      return;
    }
    try {
      index.write(writer -> {
        writer.updateDocument(new Term(Fields.STATUS_KEY, status.sourceId()), Mapping.status(status));
        return null;
      });
    } catch (RuntimeException e) {
      // The job still reports the failure; on restart the pending record becomes a failure of its own.
    }
  }

  @Override
  public boolean removeDocument(String spaceId, String sourceId) {
    Ids.check("source_id", sourceId);
    return purge(spaceId, index -> !index.find(new TermQuery(new Term(Fields.DOCUMENT_KEY, sourceId)), 1).isEmpty()
            || !index.find(new TermQuery(new Term(Fields.STATUS_KEY, sourceId)), 1).isEmpty(),
        new Term(Fields.SOURCE_ID, sourceId));
  }


  @Override
  public Optional<DocumentStatus> documentStatus(String spaceId, String sourceId) {
    Ids.check("source_id", sourceId);
    if (!spaceExists(spaceId)) {
      return Optional.empty();
    }
    // A status record (pending or failed) is newer than the document record: it is about a later version.
    SpaceIndex index = space(spaceId);
    Optional<DocumentStatus> transientStatus = index.find(new TermQuery(new Term(Fields.STATUS_KEY, sourceId)), 1)
        .stream()
        .map(Mapping::fromStatusRecord)
        .findFirst();
    if (transientStatus.isPresent()) {
      return transientStatus;
    }
    return index.find(new TermQuery(new Term(Fields.DOCUMENT_KEY, sourceId)), 1).stream()
        .map(Mapping::toStatus)
        .findFirst();
  }

  @Override
  public List<DocumentStatus> documents(String spaceId, String collectionId) {
    Ids.check("collection_id", collectionId);
    if (!spaceExists(spaceId)) {
      return List.of();
    }
    SpaceIndex index = space(spaceId);
    Query indexed = new BooleanQuery.Builder()
        .add(new TermQuery(new Term(Fields.KIND, Fields.KIND_DOCUMENT)), Occur.FILTER)
        .add(new TermQuery(new Term(Fields.COLLECTION_ID, collectionId)), Occur.FILTER)
        .build();
    Query transientHere = new BooleanQuery.Builder()
        .add(new TermQuery(new Term(Fields.KIND, Fields.KIND_STATUS)), Occur.FILTER)
        .add(new TermQuery(new Term(Fields.COLLECTION_ID, collectionId)), Occur.FILTER)
        .build();
    // As in documentStatus: a status record (pending or failed) is about a later version than the document record,
    // so it wins; one in another collection means the source is being moved there and is no longer listed here.
    Map<String, DocumentStatus> bySource = new TreeMap<>();
    List<DocumentStatus> documents = index.find(indexed, MAX_LISTED).stream().map(Mapping::toStatus).toList();
    documents.forEach(d -> bySource.put(d.sourceId(), d));
    if (!documents.isEmpty()) {
      Query laterVersions = new TermInSetQuery(Fields.STATUS_KEY,
          documents.stream().map(d -> new BytesRef(d.sourceId())).toList());
      index.find(laterVersions, MAX_LISTED).stream().map(Mapping::fromStatusRecord)
          .filter(st -> !st.collectionId().equals(collectionId))
          .forEach(st -> bySource.remove(st.sourceId()));
    }
    index.find(transientHere, MAX_LISTED).stream().map(Mapping::fromStatusRecord)
        .forEach(st -> bySource.put(st.sourceId(), st));
    return List.copyOf(bySource.values());
  }

  @Override
  public List<SearchHit> search(SearchQuery query) {
    if (!spaceExists(query.spaceId())) {
      return List.of();
    }
    return retriever.search(space(query.spaceId()), query);
  }

  @Override
  public void close() {
    closed = true;
    ingestor.close();
    if (indexers != null) {
      indexers.shutdown(); // the workers have stopped: no part is left to add
    }
    RuntimeException failure = null;
    for (SpaceIndex index : spaces.values()) {
      try {
        index.close();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    spaces.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
