package dev.confidant.rag.internal.embed;

import dev.confidant.rag.Embedder;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * all-MiniLM-L6-v2 through langchain4j's in-process ONNX runtime; the model file ships inside the jar, so it
 * works offline. Thread-safe (ONNX Runtime sessions are); the model loads on the first call.
 */
public final class MiniLmEmbedder implements Embedder {
  private static final int DIMENSION = 384;
  /** Loaded on first use: BM25-only users (a CLI search) never pay the seconds the ONNX session takes. */
  private volatile @Nullable AllMiniLmL6V2EmbeddingModel model;

  private AllMiniLmL6V2EmbeddingModel model() {
    AllMiniLmL6V2EmbeddingModel m = model;
    if (m == null) {
      synchronized (this) {
        m = model;
        if (m == null) {
          m = new AllMiniLmL6V2EmbeddingModel();
          model = m;
        }
      }
    }
    return m;
  }

  @Override
  public String name() {
    return "all-minilm-l6-v2";
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    // langchain4j rejects blank segments; callers never embed blank text, this only keeps a stray one from failing a batch.
    List<TextSegment> segments = texts.stream().map(t -> TextSegment.from(t.isBlank() ? "-" : t)).toList();
    List<Embedding> embeddings = model().embedAll(segments).content();
    List<float[]> vectors = new ArrayList<>(embeddings.size());
    for (Embedding e : embeddings) {
      vectors.add(normalize(e.vector()));
    }
    return vectors;
  }

  /** Unit length, so that Lucene's dot-product similarity equals cosine similarity. */
  public static float[] normalize(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm == 0) {
      float[] unit = new float[v.length];
      unit[0] = 1;
      return unit;
    }
    float inv = (float) (1 / Math.sqrt(norm));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * inv;
    }
    return out;
  }
}
