package dev.confidant.rag.internal.index;

/**
 * Field names of the space index. One index holds three kinds of Lucene documents, told apart by
 * {@link #KIND}: collection records, document records and chunks, so that a single commit makes metadata and
 * content durable together.
 */
public final class Fields {
  private Fields() {}

  /** {@code collection}, {@code document} or {@code chunk}. */
  public static final String KIND = "kind";
  public static final String KIND_COLLECTION = "collection";
  public static final String KIND_DOCUMENT = "document";
  public static final String KIND_CHUNK = "chunk";
  /**
   * A document's pending or failed ingestion. It carries the source id, so the commit that indexes the
   * document ({@code updateDocuments} on the source id) also deletes it.
   */
  public static final String KIND_STATUS = "status";

  /** Unique key of a collection record (only on that record, so updating it touches nothing else). */
  public static final String COLLECTION_KEY = "collection_key";
  /** Unique key of a document record. */
  public static final String DOCUMENT_KEY = "document_key";
  /** Unique key of a status record: the source id. */
  public static final String STATUS_KEY = "status_key";
  /** {@code PENDING} or {@code FAILED}, on status records. */
  public static final String STATE = "state";
  /** Why ingestion failed, on status records. */
  public static final String REASON = "reason";

  public static final String COLLECTION_ID = "collection_id";
  public static final String SOURCE_ID = "source_id";
  public static final String CHUNK_ID = "chunk_id";
  public static final String NAME = "name";
  public static final String TITLE = "title";
  public static final String CONTENT = "content";
  public static final String PAGE = "page";
  public static final String CHUNKS = "chunks";

  /** Analyzed text of English (and unknown-language) chunks. */
  public static final String TEXT_EN = "text_en";
  /** Analyzed text of German chunks. */
  public static final String TEXT_DE = "text_de";
  public static final String VECTOR = "vector";
}
