package dev.confidant.benchmarks;

import dev.confidant.rag.DocumentStatus;
import dev.confidant.rag.IngestionListener;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.RagOptions;
import dev.confidant.rag.SearchMode;
import dev.confidant.rag.SearchQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Query cost against collection size (a {@code main}, not JMH): for each size, builds (or reuses) an on-disk index of
 * that many one-chunk synthetic documents ({@link RetrievalBenchmark.Corpus}, the same seeded text as
 * RetrievalBenchmark) with {@link RetrievalBenchmark.HashEmbedder}'s hashed 384-dimension unit vectors (MiniLM's
 * dimension; a real encoder over a million chunks takes hours here), records the build time and the index size,
 * then runs the benchmark's 256 seeded queries (top 10) in each mode and prints wall-clock and thread-CPU p50/p99.
 *
 * <pre>
 * java -Xmx6g --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     dev.confidant.benchmarks.CollectionSizeCurve DIR 10000,100000,1000000 [queries per round]
 * </pre>
 *
 * <p>Indexes are kept under {@code DIR/size-N} with the build time in {@code DIR/size-N/complete}, so a re-run
 * measures queries again without rebuilding. Per size and mode: one warm-up round and one measured round of
 * {@code queries} searches (default 2,000). Output: one tab-separated line per size and mode, after a header.
 */
public final class CollectionSizeCurve {
  private static final int BATCH = 5000;

  private CollectionSizeCurve() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: CollectionSizeCurve DIR SIZE[,SIZE...] [queries per round]");
      System.exit(2);
    }
    Path root = Path.of(args[0]);
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    String[] queries = new RetrievalBenchmark.Corpus(new Random(4242)).queries(256);
    System.out.println("chunks\tmode\tbuild_s\tindex_mb\twall_p50_ms\twall_p99_ms\tcpu_p50_ms\tcpu_p99_ms\tload");
    for (String size : args[1].split(",")) {
      int chunks = Integer.parseInt(size.strip());
      Path dir = root.resolve("size-" + chunks);
      double buildSeconds = build(dir, chunks);
      double mb = bytes(dir) / (1024.0 * 1024.0);
      try (KnowledgeBase kb = KnowledgeBase.open(dir, new RetrievalBenchmark.HashEmbedder(), RagOptions.defaults())) {
        for (SearchMode mode : List.of(SearchMode.BM25, SearchMode.DENSE, SearchMode.HYBRID)) {
          measure(kb, queries, mode, n); // warm-up
          double[] r = measure(kb, queries, mode, n);
          System.out.printf(Locale.ROOT, "%d\t%s\t%.1f\t%.1f\t%.3f\t%.3f\t%.3f\t%.3f\t%s%n", chunks,
              mode.name().toLowerCase(Locale.ROOT), buildSeconds, mb, r[0], r[1], r[2], r[3], load());
        }
      }
    }
  }

  /** Builds the index unless a complete one is there; returns the seconds its build took. */
  private static double build(Path dir, int chunks) throws IOException {
    Path marker = dir.resolve("complete");
    if (Files.exists(marker)) {
      return Double.parseDouble(Files.readString(marker).strip());
    }
    RetrievalBenchmark.deleteTree(dir);
    Files.createDirectories(dir);
    System.err.printf(Locale.ROOT, "building %d chunks in %s, load %s%n", chunks, dir, load());
    ThreadDemand start0 = ThreadDemand.snapshot();
    long start = System.nanoTime();
    String demand;
    try (KnowledgeBase kb = KnowledgeBase.open(dir, new RetrievalBenchmark.HashEmbedder(),
        RagOptions.defaults().withCommitBatchDocuments(1000))) {
      kb.createCollection(RetrievalBenchmark.SPACE, RetrievalBenchmark.COLLECTION, "Synthetic");
      RetrievalBenchmark.Corpus corpus = new RetrievalBenchmark.Corpus(new Random(42));
      for (int from = 0; from < chunks; from += BATCH) {
        List<DocumentStatus> statuses = kb.ingest(RetrievalBenchmark.SPACE, RetrievalBenchmark.COLLECTION,
            corpus.documents(from, Math.min(chunks, from + BATCH)), IngestionListener.NONE)
            .await(Duration.ofHours(4));
        RetrievalBenchmark.checkIndexed(statuses);
        if ((from / BATCH) % 20 == 19) {
          System.err.printf(Locale.ROOT, "  %d chunks after %.0f s, load %s%n", from + BATCH,
              (System.nanoTime() - start) / 1e9, load());
        }
      }
      demand = ThreadDemand.snapshot().since(start0); // before the close ends the ingestion threads
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.err.printf(Locale.ROOT, "built %d chunks in %.0f s, load %s, %s%n", chunks, seconds, load(), demand);
    Files.writeString(marker, seconds + "\n");
    return seconds;
  }

  /** Wall p50, wall p99, CPU p50, CPU p99 in ms over {@code n} queries. */
  private static double[] measure(KnowledgeBase kb, String[] queries, SearchMode mode, int n) {
    long[][] t = time(kb, queries, mode, n);
    int p99 = Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1);
    return new double[] {t[0][n / 2] / 1e6, t[0][p99] / 1e6, t[1][n / 2] / 1e6, t[1][p99] / 1e6};
  }

  /**
   * Runs {@code n} searches (top 10) with the queries in turn on this thread.
   *
   * @return the wall and the thread-CPU nanoseconds of each search, each array sorted
   */
  static long[][] time(KnowledgeBase kb, String[] queries, SearchMode mode, int n) {
    var threads = ManagementFactory.getThreadMXBean();
    long[] wall = new long[n];
    long[] cpu = new long[n];
    for (int i = 0; i < n; i++) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      long wall0 = System.nanoTime();
      kb.search(SearchQuery.of(RetrievalBenchmark.SPACE, queries[i % queries.length]).withMode(mode).withK(10));
      wall[i] = System.nanoTime() - wall0;
      cpu[i] = threads.getCurrentThreadCpuTime() - cpu0;
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    return new long[][] {wall, cpu};
  }

  private static long bytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    }
  }

  /** The 1-minute load average, as printed beside each figure. */
  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip().split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
