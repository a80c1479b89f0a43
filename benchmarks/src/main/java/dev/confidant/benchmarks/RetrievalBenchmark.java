package dev.confidant.benchmarks;

import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.DocumentStatus;
import dev.confidant.rag.Embedder;
import dev.confidant.rag.Embedders;
import dev.confidant.rag.IngestionListener;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.RagOptions;
import dev.confidant.rag.SearchHit;
import dev.confidant.rag.SearchMode;
import dev.confidant.rag.SearchQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Query latency of the knowledge base (BM25, dense, hybrid) over {@code chunks} one-chunk documents of seeded
 * synthetic text (Zipf-distributed words), and ingestion in documents per second.
 *
 * <p>Dense retrieval here uses {@link HashEmbedder}, a deterministic 384-dimension feature-hashing embedder, so
 * that building a 100k-chunk index takes minutes, not hours of MiniLM on a CPU: the dense and hybrid figures are
 * the index's cost (query vector to hits). What MiniLM adds per query is measured on its own in
 * {@link #embedQueryMiniLm}; a real dense query costs about the sum.
 *
 * <p>The query indexes are built once per size under {@code java.io.tmpdir/confidant-bench-rag/} and reused by
 * later forks and runs (delete the directory after changing the generator).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RetrievalBenchmark {
  static final String SPACE = "bench";
  static final String COLLECTION = "synthetic";
  /** Words per document: one 200-word chunk each with the default chunking. */
  static final int DOC_WORDS = 150;
  /**
   * Bump when the generated corpus or the index layout changes: the cached indexes are per version. v2: the
   * space index merges to 4 segments per tier.
   */
  static final String CORPUS_VERSION = "v2";

  /** A built index of {@code chunks} documents and seeded queries. */
  @State(Scope.Benchmark)
  public static class Index {
    @Param({"10000", "100000"})
    public int chunks;

    KnowledgeBase kb;
    String[] queries;
    int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      Path dir = Path.of(System.getProperty("java.io.tmpdir"), "confidant-bench-rag", CORPUS_VERSION + "-" + chunks);
      Path marker = dir.resolve("complete");
      if (!Files.exists(marker)) {
        deleteTree(dir);
        Files.createDirectories(dir);
        try (KnowledgeBase build = KnowledgeBase.open(dir, new HashEmbedder(),
            RagOptions.defaults().withCommitBatchDocuments(1000))) {
          build.createCollection(SPACE, COLLECTION, "Synthetic");
          Corpus corpus = new Corpus(new Random(42));
          for (int start = 0; start < chunks; start += 5000) {
            List<DocumentStatus> statuses = build.ingest(SPACE, COLLECTION,
                corpus.documents(start, Math.min(chunks, start + 5000)), IngestionListener.NONE)
                .await(Duration.ofHours(1));
            checkIndexed(statuses);
          }
        }
        Files.writeString(marker, "built\n");
      }
      kb = KnowledgeBase.open(dir, new HashEmbedder(), RagOptions.defaults());
      queries = new Corpus(new Random(4242)).queries(256);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      kb.close();
    }

    String nextQuery() {
      String q = queries[next];
      next = (next + 1) % queries.length;
      return q;
    }
  }

  /** The MiniLM embedder, loaded once. */
  @State(Scope.Benchmark)
  public static class MiniLm {
    Embedder embedder;
    String[] queries;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
      embedder = Embedders.allMiniLmL6V2();
      queries = new Corpus(new Random(4242)).queries(256);
      embedder.embed(List.of(queries[0]));
    }
  }

  /** A fresh, empty knowledge base per iteration, and the documents one ingestion call adds. */
  @State(Scope.Benchmark)
  public static class Ingest {
    /** Documents per ingestion call (per op). */
    @Param({"1000"})
    public int documents;

    Path dir;
    KnowledgeBase kb;
    List<DocumentInput> batch;
    int iteration;

    @Setup(Level.Trial)
    public void setUpTrial() {
      batch = new Corpus(new Random(42)).documents(0, documents);
    }

    @Setup(Level.Iteration)
    public void setUp() throws IOException {
      dir = Files.createTempDirectory("confidant-bench-ingest");
      kb = KnowledgeBase.open(dir, new HashEmbedder(), RagOptions.defaults());
      kb.createCollection(SPACE, COLLECTION + iteration++, "Synthetic");
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws IOException {
      kb.close();
      deleteTree(dir);
    }
  }

  @Benchmark
  public List<SearchHit> bm25(Index index) {
    return index.kb.search(SearchQuery.of(SPACE, index.nextQuery()).withMode(SearchMode.BM25).withK(10));
  }

  @Benchmark
  public List<SearchHit> dense(Index index) {
    return index.kb.search(SearchQuery.of(SPACE, index.nextQuery()).withMode(SearchMode.DENSE).withK(10));
  }

  @Benchmark
  public List<SearchHit> hybrid(Index index) {
    return index.kb.search(SearchQuery.of(SPACE, index.nextQuery()).withMode(SearchMode.HYBRID).withK(10));
  }

  /** What a dense query adds with the real embedder: one query through all-MiniLM-L6-v2. */
  @Benchmark
  public List<float[]> embedQueryMiniLm(MiniLm miniLm) {
    String q = miniLm.queries[miniLm.next];
    miniLm.next = (miniLm.next + 1) % miniLm.queries.length;
    return miniLm.embedder.embed(List.of(q));
  }

  /** One ingestion call of {@code documents} documents, awaited: documents/s is {@code documents / (s/op)}. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 2)
  @Measurement(iterations = 5)
  public List<DocumentStatus> ingest(Ingest ingest) {
    List<DocumentStatus> statuses = ingest.kb.ingest(SPACE, COLLECTION + (ingest.iteration - 1), ingest.batch,
        IngestionListener.NONE).await(Duration.ofMinutes(10));
    checkIndexed(statuses);
    return statuses;
  }

  static void checkIndexed(List<DocumentStatus> statuses) {
    for (DocumentStatus s : statuses) {
      if (s.state() != DocumentStatus.State.INDEXED) {
        throw new IllegalStateException("not indexed: " + s);
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  /** Seeded synthetic English-like text: 20k pseudo-words drawn with a Zipf(1) distribution. */
  static final class Corpus {
    private static final String[] SYLLABLES = ("ba be bi bo bu da de di do ka ke ki ko la le li lo lu ma me mi mo "
        + "na ne ni no ra re ri ro sa se si so ta te ti to va ve vi").split(" ");
    private final Random random;
    private final String[] vocabulary = new String[20_000];
    private final double[] cumulative = new double[vocabulary.length];

    Corpus(Random random) {
      this.random = random;
      Random words = new Random(42);
      double sum = 0;
      for (int i = 0; i < vocabulary.length; i++) {
        StringBuilder b = new StringBuilder();
        int n = 1 + Math.min(3, i / 500) + words.nextInt(2);
        for (int s = 0; s < n; s++) {
          b.append(SYLLABLES[words.nextInt(SYLLABLES.length)]);
        }
        vocabulary[i] = b.toString();
        sum += 1.0 / (i + 1);
        cumulative[i] = sum;
      }
      for (int i = 0; i < cumulative.length; i++) {
        cumulative[i] /= sum;
      }
    }

    String word() {
      int i = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
      return vocabulary[Math.min(vocabulary.length - 1, i < 0 ? -i - 1 : i)];
    }

    List<DocumentInput> documents(int from, int to) {
      List<DocumentInput> docs = new ArrayList<>(to - from);
      for (int d = from; d < to; d++) {
        StringBuilder b = new StringBuilder(DOC_WORDS * 8);
        for (int w = 0; w < DOC_WORDS; w++) {
          b.append(word()).append(w % 15 == 14 ? ". " : " ");
        }
        docs.add(DocumentInput.ofText("doc-" + d, "Document " + d, b.toString()));
      }
      return docs;
    }

    /** Queries of 2 to 5 words, skipping the 50 most frequent (stop-word-like) ones. */
    String[] queries(int n) {
      String[] queries = new String[n];
      for (int q = 0; q < n; q++) {
        int words = 2 + random.nextInt(4);
        StringBuilder b = new StringBuilder();
        while (words > 0) {
          String w = word();
          int rank = java.util.Arrays.asList(vocabulary).indexOf(w);
          if (rank >= 50) {
            b.append(b.isEmpty() ? "" : " ").append(w);
            words--;
          }
        }
        queries[q] = b.toString();
      }
      return queries;
    }
  }

  /**
   * Feature hashing: each lower-cased word adds ±1 to two of 384 dimensions; unit length. Deterministic and cheap,
   * so index and query costs are the knowledge base's, not a model's.
   */
  static final class HashEmbedder implements Embedder {
    static final int DIMENSION = 384;

    @Override
    public String name() {
      return "bench-hash-384";
    }

    @Override
    public int dimension() {
      return DIMENSION;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      List<float[]> out = new ArrayList<>(texts.size());
      for (String text : texts) {
        float[] v = new float[DIMENSION];
        for (String word : text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
          if (word.isEmpty()) {
            continue;
          }
          int h = word.hashCode() * 0x9E3779B9;
          v[Math.floorMod(h, DIMENSION)] += (h & 1) == 0 ? 1 : -1;
          v[Math.floorMod(h >>> 11, DIMENSION)] += (h & 2) == 0 ? 1 : -1;
        }
        double norm = 0;
        for (float x : v) {
          norm += x * x;
        }
        if (norm == 0) {
          v[0] = 1;
        } else {
          float inv = (float) (1 / Math.sqrt(norm));
          for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
          }
        }
        out.add(v);
      }
      return out;
    }
  }
}
