package dev.confidant.tools.rag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.opensearch.OpenSearchKnowledgeBase;
import dev.confidant.opensearch.OpenSearchSettings;
import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.DocumentStatus;
import dev.confidant.rag.Embedder;
import dev.confidant.rag.Embedders;
import dev.confidant.rag.IngestionListener;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.SearchHit;
import dev.confidant.rag.SearchMode;
import dev.confidant.rag.SearchQuery;
import dev.confidant.server.cli.JsonLinesCorpus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Evaluates retrieval on a BEIR dataset folder ({@code corpus.jsonl}, {@code queries.jsonl},
 * {@code qrels/*.tsv}) and prints nDCG@10 and Recall@100 per mode. Documents are ranked by their best chunk.
 *
 * <pre>
 * java -cp ... dev.confidant.tools.rag.BeirEvaluation DATASET_DIR
 *     [--qrels qrels/dev.tsv] [--modes bm25,dense,hybrid] [--embedding-cache FILE] [--work-dir DIR]
 *     [--embedder minilm|minilm-windowed]
 *     [--storage opensearch --opensearch-url URL]
 * </pre>
 *
 * <p>With {@code --storage opensearch} the corpus goes into OpenSearch (index prefix {@code beir-<dataset>-}, kept
 * for the next run) instead of the embedded index under the work directory, so both knowledge bases are measured
 * with the same corpus reader, options and metrics.
 */
public final class BeirEvaluation {
  private static final String SPACE = "beir";
  private static final String COLLECTION = "corpus";

  private BeirEvaluation() {}

  /**
   * One mode's figures.
   *
   * @param mode the mode
   * @param ndcg10 mean nDCG@10
   * @param recall100 mean Recall@100
   * @param queries judged queries evaluated
   */
  public record Result(SearchMode mode, double ndcg10, double recall100, int queries) {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0 || args[0].startsWith("-")) {
      System.err.println("usage: BeirEvaluation DATASET_DIR [--qrels FILE] [--modes bm25,dense,hybrid]"
          + " [--embedding-cache FILE] [--embedder minilm|minilm-windowed] [--work-dir DIR]"
          + " [--storage opensearch --opensearch-url URL]");
      System.exit(2);
    }
    Path dataset = Path.of(args[0]);
    Map<String, String> flags = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      flags.put(args[i], args[i + 1]);
    }
    Path qrels = flags.containsKey("--qrels") ? dataset.resolve(flags.get("--qrels")) : defaultQrels(dataset);
    List<SearchMode> modes = Arrays.stream(flags.getOrDefault("--modes", "bm25,dense,hybrid").split(","))
        .map(m -> SearchMode.valueOf(m.strip().toUpperCase(Locale.ROOT))).toList();
    boolean needsVectors = modes.stream().anyMatch(m -> m != SearchMode.BM25);
    Embedder model = switch (flags.getOrDefault("--embedder", "minilm")) {
      case "minilm" -> Embedders.allMiniLmL6V2();
      case "minilm-windowed" -> Embedders.allMiniLmL6V2Windowed();
      default -> throw new IllegalArgumentException("--embedder is minilm or minilm-windowed, not "
          + flags.get("--embedder"));
    };
    // A cache file holds one embedder's vectors: give each embedder its own.
    Embedder embedder = !needsVectors ? new ConstantEmbedder()
        : flags.containsKey("--embedding-cache")
            ? new CachingEmbedder(model, Path.of(flags.get("--embedding-cache")))
            : model;
    List<Result> results;
    if ("opensearch".equals(flags.get("--storage"))) {
      String name = dataset.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
      OpenSearchSettings settings = OpenSearchSettings.of(flags.get("--opensearch-url"))
          .withIndexPrefix("beir-" + name + "-");
      try (KnowledgeBase kb = OpenSearchKnowledgeBase.open(settings, embedder, JsonLinesCorpus.passageOptions())) {
        results = evaluate(kb, dataset, qrels, modes, System.out);
      }
    } else {
      Path workDir = flags.containsKey("--work-dir") ? Path.of(flags.get("--work-dir"))
          : Files.createTempDirectory("confidant-beir");
      results = evaluate(dataset, qrels, modes, embedder, workDir, System.out);
    }
    System.out.printf(Locale.ROOT, "%-8s %8s %10s %8s%n", "mode", "nDCG@10", "Recall@100", "queries");
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "%-8s %8.4f %10.4f %8d%n", r.mode().name().toLowerCase(Locale.ROOT),
          r.ndcg10(), r.recall100(), r.queries());
    }
  }

  private static Path defaultQrels(Path dataset) throws IOException {
    Path test = dataset.resolve("qrels/test.tsv");
    if (Files.exists(test)) {
      return test;
    }
    try (Stream<Path> files = Files.list(dataset.resolve("qrels"))) {
      return files.filter(p -> p.toString().endsWith(".tsv")).sorted().findFirst()
          .orElseThrow(() -> new IOException("no qrels/*.tsv in " + dataset));
    }
  }

  /** Ingests the corpus into {@code workDir} (unless already there) and evaluates each mode. */
  public static List<Result> evaluate(Path dataset, Path qrelsFile, List<SearchMode> modes, Embedder embedder,
      Path workDir, PrintStream log) throws IOException {
    try (KnowledgeBase kb = KnowledgeBase.open(workDir, embedder, JsonLinesCorpus.passageOptions())) {
      return evaluate(kb, dataset, qrelsFile, modes, log);
    }
  }

  /** Ingests the corpus into {@code kb} (unless already there) and evaluates each mode. */
  public static List<Result> evaluate(KnowledgeBase kb, Path dataset, Path qrelsFile, List<SearchMode> modes,
      PrintStream log) throws IOException {
    Map<String, Map<String, Integer>> qrels = readQrels(qrelsFile);
    Map<String, String> queries = readQueries(dataset.resolve("queries.jsonl"));
    List<Result> results = new ArrayList<>();
    {
      List<DocumentInput> corpus = JsonLinesCorpus.read(dataset.resolve("corpus.jsonl"));
      kb.ensureCollection(SPACE, COLLECTION);
      int indexed = kb.documents(SPACE, COLLECTION).size();
      if (indexed != corpus.size()) {
        if (indexed > 0) {
          // Start from an empty collection: re-ingesting over the old documents would leave them as deleted
          // documents in the segments, whose terms still count in BM25's statistics.
          kb.deleteCollection(SPACE, COLLECTION);
          kb.ensureCollection(SPACE, COLLECTION);
        }
        long start = System.nanoTime();
        List<DocumentStatus> statuses = kb.ingest(SPACE, COLLECTION, corpus, IngestionListener.NONE)
            .await(Duration.ofHours(6));
        long failed = statuses.stream().filter(s -> s.state() != DocumentStatus.State.INDEXED).count();
        log.printf(Locale.ROOT, "ingested %d documents (%d failed) in %.1f s%n", statuses.size(), failed,
            (System.nanoTime() - start) / 1e9);
      }
      for (SearchMode mode : modes) {
        double ndcg = 0;
        double recall = 0;
        int n = 0;
        long start = System.nanoTime();
        for (var entry : qrels.entrySet()) {
          String text = queries.get(entry.getKey());
          if (text == null) {
            continue;
          }
          List<SearchHit> hits = kb.search(SearchQuery.of(SPACE, text).withMode(mode).withK(100));
          // Chunks to documents: a document ranks by its best chunk.
          List<String> ranked = new ArrayList<>(new LinkedHashSet<>(hits.stream().map(SearchHit::sourceId).toList()));
          ndcg += Metrics.ndcg(ranked, entry.getValue(), 10);
          recall += Metrics.recall(ranked, entry.getValue(), 100);
          n++;
        }
        log.printf(Locale.ROOT, "%s: %d queries in %.1f s%n", mode, n, (System.nanoTime() - start) / 1e9);
        results.add(new Result(mode, n == 0 ? 0 : ndcg / n, n == 0 ? 0 : recall / n, n));
      }
    }
    return results;
  }

  static Map<String, Map<String, Integer>> readQrels(Path file) throws IOException {
    Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (String line : lines) {
      String[] cols = line.split("\t");
      if (cols.length < 3 || cols[0].equals("query-id")) {
        continue;
      }
      qrels.computeIfAbsent(cols[0], q -> new HashMap<>()).put(cols[1], Integer.parseInt(cols[2].strip()));
    }
    return qrels;
  }

  static Map<String, String> readQueries(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, String> queries = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        JsonNode node = json.readTree(line);
        queries.put(node.get("_id").asText(), node.path("text").asText());
      }
    }
    return queries;
  }

  /** For BM25-only runs: every text maps to one vector, so that ingestion skips the embedding model. */
  private static final class ConstantEmbedder implements Embedder {
    @Override
    public String name() {
      return "none";
    }

    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      return texts.stream().map(t -> new float[] {1, 0}).toList();
    }
  }

}
