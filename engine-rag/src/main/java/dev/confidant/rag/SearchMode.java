package dev.confidant.rag;

/** How passages are ranked. */
public enum SearchMode {
  /** Lexical BM25 over language-aware analyzed text. */
  BM25,
  /** Nearest neighbours of the query embedding (Lucene HNSW). */
  DENSE,
  /**
   * {@link #BM25} and {@link #DENSE} fused: each ranking's scores are scaled to [0, 1] (min-max over its top hits)
   * and averaged; a passage missing from one ranking gets 0 from it.
   */
  HYBRID
}
