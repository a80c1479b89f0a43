package dev.confidant.rag;

import static java.util.Objects.requireNonNull;

/**
 * One result of {@link KnowledgeBase#searchFiles}: a passage of one of the searched files. Immutable.
 *
 * @param sourceId the file's source id
 * @param content the matching passage
 * @param chunkId the passage's chunk id
 * @param score the hybrid score, higher is better
 */
public record FileSearchResult(String sourceId, String content, String chunkId, double score) {
  public FileSearchResult {
    requireNonNull(sourceId, "sourceId");
    requireNonNull(content, "content");
    requireNonNull(chunkId, "chunkId");
  }
}
