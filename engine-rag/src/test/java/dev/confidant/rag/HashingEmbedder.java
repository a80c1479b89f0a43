package dev.confidant.rag;

import java.util.List;
import java.util.Locale;

/**
 * A fast, deterministic test embedder: hashed bag of lower-cased words, unit length. Texts sharing words are
 * close, so dense and hybrid retrieval behave sensibly without loading a model. Thread-safe.
 */
public final class HashingEmbedder implements Embedder {
  private static final int DIM = 64;

  @Override
  public String name() {
    return "hashing-test";
  }

  @Override
  public int dimension() {
    return DIM;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    return texts.stream().map(HashingEmbedder::vector).toList();
  }

  private static float[] vector(String text) {
    float[] v = new float[DIM];
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        v[Math.floorMod(w.hashCode(), DIM)] += 1;
      }
    }
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm == 0) {
      v[0] = 1;
      return v;
    }
    for (int i = 0; i < DIM; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }
}
