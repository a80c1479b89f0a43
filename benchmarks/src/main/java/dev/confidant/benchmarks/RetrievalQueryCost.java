package dev.confidant.benchmarks;

import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.RagOptions;
import dev.confidant.rag.SearchMode;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Per-query CPU time and allocation of a search over an index {@link RetrievalBenchmark} built (a {@code main},
 * not JMH): on a machine shared with other work, wall-clock latency mostly measures waiting for a core, while the
 * search thread's CPU time ({@code ThreadMXBean}) and allocated bytes are what the query itself costs.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     dev.confidant.benchmarks.RetrievalQueryCost /tmp/confidant-bench-rag/v2-100000 [BM25|DENSE|HYBRID] [queries]
 * </pre>
 *
 * <p>Runs the {@link RetrievalBenchmark}'s seeded queries (top 10) in three rounds and prints wall and CPU
 * percentiles and the mean allocation per query of each; the first round is warm-up.
 */
public final class RetrievalQueryCost {
  private RetrievalQueryCost() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    SearchMode mode = args.length > 1 ? SearchMode.valueOf(args[1]) : SearchMode.BM25;
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    String[] queries = new RetrievalBenchmark.Corpus(new Random(4242)).queries(256);
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().threadId();
    try (KnowledgeBase kb = KnowledgeBase.open(dir, new RetrievalBenchmark.HashEmbedder(), RagOptions.defaults())) {
      for (int round = 0; round < 3; round++) {
        long allocated = threads.getThreadAllocatedBytes(thread);
        long[][] t = CollectionSizeCurve.time(kb, queries, mode, n);
        long[] wall = t[0];
        long[] cpu = t[1];
        allocated = (threads.getThreadAllocatedBytes(thread) - allocated) / n;
        System.out.printf(Locale.ROOT, "round %d %s: wall p50 %.3f ms p90 %.3f ms | cpu p50 %.3f ms p90 %.3f ms"
            + " | %d KB/query%n", round, mode, wall[n / 2] / 1e6, wall[n * 9 / 10] / 1e6, cpu[n / 2] / 1e6,
            cpu[n * 9 / 10] / 1e6, allocated / 1024);
      }
    }
  }
}
