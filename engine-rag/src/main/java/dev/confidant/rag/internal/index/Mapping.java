package dev.confidant.rag.internal.index;

import dev.confidant.rag.DocumentStatus;
import dev.confidant.rag.KnowledgeCollection;
import dev.confidant.rag.internal.chunk.Chunk;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;

/** Converts between the API's records and Lucene documents of the space index. Stateless. */
public final class Mapping {
  private Mapping() {}

  /** The record of a collection. */
  public static Document collection(KnowledgeCollection c) {
    Document doc = new Document();
    doc.add(new StringField(Fields.KIND, Fields.KIND_COLLECTION, Field.Store.NO));
    doc.add(new StringField(Fields.COLLECTION_KEY, c.id(), Field.Store.NO));
    doc.add(new StringField(Fields.COLLECTION_ID, c.id(), Field.Store.YES));
    doc.add(new StoredField(Fields.NAME, c.name()));
    return doc;
  }

  public static KnowledgeCollection toCollection(String spaceId, Document doc) {
    return new KnowledgeCollection(spaceId, doc.get(Fields.COLLECTION_ID), doc.get(Fields.NAME));
  }

  /**
   * A document's record followed by its chunks: written as one block, so they become visible together.
   *
   * @param vectors one unit vector per chunk (empty ones are not indexed)
   */
  public static List<Document> document(
      String collectionId, String sourceId, String title, List<Chunk> chunks, List<float[]> vectors) {
    List<Document> docs = new ArrayList<>(chunks.size() + 1);
    Document record = new Document();
    record.add(new StringField(Fields.KIND, Fields.KIND_DOCUMENT, Field.Store.NO));
    record.add(new StringField(Fields.DOCUMENT_KEY, sourceId, Field.Store.NO));
    record.add(new StringField(Fields.SOURCE_ID, sourceId, Field.Store.YES));
    record.add(new StringField(Fields.COLLECTION_ID, collectionId, Field.Store.YES));
    record.add(new StoredField(Fields.TITLE, title));
    record.add(new StoredField(Fields.CHUNKS, chunks.size()));
    docs.add(record);
    for (int i = 0; i < chunks.size(); i++) {
      Chunk chunk = chunks.get(i);
      Document doc = new Document();
      String chunkTitle = chunkTitle(title, chunk);
      doc.add(new StringField(Fields.KIND, Fields.KIND_CHUNK, Field.Store.NO));
      doc.add(new StringField(Fields.SOURCE_ID, sourceId, Field.Store.YES));
      doc.add(new StringField(Fields.COLLECTION_ID, collectionId, Field.Store.YES));
      doc.add(new StringField(Fields.CHUNK_ID, sourceId + "#" + chunk.ordinal(), Field.Store.YES));
      doc.add(new StoredField(Fields.TITLE, chunkTitle));
      doc.add(new StoredField(Fields.CONTENT, chunk.text()));
      if (chunk.page() != null) {
        doc.add(new StoredField(Fields.PAGE, chunk.page()));
      }
      String indexed = indexedText(chunkTitle, chunk.text());
      doc.add(new TextField(Languages.fieldFor(indexed), indexed, Field.Store.NO));
      if (vectors.get(i).length > 0) { // none with Embedders.none(): BM25 only
        doc.add(new KnnFloatVectorField(Fields.VECTOR, vectors.get(i), VectorSimilarityFunction.DOT_PRODUCT));
      }
      docs.add(doc);
    }
    return docs;
  }

  /** The document title followed by the chunk's heading path. */
  public static String chunkTitle(String title, Chunk chunk) {
    return chunk.headingPath().isEmpty() ? title
        : title.isEmpty() ? chunk.headingPath() : title + " > " + chunk.headingPath();
  }

  /** What BM25 and the embedder see of a chunk: its title (with heading path) and its text, in one field. */
  public static String indexedText(String chunkTitle, String text) {
    return chunkTitle.isEmpty() ? text : chunkTitle + "\n" + text;
  }

  /** The record of a pending or failed document (an indexed one has its document record instead). */
  public static Document status(DocumentStatus status) {
    if (status.state() == DocumentStatus.State.INDEXED) {
      throw new IllegalArgumentException("an indexed document has no status record: " + status);
    }
    Document doc = new Document();
    doc.add(new StringField(Fields.KIND, Fields.KIND_STATUS, Field.Store.NO));
    doc.add(new StringField(Fields.STATUS_KEY, status.sourceId(), Field.Store.NO));
    doc.add(new StringField(Fields.SOURCE_ID, status.sourceId(), Field.Store.YES));
    doc.add(new StringField(Fields.COLLECTION_ID, status.collectionId(), Field.Store.YES));
    doc.add(new StringField(Fields.STATE, status.state().name(), Field.Store.YES));
    doc.add(new StoredField(Fields.TITLE, status.title()));
    if (status.reason() != null) {
      doc.add(new StoredField(Fields.REASON, status.reason()));
    }
    return doc;
  }

  /** The status of a status record. */
  public static DocumentStatus fromStatusRecord(Document doc) {
    return new DocumentStatus(doc.get(Fields.SOURCE_ID), doc.get(Fields.COLLECTION_ID), doc.get(Fields.TITLE),
        DocumentStatus.State.valueOf(doc.get(Fields.STATE)), 0, doc.get(Fields.REASON));
  }

  /** The status of a document record: indexed. */
  public static DocumentStatus toStatus(Document doc) {
    return new DocumentStatus(doc.get(Fields.SOURCE_ID), doc.get(Fields.COLLECTION_ID), doc.get(Fields.TITLE),
        DocumentStatus.State.INDEXED, doc.getField(Fields.CHUNKS).numericValue().intValue(), null);
  }
}
