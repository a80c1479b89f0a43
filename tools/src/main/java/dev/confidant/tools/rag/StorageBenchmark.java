package dev.confidant.tools.rag;

import dev.confidant.opensearch.OpenSearchKnowledgeBase;
import dev.confidant.opensearch.OpenSearchSettings;
import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.DocumentStatus;
import dev.confidant.rag.Embedder;
import dev.confidant.rag.Embedders;
import dev.confidant.rag.IngestionListener;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.SearchMode;
import dev.confidant.rag.SearchQuery;
import dev.confidant.server.cli.JsonLinesCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Ingestion documents/s and query p50/p99 of the embedded knowledge base against the OpenSearch one, in one run on
 * one BEIR corpus (whole documents as passages, as {@link BeirEvaluation}). Not a test and not in CI: a whole-process
 * measurement whose figures are only worth their ratio and the load they were taken at (printed from
 * {@code /proc/loadavg}).
 *
 * <pre>
 * java -cp ... dev.confidant.tools.rag.StorageBenchmark DATASET_DIR --opensearch-url URL --embedding-cache FILE
 * </pre>
 *
 * <p>The model's cost is kept out of both: the corpus is first ingested once, untimed, into a throw-away embedded
 * index through a {@link CachingEmbedder}, and every query is run once untimed, so that the timed runs read every
 * vector from the cache and measure storage alone (parse, chunk, write and commit; search). Then, for each store in
 * turn: ingest the corpus into a fresh collection (documents/s), and run every query in each mode, one at a time
 * (p50, p99 over the queries). The OpenSearch index is deleted afterwards.
 */
public final class StorageBenchmark {
  private static final String SPACE = "bench";
  private static final String COLLECTION = "corpus";

  private StorageBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 5 || !args[1].equals("--opensearch-url") || !args[3].equals("--embedding-cache")) {
      System.err.println("usage: StorageBenchmark DATASET_DIR --opensearch-url URL --embedding-cache FILE");
      System.exit(2);
    }
    Path dataset = Path.of(args[0]);
    Embedder embedder = new CachingEmbedder(Embedders.allMiniLmL6V2(), Path.of(args[4]));
    List<DocumentInput> corpus = JsonLinesCorpus.read(dataset.resolve("corpus.jsonl"));
    List<String> queries = new ArrayList<>(BeirEvaluation.readQueries(dataset.resolve("queries.jsonl")).values());
    queries.sort(null);
    Path warm = Files.createTempDirectory("confidant-bench-warm");
    try (KnowledgeBase kb = KnowledgeBase.open(warm, embedder, JsonLinesCorpus.passageOptions())) {
      ingest(kb, corpus);
      for (String q : queries) {
        embedder.embed(List.of(q));
      }
    }
    System.out.printf(Locale.ROOT, "%s: %d documents, %d queries; load before: %s%n", dataset.getFileName(),
        corpus.size(), queries.size(), load());
    Path dir = Files.createTempDirectory("confidant-bench-embedded");
    try (KnowledgeBase kb = KnowledgeBase.open(dir, embedder, JsonLinesCorpus.passageOptions())) {
      run("embedded", kb, corpus, queries);
    }
    String prefix = "bench" + UUID.randomUUID().toString().substring(0, 8) + "-";
    OpenSearchSettings settings = OpenSearchSettings.of(args[2]).withIndexPrefix(prefix);
    try (KnowledgeBase kb = OpenSearchKnowledgeBase.open(settings, embedder, JsonLinesCorpus.passageOptions())) {
      run("opensearch", kb, corpus, queries);
      kb.deleteCollection(SPACE, COLLECTION);
    }
    System.out.printf(Locale.ROOT, "load after: %s%n", load());
  }

  private static void run(String store, KnowledgeBase kb, List<DocumentInput> corpus, List<String> queries) {
    double seconds = ingest(kb, corpus);
    System.out.printf(Locale.ROOT, "%-10s ingestion %7.1f documents/s (%d in %.1f s)%n", store,
        corpus.size() / seconds, corpus.size(), seconds);
    for (SearchMode mode : SearchMode.values()) {
      for (int i = 0; i < Math.min(20, queries.size()); i++) {
        kb.search(SearchQuery.of(SPACE, queries.get(i)).withMode(mode).withK(10)); // warm-up
      }
      long[] nanos = new long[queries.size()];
      for (int i = 0; i < queries.size(); i++) {
        long start = System.nanoTime();
        kb.search(SearchQuery.of(SPACE, queries.get(i)).withMode(mode).withK(10));
        nanos[i] = System.nanoTime() - start;
      }
      Arrays.sort(nanos);
      System.out.printf(Locale.ROOT, "%-10s %-6s query p50 %6.2f ms  p99 %7.2f ms%n", store,
          mode.name().toLowerCase(Locale.ROOT), nanos[nanos.length / 2] / 1e6,
          nanos[Math.min(nanos.length - 1, (int) Math.ceil(nanos.length * 0.99) - 1)] / 1e6);
    }
  }

  /** Ingests the corpus into a fresh collection and returns the seconds it took. */
  private static double ingest(KnowledgeBase kb, List<DocumentInput> corpus) {
    kb.ensureCollection(SPACE, COLLECTION);
    long start = System.nanoTime();
    List<DocumentStatus> statuses = kb.ingest(SPACE, COLLECTION, corpus, IngestionListener.NONE)
        .await(Duration.ofHours(2));
    double seconds = (System.nanoTime() - start) / 1e9;
    long failed = statuses.stream().filter(s -> s.state() != DocumentStatus.State.INDEXED).count();
    if (failed > 0) {
      throw new IllegalStateException(failed + " documents failed");
    }
    return seconds;
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
