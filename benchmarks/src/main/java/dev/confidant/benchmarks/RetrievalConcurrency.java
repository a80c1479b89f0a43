package dev.confidant.benchmarks;

import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.RagOptions;
import dev.confidant.rag.SearchMode;
import dev.confidant.rag.SearchQuery;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

/**
 * Query cost against concurrency (a {@code main}, not JMH): 1 to 64 threads search one on-disk index at once (the
 * index {@link CollectionSizeCurve} built, {@code DIR/size-N}), each its next query of the 256 seeded ones of
 * RetrievalBenchmark as soon as the last returned (a closed loop, top 10), for a fixed time per level after a
 * warm-up ({@value #WARM_UP_QUERIES} queries per mode on one thread, then a third of the level's time). Per mode and
 * level: queries/s, wall-clock p50/p99 per query, the searching threads' CPU per query, and the cores the process
 * kept busy (its CPU time over the wall time), with the load average beside them.
 *
 * <pre>
 * java -Xmx6g --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     dev.confidant.benchmarks.RetrievalConcurrency DIR/size-100000 [1,2,4,8,16,32,64] [seconds per level] [modes]
 * </pre>
 *
 * <p>On a machine with C cores, queries/s should grow up to about C threads and stay flat after, while the wall
 * latency grows linearly with the threads past C (they queue for the cores); CPU per query that grows with the
 * threads would be contention (locks, caches), not queueing. Latencies are kept per thread, at most
 * {@value #MAX_SAMPLES} per thread (the rest are counted but not kept), so memory is bounded.
 */
public final class RetrievalConcurrency {
  private static final int MAX_SAMPLES = 200_000;
  /** Queries one thread runs per mode before the first level (the JIT, the page cache). */
  private static final int WARM_UP_QUERIES = 3_000;

  private RetrievalConcurrency() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: RetrievalConcurrency INDEX_DIR [threads,...] [seconds per level] [bm25,dense,hybrid]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int[] levels = Arrays.stream((args.length > 1 ? args[1] : "1,2,4,8,16,32,64").split(","))
        .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 5;
    List<SearchMode> modes = Arrays.stream((args.length > 3 ? args[3] : "bm25,dense,hybrid").split(","))
        .map(s -> SearchMode.valueOf(s.strip().toUpperCase(Locale.ROOT))).toList();
    String[] queries = new RetrievalBenchmark.Corpus(new Random(4242)).queries(256);
    System.out.println("mode\tthreads\tqueries_per_s\twall_p50_ms\twall_p99_ms\tcpu_per_query_ms\tcores\tload");
    try (KnowledgeBase kb = KnowledgeBase.open(dir, new RetrievalBenchmark.HashEmbedder(), RagOptions.defaults())) {
      for (SearchMode mode : modes) {
        // Warm-up by count, not time: on a loaded machine a few seconds are too little CPU for the JIT.
        CollectionSizeCurve.time(kb, queries, mode, WARM_UP_QUERIES);
        for (int threads : levels) {
          run(kb, queries, mode, threads, seconds / 3); // the level's own warm-up (threads started, caches)
          Level r = run(kb, queries, mode, threads, seconds);
          System.out.printf(Locale.ROOT, "%s\t%d\t%.1f\t%.3f\t%.3f\t%.3f\t%.2f\t%s%n",
              mode.name().toLowerCase(Locale.ROOT), threads, r.queriesPerSecond, r.p50Ms, r.p99Ms, r.cpuMsPerQuery,
              r.cores, CollectionSizeCurve.load());
        }
      }
    }
  }

  /** One level's figures. */
  private record Level(double queriesPerSecond, double p50Ms, double p99Ms, double cpuMsPerQuery, double cores) {}

  /** Runs {@code threads} closed-loop searchers for {@code seconds}. */
  private static Level run(KnowledgeBase kb, String[] queries, SearchMode mode, int threads, double seconds)
      throws InterruptedException {
    var mx = ManagementFactory.getThreadMXBean();
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    long[][] samples = new long[threads][];
    int[] kept = new int[threads];
    long[] done = new long[threads];
    long[] cpu = new long[threads];
    long[] deadline = new long[1];
    List<Thread> searchers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      searchers.add(Thread.ofPlatform().name("searcher-" + t).start(() -> {
        long[] mine = new long[1024];
        int n = 0;
        long count = 0;
        int next = id * 37;
        ready.countDown();
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        long cpu0 = mx.getCurrentThreadCpuTime();
        while (System.nanoTime() < deadline[0]) {
          long start = System.nanoTime();
          kb.search(SearchQuery.of(RetrievalBenchmark.SPACE, queries[next++ % queries.length]).withMode(mode)
              .withK(10));
          long took = System.nanoTime() - start;
          count++;
          if (n < MAX_SAMPLES) {
            if (n == mine.length) {
              mine = Arrays.copyOf(mine, Math.min(MAX_SAMPLES, 2 * n));
            }
            mine[n++] = took;
          }
        }
        cpu[id] = mx.getCurrentThreadCpuTime() - cpu0;
        samples[id] = mine;
        kept[id] = n;
        done[id] = count;
      }));
    }
    ready.await();
    long processCpu0 = processCpu();
    long start = System.nanoTime();
    deadline[0] = start + (long) (seconds * 1e9);
    go.countDown();
    for (Thread s : searchers) {
      s.join();
    }
    double wall = (System.nanoTime() - start) / 1e9;
    double cores = (processCpu() - processCpu0) / 1e9 / wall;
    long total = Arrays.stream(done).sum();
    long[] all = new long[Arrays.stream(kept).sum()];
    int at = 0;
    for (int t = 0; t < threads; t++) {
      System.arraycopy(samples[t], 0, all, at, kept[t]);
      at += kept[t];
    }
    Arrays.sort(all);
    if (all.length == 0) {
      return new Level(0, Double.NaN, Double.NaN, Double.NaN, cores);
    }
    int p99 = Math.min(all.length - 1, (int) Math.ceil(all.length * 0.99) - 1);
    return new Level(total / wall, all[all.length / 2] / 1e6, all[p99] / 1e6,
        Arrays.stream(cpu).sum() / 1e6 / Math.max(1, total), cores);
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
