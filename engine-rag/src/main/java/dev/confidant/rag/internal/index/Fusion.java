package dev.confidant.rag.internal.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.ScoreDoc;

/**
 * How hybrid retrieval merges the BM25 and the dense ranking of the same query into one. Both inputs are best
 * first; the output is best first, and ties keep first-seen order (the lexical list's first), so results are
 * deterministic. Immutable and thread-safe.
 */
public sealed interface Fusion {
  /** Merges two rankings. */
  List<ScoreDoc> fuse(List<ScoreDoc> lexical, List<ScoreDoc> dense);

  /**
   * Reciprocal rank fusion (Cormack et al., 2009): {@code sum w / (k + rank)} over the lists a document appears
   * in, ranks from 1.
   *
   * @param k the rank constant; 60 in the paper and in Elasticsearch and OpenSearch
   * @param lexicalWeight the weight of the BM25 list; the dense list's is {@code 2 - lexicalWeight}
   */
  record Rrf(int k, double lexicalWeight) implements Fusion {
    @Override
    public List<ScoreDoc> fuse(List<ScoreDoc> lexical, List<ScoreDoc> dense) {
      Map<Integer, Float> scores = new LinkedHashMap<>();
      add(scores, lexical, (float) lexicalWeight);
      add(scores, dense, (float) (2 - lexicalWeight));
      return sorted(scores);
    }

    private void add(Map<Integer, Float> scores, List<ScoreDoc> list, float weight) {
      for (int rank = 0; rank < list.size(); rank++) {
        scores.merge(list.get(rank).doc, weight / (k + rank + 1), Float::sum);
      }
    }
  }

  /**
   * Convex combination of min-max normalised scores (Bruch, Gai and Ingber, "An Analysis of Fusion Functions
   * for Hybrid Retrieval", TOIS 2023): {@code alpha * bm25' + (1 - alpha) * dense'}, where each list's scores
   * are scaled to [0, 1] by the list's own minimum and maximum, and a document missing from a list gets 0 from
   * it. Unlike RRF it keeps how far apart scores are, not only their order.
   *
   * @param alpha the weight of the BM25 scores, in [0, 1]
   */
  record Convex(double alpha) implements Fusion {
    public Convex {
      if (!(alpha >= 0 && alpha <= 1)) {
        throw new IllegalArgumentException("alpha must be in [0, 1], was " + alpha);
      }
    }

    @Override
    public List<ScoreDoc> fuse(List<ScoreDoc> lexical, List<ScoreDoc> dense) {
      Map<Integer, Float> scores = new LinkedHashMap<>();
      add(scores, lexical, alpha);
      add(scores, dense, 1 - alpha);
      return sorted(scores);
    }

    private static void add(Map<Integer, Float> scores, List<ScoreDoc> list, double weight) {
      if (list.isEmpty()) {
        return;
      }
      float max = list.getFirst().score;
      float min = list.getLast().score;
      for (ScoreDoc sd : list) {
        // A list whose scores are all equal carries no preference: each of its documents gets the full weight.
        double normalised = max > min ? (sd.score - min) / (max - min) : 1;
        scores.merge(sd.doc, (float) (weight * normalised), Float::sum);
      }
    }
  }

  /** Best first; the sort is stable, so ties keep the map's first-seen order. */
  private static List<ScoreDoc> sorted(Map<Integer, Float> scores) {
    List<ScoreDoc> fused = new ArrayList<>(scores.size());
    scores.forEach((doc, score) -> fused.add(new ScoreDoc(doc, score)));
    fused.sort((a, b) -> Float.compare(b.score, a.score));
    return fused;
  }
}
