package dev.confidant.rag;

/** How passages are ranked. */
public enum SearchMode {
  /** Lexical BM25 over language-aware analyzed text. */
  BM25,
  /** Nearest neighbours of the query embedding (Lucene HNSW). */
  DENSE,
  /** Reciprocal rank fusion of {@link #BM25} and {@link #DENSE}. */
  HYBRID
}
