package dev.confidant.tools.rag;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Ranking metrics as trec_eval and BEIR compute them. Stateless. */
final class Metrics {
  private Metrics() {}

  /** nDCG@k with linear gains (trec_eval's {@code ndcg_cut}); documents not judged count as 0. */
  static double ndcg(List<String> ranked, Map<String, Integer> judged, int k) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      dcg += judged.getOrDefault(ranked.get(i), 0) / log2(i + 2);
    }
    List<Integer> ideal = judged.values().stream().filter(g -> g > 0).sorted(Comparator.reverseOrder()).toList();
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.size()); i++) {
      idcg += ideal.get(i) / log2(i + 2);
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  /** The share of relevant documents (grade > 0) in the top k. */
  static double recall(List<String> ranked, Map<String, Integer> judged, int k) {
    long relevant = judged.values().stream().filter(g -> g > 0).count();
    if (relevant == 0) {
      return 0;
    }
    long found = ranked.stream().limit(k).filter(id -> judged.getOrDefault(id, 0) > 0).count();
    return (double) found / relevant;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
