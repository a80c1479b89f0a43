package dev.confidant.rag;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One retrieved chunk. Immutable.
 *
 * @param sourceId the source document's id
 * @param chunkId the chunk's id, {@code <sourceId>#<ordinal>}
 * @param collectionId the collection holding the document
 * @param title the document title, followed by the heading path of the chunk when there is one
 * @param content the chunk text
 * @param page the 1-based page (PDF page, slide), or {@code null} when the format has none
 * @param score the score of the requested mode (BM25, cosine in [0, 1], or the hybrid fusion's in [0, 1]), higher is better
 */
public record SearchHit(
    String sourceId, String chunkId, String collectionId, String title, String content, @Nullable Integer page,
    double score) {
  public SearchHit {
    requireNonNull(sourceId, "sourceId");
    requireNonNull(chunkId, "chunkId");
    requireNonNull(collectionId, "collectionId");
    requireNonNull(title, "title");
    requireNonNull(content, "content");
  }
}
