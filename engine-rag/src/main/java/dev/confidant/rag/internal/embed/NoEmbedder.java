package dev.confidant.rag.internal.embed;

import dev.confidant.rag.Embedder;
import java.util.Collections;
import java.util.List;

/**
 * No dense vectors ({@link dev.confidant.rag.Embedders#none()}): dimension 0, an empty vector per text. The Lucene
 * knowledge base then indexes no vector field and answers BM25 only. Stateless.
 */
public final class NoEmbedder implements Embedder {
  /** The one instance. */
  public static final NoEmbedder INSTANCE = new NoEmbedder();
  private static final float[] EMPTY = new float[0];

  private NoEmbedder() {}

  @Override
  public String name() {
    return "none";
  }

  @Override
  public int dimension() {
    return 0;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    return Collections.nCopies(texts.size(), EMPTY);
  }
}
