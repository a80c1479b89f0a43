package dev.confidant.rag;

import dev.confidant.api.RequestContext;
import dev.confidant.rag.internal.Ids;
import dev.confidant.rag.internal.LuceneKnowledgeBase;
import dev.confidant.rag.internal.Scopes;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Knowledge collections in spaces, stored as one Lucene index per space under a data directory
 * ({@code dataDir/<spaceId>/}). Thread-safe: open once per data directory and share; a data directory is
 * used by one process at a time (Lucene's write lock).
 *
 * <p>Every operation names its space, and only that space's index is read or written, so a request can never
 * see another space's documents. Space, collection and source ids match {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}}.
 *
 * <p>{@snippet class=dev.confidant.rag.RagSnippets region=knowledge-base}
 *
 * <p>Every method throws {@link dev.confidant.api.InvalidRequestException} for ids that are malformed or name
 * no existing collection, with the offending value.
 */
public interface KnowledgeBase extends AutoCloseable {

  /**
   * Opens (or creates) a knowledge base. Indexes of spaces open lazily on first use.
   *
   * @param dataDir the directory holding one folder per space
   * @param embedder the embedder for dense retrieval; an index remembers its embedder's name and dimension and
   *     refuses another
   * @param options chunking and ingestion settings
   */
  static KnowledgeBase open(Path dataDir, Embedder embedder, RagOptions options) {
    return new LuceneKnowledgeBase(dataDir, embedder, options);
  }

  /** Creates a collection with a generated id ({@code col_} and 16 random hex digits). */
  default KnowledgeCollection createCollection(String spaceId, String name) {
    return createCollection(spaceId, "col_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16), name);
  }

  /**
   * Creates a collection with a given id.
   *
   * @throws dev.confidant.api.InvalidRequestException if the id is taken in the space
   */
  KnowledgeCollection createCollection(String spaceId, String collectionId, String name);

  /** The collection with this id, creating it (named after the id) if absent. */
  KnowledgeCollection ensureCollection(String spaceId, String collectionId);

  /** The collections of a space, by id. */
  List<KnowledgeCollection> collections(String spaceId);

  /** A collection, if it exists in the space. */
  Optional<KnowledgeCollection> collection(String spaceId, String collectionId);

  /** Renames a collection; durable when this returns. */
  KnowledgeCollection renameCollection(String spaceId, String collectionId, String newName);

  /**
   * Deletes a collection and all its documents; durable when this returns, and the deleted text is merged out
   * of the index files rather than only marked deleted.
   *
   * @return whether the collection existed
   */
  boolean deleteCollection(String spaceId, String collectionId);

  /**
   * Starts ingesting documents into a collection and returns at once. Sizes, formats and the existence of
   * files are checked before any work starts: if one document is refused, none is queued. A document without a
   * source id gets one derived from its content (see {@link DocumentInput}): ingesting the same content into the
   * same collection again returns the same id and replaces the earlier version.
   *
   * <p>Ingestion is fair between spaces and bounded ({@link IngestLimits}): spaces take turns batch by batch, so a
   * space's backlog or slow document does not hold up another space's documents; a document that passes a
   * per-document limit (extracted text, chunks, unpacked size, parse time) fails with a reason naming the limit.
   *
   * @throws dev.confidant.api.InvalidRequestException listing every refused document (too large, unknown
   *     format, missing file, the same content twice) or an unknown collection
   * @throws dev.confidant.api.LimitExceededException if the space's ingestion queue, or the content held by all
   *     queues, would pass its bound ({@link IngestLimits#maxQueuedDocumentsPerSpace()},
   *     {@link IngestLimits#maxQueuedBytes()}); nothing is queued or written then
   */
  IngestionJob ingest(String spaceId, String collectionId, List<DocumentInput> documents,
      IngestionListener listener);

  /**
   * Ingests a caller's own files into the caller's upload collection
   * ({@link #uploadCollectionOf}) of the caller's space ({@link #spaceOf}), creating it if needed. The job's
   * {@link IngestionJob#sourceIds()} are the {@code source_ids} to return; a later request naming them in its
   * {@link KnowledgeSources#fileIds()} is grounded in them.
   *
   * @throws dev.confidant.api.InvalidRequestException as {@link #ingest} does
   * @throws dev.confidant.api.LimitExceededException as {@link #ingest} does
   */
  default IngestionJob upload(RequestContext caller, List<DocumentInput> files, IngestionListener listener) {
    String space = spaceOf(caller);
    String collection = uploadCollectionOf(caller);
    ensureCollection(space, collection);
    return ingest(space, collection, files, listener);
  }

  /**
   * Deletes a document and its chunks for real, and its pending or failed status; durable when this returns.
   *
   * @return whether the document or a status of it existed
   */
  boolean removeDocument(String spaceId, String sourceId);

  /**
   * The status of a document: pending or failed (with its reason) if its latest ingestion is, else indexed if
   * committed. Statuses are stored in the space's index and survive a restart; a document still pending when
   * the knowledge base closed or its process stopped is failed, with a reason saying so, once its space opens
   * again.
   */
  Optional<DocumentStatus> documentStatus(String spaceId, String sourceId);

  /**
   * The documents of a collection, by source id, each with its latest status: {@code PENDING} while queued or
   * being indexed, {@code FAILED} with its reason, else {@code INDEXED}. A client polling this list is done when
   * no document is pending. At most 100,000 documents of each kind are read.
   */
  List<DocumentStatus> documents(String spaceId, String collectionId);

  /**
   * Searches one space; hits are best first. A space that does not exist yet has no hits.
   *
   * @throws dev.confidant.api.InvalidRequestException for a dense search in a knowledge base opened with
   *     {@link Embedders#none()} (BM25 only; its hybrid searches are BM25 searches)
   */
  List<SearchHit> search(SearchQuery query);

  /**
   * Passages of the given files (source ids) in the space that match {@code searchQuery}, best first (hybrid
   * ranking).
   *
   * @param sourceIds the files to search; empty searches none and returns no result
   * @param k the most results
   * @throws dev.confidant.api.InvalidRequestException for a malformed source id
   */
  default List<FileSearchResult> searchFiles(String spaceId, List<String> sourceIds, String searchQuery, int k) {
    if (sourceIds.isEmpty()) {
      return List.of();
    }
    sourceIds.forEach(id -> Ids.check("source_ids", id));
    SearchQuery query = SearchQuery.of(spaceId, searchQuery).withMode(SearchMode.HYBRID).withK(k)
        .withSources(sourceIds);
    return search(query).stream()
        .map(h -> new FileSearchResult(h.sourceId(), h.content(), h.chunkId(), h.score()))
        .toList();
  }

  /**
   * The space a request reads and uploads into: its {@link RequestContext#spaceId()}, or without one the
   * caller's personal space {@code personal_<principal>}.
   */
  static String spaceOf(RequestContext context) {
    return context.spaceId() != null ? context.spaceId() : "personal_" + Scopes.safe(context.principal());
  }

  /**
   * The collection a request's uploaded files go into: one per thread ({@code files_<threadId>}), or the
   * caller's {@code files_<principal>} without a thread.
   */
  static String uploadCollectionOf(RequestContext context) {
    String owner = context.threadId() != null ? context.threadId() : context.principal();
    return "files_" + Scopes.safe(owner);
  }

  /** Waits for queued ingestion to stop (pending documents are dropped, never acknowledged) and closes. */
  @Override
  void close();
}
