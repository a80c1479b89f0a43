package dev.confidant.api;

import java.util.List;

/**
 * Retrieval context attached to an assistant message, serialized as {@code message.context} (the Azure OpenAI
 * "on your data" convention).
 *
 * @param citations the passages the answer was grounded in, best first
 */
public record MessageContext(List<Citation> citations) {
  public MessageContext {
    citations = List.copyOf(citations);
  }

  /**
   * One retrieved passage.
   *
   * @param content the passage text
   * @param title the source's title (may be empty)
   * @param sourceId the id of the source document or file
   * @param chunkId the id of the chunk within the source
   * @param score the retrieval score
   */
  public record Citation(String content, String title, String sourceId, String chunkId, double score) {}
}
