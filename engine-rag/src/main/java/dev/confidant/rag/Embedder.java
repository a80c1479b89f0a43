package dev.confidant.rag;

import java.util.List;

/**
 * Turns text into vectors for dense retrieval. Implementations must be thread-safe and deterministic (the
 * same text gives the same vector), and must not change {@link #dimension()} for an existing index.
 *
 * <p>{@link Embedders#allMiniLmL6V2()} runs all-MiniLM-L6-v2 in-process from the jar, offline.
 */
public interface Embedder {

  /** A stable name stored with the index, e.g. {@code all-minilm-l6-v2}; a different name needs a new index. */
  String name();

  /** The vector length. */
  int dimension();

  /**
   * Embeds texts.
   *
   * @return one unit-length vector per text, in order; empty vectors from an embedder of dimension 0
   *     ({@link Embedders#none()}: no dense retrieval)
   */
  List<float[]> embed(List<String> texts);
}
