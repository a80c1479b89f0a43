package dev.confidant.tools.rag;

import dev.confidant.rag.Embedder;
import dev.confidant.rag.Embedders;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.SearchHit;
import dev.confidant.rag.SearchMode;
import dev.confidant.rag.SearchQuery;
import dev.confidant.rag.internal.index.Fusion;
import dev.confidant.server.cli.JsonLinesCorpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.search.ScoreDoc;

/**
 * Compares fusion functions for hybrid retrieval on a BEIR dataset already ingested by {@link BeirEvaluation}
 * (same {@code --work-dir} and embedder): retrieves the BM25 and the dense top 1,000 once per query, then fuses
 * them with each candidate at several list depths and prints nDCG@10 and Recall@100 per candidate.
 *
 * <pre>
 * java -cp ... dev.confidant.tools.rag.FusionSweep DATASET_DIR QRELS_FILE EMBEDDING_CACHE WORK_DIR
 * </pre>
 */
public final class FusionSweep {
  private static final int DEPTH = 1000;

  private FusionSweep() {}

  public static void main(String[] args) throws IOException {
    Path dataset = Path.of(args[0]);
    Map<String, Map<String, Integer>> qrels = BeirEvaluation.readQrels(dataset.resolve(args[1]));
    Map<String, String> queries = BeirEvaluation.readQueries(dataset.resolve("queries.jsonl"));
    Embedder embedder = new CachingEmbedder(Embedders.allMiniLmL6V2(), Path.of(args[2]));
    List<String> ids = new ArrayList<>();
    List<List<ScoreDoc>> lexical = new ArrayList<>();
    List<List<ScoreDoc>> dense = new ArrayList<>();
    Map<String, Integer> docIds = new HashMap<>();
    List<String> sources = new ArrayList<>();
    try (KnowledgeBase kb = KnowledgeBase.open(Path.of(args[3]), embedder, JsonLinesCorpus.passageOptions())) {
      for (String id : qrels.keySet()) {
        String text = queries.get(id);
        if (text == null) {
          continue;
        }
        ids.add(id);
        lexical.add(ranking(kb, text, SearchMode.BM25, docIds, sources));
        dense.add(ranking(kb, text, SearchMode.DENSE, docIds, sources));
      }
    }
    List<Fusion> candidates = new ArrayList<>();
    for (int k : new int[] {1, 5, 10, 20, 60, 100}) {
      candidates.add(new Fusion.Rrf(k, 1));
    }
    for (double w : new double[] {0.5, 0.75, 1.25, 1.5}) {
      candidates.add(new Fusion.Rrf(60, w));
    }
    for (double alpha : new double[] {0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}) {
      candidates.add(new Fusion.Convex(alpha));
    }
    System.out.printf(Locale.ROOT, "%-32s %6s %8s %10s%n", "fusion", "depth", "nDCG@10", "Recall@100");
    for (int depth : new int[] {100, 200, 1000}) {
      for (Fusion fusion : candidates) {
        double ndcg = 0;
        double recall = 0;
        for (int q = 0; q < ids.size(); q++) {
          List<ScoreDoc> fused = fusion.fuse(top(lexical.get(q), depth), top(dense.get(q), depth));
          List<String> ranked = fused.stream().limit(100).map(sd -> sources.get(sd.doc)).toList();
          ndcg += Metrics.ndcg(ranked, qrels.get(ids.get(q)), 10);
          recall += Metrics.recall(ranked, qrels.get(ids.get(q)), 100);
        }
        System.out.printf(Locale.ROOT, "%-32s %6d %8.4f %10.4f%n", fusion, depth, ndcg / ids.size(),
            recall / ids.size());
      }
    }
  }

  private static List<ScoreDoc> top(List<ScoreDoc> list, int n) {
    return list.subList(0, Math.min(n, list.size()));
  }

  /** A ranking of documents (a document ranks by its best chunk), as dense integer ids. */
  private static List<ScoreDoc> ranking(KnowledgeBase kb, String text, SearchMode mode, Map<String, Integer> docIds,
      List<String> sources) {
    List<SearchHit> hits = kb.search(SearchQuery.of("beir", text).withMode(mode).withK(DEPTH));
    List<ScoreDoc> ranked = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (SearchHit hit : hits) {
      if (seen.add(hit.sourceId())) {
        int doc = docIds.computeIfAbsent(hit.sourceId(), s -> {
          sources.add(s);
          return sources.size() - 1;
        });
        ranked.add(new ScoreDoc(doc, (float) hit.score()));
      }
    }
    return ranked;
  }
}
