package dev.confidant.benchmarks;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.DocumentStatus;
import dev.confidant.rag.Embedder;
import dev.confidant.rag.Embedders;
import dev.confidant.rag.IngestionListener;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.internal.embed.MiniLmEmbedder;
import dev.confidant.server.cli.JsonLinesCorpus;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ingestion documents/s of a BEIR corpus (SciFact: 5,183 abstracts) with the real all-MiniLM-L6-v2, against raw
 * onnxruntime batch embedding of the same texts in the same run (the ceiling), and against the same ingestion with
 * the vectors already computed (everything but the model: parse, chunk, BM25 analysis, HNSW insert, commits). Not
 * JMH and not in CI: a whole-process measurement whose figures are only worth their ratios and the load printed
 * beside them ({@code /proc/loadavg}).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *   dev.confidant.benchmarks.IngestionThroughput ../shared/data/retrieval/scifact-dev [--docs N] [--runs R] \
 *   [--no-before] [--no-raw] [--bm25-only]
 * </pre>
 *
 * <p>Rows, each ingesting the corpus into a fresh on-disk knowledge base ({@link JsonLinesCorpus#passageOptions()},
 * what {@code bin/confidant ingest --passages} and the BEIR evaluation use: one passage per abstract, 256 documents
 * per commit):
 *
 * <ul>
 *   <li>{@code after}: {@link Embedders#allMiniLmL6V2()} (length-bucketed batches on both cores);
 *   <li>{@code before}: langchain4j's {@code AllMiniLmL6V2EmbeddingModel}, what engine-rag used until 2026-12-07
 *       (one text per ONNX call on langchain4j's executor);
 *   <li>{@code vectors precomputed}: the vectors of {@code after} from a map (the model costs nothing);
 *   <li>{@code BM25 only}: {@link Embedders#none()}, no vectors at all (no model, no HNSW graph);
 *   <li>{@code raw onnxruntime}: no index at all, the texts {@code after} embedded, tokenized once, sorted by length,
 *       32 per batch, one session with ONNX Runtime's own intra-op threads (one per core), batch after batch.
 * </ul>
 *
 * <p>It also prints how close {@code after}'s vectors are to {@code before}'s (the minimum and mean cosine), since
 * an index built before must stay searchable with the new embedder's queries.
 */
public final class IngestionThroughput {
  private static final String SPACE = "bench";
  private static final String COLLECTION = "corpus";

  private IngestionThroughput() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: IngestionThroughput DATASET_DIR [--docs N] [--runs R] [--no-before] [--no-raw]"
          + " [--bm25-only]");
      System.exit(2);
    }
    Path dataset = Path.of(args[0]);
    int docs = Integer.MAX_VALUE;
    int runs = 1;
    boolean before = true;
    boolean rawRow = true;
    boolean bm25Only = false;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--docs" -> docs = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--no-before" -> before = false;
        case "--no-raw" -> rawRow = false;
        case "--bm25-only" -> bm25Only = true;
        default -> {
          System.err.println("unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    List<DocumentInput> corpus = JsonLinesCorpus.read(dataset.resolve("corpus.jsonl"));
    corpus = corpus.subList(0, Math.min(docs, corpus.size()));
    System.out.printf(Locale.ROOT, "%s: %d documents, %d cores, load %s%n", dataset.getFileName(), corpus.size(),
        Runtime.getRuntime().availableProcessors(), load());

    if (bm25Only) { // no model: the BM25-only row alone, once to warm up and `runs` times measured
      time("warm-up BM25 only", corpus, Embedders.none());
      for (int run = 1; run <= runs; run++) {
        time("BM25 only (Embedders.none())", corpus, Embedders.none());
      }
      return;
    }
    Recording after = new Recording(Embedders.allMiniLmL6V2());
    Recording old = new Recording(new LangChain4jMiniLm());
    RawOnnx raw = new RawOnnx();
    // Warm-up: load every model and let the JIT see each path once (untimed).
    List<DocumentInput> warm = corpus.subList(0, Math.min(64, corpus.size()));
    time("warm-up after", warm, after);
    if (before) {
      time("warm-up before", warm, old);
    }
    raw.embed(after.texts());
    after.texts.clear();
    old.texts.clear();

    for (int run = 1; run <= runs; run++) {
      System.out.printf(Locale.ROOT, "-- run %d, load %s%n", run, load());
      double a = time("after (batched MiniLM)", corpus, after);
      List<String> texts = after.texts();
      Map<String, float[]> vectors = after.vectors;
      double b = before ? time("before (langchain4j MiniLM)", corpus, old) : Double.NaN;
      double p = time("vectors precomputed", corpus, new Precomputed(vectors));
      double n = time("BM25 only (Embedders.none())", corpus, Embedders.none());
      double r = Double.NaN;
      if (rawRow) {
        long cpu = cpuNanos();
        ThreadDemand demand = ThreadDemand.snapshot();
        long start = System.nanoTime();
        raw.embed(texts);
        r = (System.nanoTime() - start) / 1e9;
        row("raw onnxruntime (no index)", corpus.size(), r, (cpuNanos() - cpu) / 1e9);
        System.out.println("    " + ThreadDemand.snapshot().since(demand));
      }
      System.out.printf(Locale.ROOT, "after / raw %.2f, after / before %.2f, precomputed / after %.2f,"
          + " BM25 only / after %.2f; %d texts, load %s%n", r / a, b / a, a / p, a / n, texts.size(), load());
      if (before) {
        agreement(texts, vectors, old.vectors);
      }
      after.texts.clear();
      old.texts.clear();
    }
  }

  private static void agreement(List<String> texts, Map<String, float[]> after, Map<String, float[]> before) {
    double min = 1;
    double sum = 0;
    int n = 0;
    for (String t : texts) {
      float[] x = after.get(t);
      float[] y = before.get(t);
      if (x == null || y == null) {
        continue;
      }
      double dot = 0;
      for (int i = 0; i < x.length; i++) {
        dot += x[i] * y[i];
      }
      min = Math.min(min, dot);
      sum += dot;
      n++;
    }
    System.out.printf(Locale.ROOT, "cosine(after, before) over %d texts: min %.6f, mean %.6f%n", n, min, sum / n);
  }

  /** Ingests {@code corpus} into a fresh knowledge base, prints documents/s and returns the seconds. */
  private static double time(String label, List<DocumentInput> corpus, Embedder embedder) throws IOException {
    Path dir = Files.createTempDirectory("confidant-ingest-bench");
    try (KnowledgeBase kb = KnowledgeBase.open(dir, embedder, JsonLinesCorpus.passageOptions())) {
      kb.ensureCollection(SPACE, COLLECTION);
      long cpu = cpuNanos();
      ThreadDemand demand = ThreadDemand.snapshot();
      long start = System.nanoTime();
      List<DocumentStatus> statuses = kb.ingest(SPACE, COLLECTION, corpus, IngestionListener.NONE)
          .await(Duration.ofHours(2));
      double seconds = (System.nanoTime() - start) / 1e9;
      ThreadDemand end = ThreadDemand.snapshot();
      RetrievalBenchmark.checkIndexed(statuses);
      row(label, corpus.size(), seconds, (cpuNanos() - cpu) / 1e9);
      System.out.println("    " + end.since(demand));
      return seconds;
    } finally {
      RetrievalBenchmark.deleteTree(dir);
    }
  }

  /**
   * Wall-clock documents/s, and the process's CPU time per document with the cores it kept busy on average: on a
   * machine shared with other work the wall clock mostly measures waiting for a core, the CPU time less so.
   */
  private static void row(String label, int docs, double seconds, double cpuSeconds) {
    System.out.printf(Locale.ROOT, "%-30s %8.1f documents/s  (%d in %.1f s)  CPU %.2f ms/document, %.2f cores%n",
        label, docs / seconds, docs, seconds, 1000 * cpuSeconds / docs, cpuSeconds / seconds);
  }

  /** CPU time of every thread of this process (GC and JIT included). */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Remembers the texts it embedded (in order) and their vectors. */
  private static final class Recording implements Embedder {
    final Embedder delegate;
    final List<String> texts = Collections.synchronizedList(new ArrayList<>());
    final Map<String, float[]> vectors = new ConcurrentHashMap<>();

    Recording(Embedder delegate) {
      this.delegate = delegate;
    }

    List<String> texts() {
      synchronized (texts) {
        return List.copyOf(texts);
      }
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public int dimension() {
      return delegate.dimension();
    }

    @Override
    public List<float[]> embed(List<String> batch) {
      List<float[]> out = delegate.embed(batch);
      texts.addAll(batch);
      for (int i = 0; i < batch.size(); i++) {
        vectors.put(batch.get(i), out.get(i));
      }
      return out;
    }
  }

  /** An embedder whose vectors are MiniLM's, whatever computes them. */
  private interface MiniLmVectors extends Embedder {
    @Override
    default String name() {
      return "all-minilm-l6-v2";
    }

    @Override
    default int dimension() {
      return 384;
    }
  }

  /** Vectors looked up, not computed. */
  private record Precomputed(Map<String, float[]> vectors) implements MiniLmVectors {
    @Override
    public List<float[]> embed(List<String> texts) {
      return texts.stream().map(t -> {
        float[] v = vectors.get(t);
        if (v == null) {
          throw new IllegalStateException("no precomputed vector for a text");
        }
        return v;
      }).toList();
    }
  }

  /** engine-rag's embedder until 2026-12-07: langchain4j's model, one text per ONNX call. */
  private static final class LangChain4jMiniLm implements MiniLmVectors {
    private final AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();

    @Override
    public List<float[]> embed(List<String> texts) {
      List<TextSegment> segments = texts.stream().map(t -> TextSegment.from(t.isBlank() ? "-" : t)).toList();
      return model.embedAll(segments).content().stream().map(e -> MiniLmEmbedder.normalize(e.vector())).toList();
    }
  }

  /** The ceiling: onnxruntime alone, sorted batches of 32, ONNX Runtime's intra-op threads on every core. */
  private static final class RawOnnx {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;

    RawOnnx() throws IOException, OrtException {
      try (InputStream onnx = AllMiniLmL6V2EmbeddingModel.class.getResourceAsStream("/all-minilm-l6-v2.onnx");
           InputStream tok = AllMiniLmL6V2EmbeddingModel.class.getResourceAsStream(
               "/all-minilm-l6-v2-tokenizer.json")) {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
        session = env.createSession(onnx.readAllBytes(), options);
        tokenizer = HuggingFaceTokenizer.newInstance(tok, Map.of("padding", "false"));
      }
    }

    /** Embeds every text (mean pooling over the mask); returns a checksum so that nothing is optimised away. */
    double embed(List<String> texts) throws OrtException {
      List<long[]> ids = new ArrayList<>();
      for (Encoding e : tokenizer.batchEncode(texts)) {
        ids.add(e.getIds());
      }
      ids.sort(Comparator.comparingInt(a -> a.length));
      double checksum = 0;
      for (int from = 0; from < ids.size(); from += 32) {
        List<long[]> batch = ids.subList(from, Math.min(ids.size(), from + 32));
        int len = batch.getLast().length;
        long[] input = new long[batch.size() * len];
        long[] mask = new long[batch.size() * len];
        for (int b = 0; b < batch.size(); b++) {
          long[] x = batch.get(b);
          System.arraycopy(x, 0, input, b * len, x.length);
          java.util.Arrays.fill(mask, b * len, b * len + x.length, 1L);
        }
        long[] shape = {batch.size(), len};
        try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(input), shape);
             OnnxTensor m = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[input.length]), shape);
             OrtSession.Result r = session.run(Map.of("input_ids", a, "attention_mask", m, "token_type_ids", t))) {
          FloatBuffer states = ((OnnxTensor) r.get(0)).getFloatBuffer();
          for (int b = 0; b < batch.size(); b++) {
            float[] mean = new float[384];
            for (int p = 0; p < batch.get(b).length; p++) {
              for (int k = 0; k < 384; k++) {
                mean[k] += states.get((b * len + p) * 384 + k);
              }
            }
            checksum += MiniLmEmbedder.normalize(mean)[0];
          }
        }
      }
      return checksum;
    }
  }
}
