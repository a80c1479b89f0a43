package dev.confidant.tools.pii.train;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.confidant.pii.internal.ner.NameModels;
import dev.confidant.pii.internal.ner.Tagger;
import dev.confidant.tools.pii.data.Conll;
import dev.confidant.tools.pii.data.NerSets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Measures whether a contextual encoder beats the perceptron: per-token states of the int8 all-MiniLM-L6-v2 (from
 * the langchain4j jar, run with onnxruntime) plus the shipped tagger's emissions and case bits, fed to a softmax
 * head trained here and decoded by BIO Viterbi, against the tagger alone and against a head over the tagger's
 * emissions and case bits only (so that the encoder's own share shows). Prints token-level name-vs-plain
 * precision, recall and F2, person-token recall and plain tokens tagged, per dev corpus, and the encoder's cost
 * per sentence on this machine:
 * {@snippet lang=shell :
 * java -cp <tools classpath> dev.confidant.tools.pii.train.EncoderHeadExperiment /path/to/ner-data 1500 400
 * }
 * (training sentences per corpus, dev sentences per corpus). An experiment, not a shipped model.
 */
public final class EncoderHeadExperiment {
  private EncoderHeadExperiment() {}

  private static final int L = Tagger.L;
  private static final int DIM = 384;
  private static final int CASE = 4;

  /**
   * Entry point.
   *
   * @param args NER data folder, training sentences per corpus, dev sentences per corpus
   * @throws Exception if the data or the encoder cannot be read
   */
  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    int trainPer = Integer.parseInt(args[1]);
    int devPer = Integer.parseInt(args[2]);
    Tagger tagger = NameModels.load().tagger();
    try (Encoder encoder = new Encoder()) {
      // The head learns from dev sentences: the tagger was trained on the training split, so its emissions there
      // are too sure to teach a second stage anything (stacking). Each dev corpus is shuffled once; its first
      // devPer sentences score, the next trainPer train the head.
      List<Item> train = new ArrayList<>();
      long t0 = System.nanoTime();
      int encoded = 0;
      List<String> names = new ArrayList<>();
      List<List<Item>> devs = new ArrayList<>();
      for (NerSets.Part p : NerSets.load(data, NerSets.Split.DEV)) {
        List<Conll.Sentence> shuffled = sample(p.sentences(), devPer + trainPer, 2);
        List<Item> dev = new ArrayList<>();
        for (int i = 0; i < shuffled.size(); i++) {
          Item it = item(shuffled.get(i), tagger, encoder);
          encoded++;
          (i < devPer ? dev : train).add(it);
        }
        names.add(p.label());
        devs.add(dev);
      }
      System.out.printf("encoder (int8 MiniLM, batch 1, one thread, includes the tagger): %.2f ms per sentence, "
          + "%d head training sentences%n", (System.nanoTime() - t0) / 1e6 / encoded, train.size());
      Head withEncoder = Head.train(train, true);
      Head withoutEncoder = Head.train(train, false);
      System.out.println("| dev corpus | variant | name P | name R | name F2 | PER token R | plain tagged |");
      System.out.println("|---|---|---:|---:|---:|---:|---:|");
      for (int d = 0; d < devs.size(); d++) {
        score(names.get(d), "tagger (shipped decoding)", devs.get(d), it -> it.taggerPath);
        for (float bias : new float[] {0, 1, 2}) {
          score(names.get(d), "head: tagger emissions + case, name bias " + bias, devs.get(d),
              it -> withoutEncoder.decode(it, bias));
          score(names.get(d), "head: + MiniLM states, name bias " + bias, devs.get(d),
              it -> withEncoder.decode(it, bias));
        }
      }
    }
  }

  private static List<Conll.Sentence> sample(List<Conll.Sentence> all, int n, long seed) {
    List<Conll.Sentence> copy = new ArrayList<>(all);
    java.util.Collections.shuffle(copy, new Random(seed));
    return copy.subList(0, Math.min(n, copy.size()));
  }

  /** A sentence with its gold labels, the tagger's path and emissions, and the encoder's word states. */
  private record Item(String[] tokens, int[] gold, int[] taggerPath, float[] emissions, float[][] states) {}

  private static Item item(Conll.Sentence s, Tagger tagger, Encoder encoder) throws OrtException {
    String[] tokens = s.tokens().toArray(String[]::new);
    int[] gold = TaggerTrainer.labels(s.tags());
    float[] e = tagger.emissions(tokens);
    for (int i = 0; i < e.length; i++) {
      e[i] /= tagger.scale();
    }
    return new Item(tokens, gold, tagger.path(tokens), e, encoder.states(tokens));
  }

  private static float[] features(Item it, int i, boolean encoder) {
    float[] x = new float[(encoder ? DIM : 0) + L + CASE + 1];
    int k = 0;
    if (encoder) {
      System.arraycopy(it.states[i], 0, x, 0, DIM);
      k = DIM;
    }
    for (int y = 0; y < L; y++) {
      x[k++] = it.emissions[i * L + y];
    }
    String t = it.tokens[i];
    boolean upper = Character.isUpperCase(t.charAt(0));
    x[k++] = upper ? 1 : 0;
    x[k++] = t.equals(t.toUpperCase(Locale.ROOT)) && t.chars().anyMatch(Character::isLetter) ? 1 : 0;
    x[k++] = i == 0 ? 1 : 0;
    x[k++] = t.chars().anyMatch(Character::isDigit) ? 1 : 0;
    x[k] = 1; // bias
    return x;
  }

  /** A softmax layer over the token features, trained by SGD with L2; decoded by BIO Viterbi on log-probs. */
  private static final class Head {
    private final float[] w;
    private final int dim;
    private final boolean encoder;

    private Head(float[] w, int dim, boolean encoder) {
      this.w = w;
      this.dim = dim;
      this.encoder = encoder;
    }

    static Head train(List<Item> items, boolean encoder) {
      int dim = features(items.get(0), 0, encoder).length;
      float[] w = new float[dim * L];
      Random random = new Random(5);
      List<int[]> order = new ArrayList<>();
      for (int s = 0; s < items.size(); s++) {
        for (int i = 0; i < items.get(s).tokens.length; i++) {
          order.add(new int[] {s, i});
        }
      }
      for (int epoch = 0; epoch < 6; epoch++) {
        java.util.Collections.shuffle(order, random);
        float rate = 0.05f / (1 + epoch);
        for (int[] si : order) {
          Item it = items.get(si[0]);
          float[] x = features(it, si[1], encoder);
          double[] p = probs(w, x, dim);
          int g = it.gold[si[1]];
          for (int y = 0; y < L; y++) {
            float grad = (float) ((y == g ? 1 : 0) - p[y]);
            for (int d = 0; d < dim; d++) {
              w[y * dim + d] += rate * (grad * x[d] - 1e-5f * w[y * dim + d]);
            }
          }
        }
      }
      return new Head(w, dim, encoder);
    }

    static double[] probs(float[] w, float[] x, int dim) {
      double[] z = new double[L];
      double max = Double.NEGATIVE_INFINITY;
      for (int y = 0; y < L; y++) {
        double s = 0;
        for (int d = 0; d < dim; d++) {
          s += w[y * dim + d] * x[d];
        }
        z[y] = s;
        max = Math.max(max, s);
      }
      double sum = 0;
      for (int y = 0; y < L; y++) {
        z[y] = Math.exp(z[y] - max);
        sum += z[y];
      }
      for (int y = 0; y < L; y++) {
        z[y] /= sum;
      }
      return z;
    }

    /** The best path with {@code bias} added to every name label's log-probability (recall-oriented). */
    int[] decode(Item it, float bias) {
      int n = it.tokens.length;
      float[] e = new float[n * L];
      for (int i = 0; i < n; i++) {
        double[] p = probs(w, features(it, i, encoder), dim);
        for (int y = 0; y < L; y++) {
          e[i * L + y] = (float) Math.log(Math.max(1e-9, p[y])) + (y == 0 ? 0 : bias);
        }
      }
      return Tagger.viterbi(e, n, new float[(L + 1) * L], it.tokens, null);
    }
  }

  private static void score(String corpus, String variant, List<Item> items,
      java.util.function.Function<Item, int[]> decoder) {
    TokenCounts counts = new TokenCounts();
    for (Item it : items) {
      int[] path = decoder.apply(it);
      boolean[] tagged = new boolean[path.length];
      for (int i = 0; i < path.length; i++) {
        tagged[i] = path[i] != 0;
      }
      counts.add(it.gold, tagged);
    }
    System.out.printf("| %s | %s | %.3f | %.3f | %.3f | %.3f | %.2f%% |%n", corpus, variant, counts.precision(),
        counts.recall(), counts.f2(), counts.personRecall(), counts.plainTagged());
  }

  /** all-MiniLM-L6-v2 (int8) states per word: the state of the word's first word piece. Not thread-safe. */
  private static final class Encoder implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final WordPieces pieces;

    Encoder() throws IOException, OrtException {
      ClassLoader loader = EncoderHeadExperiment.class.getClassLoader();
      try (InputStream model = loader.getResourceAsStream("all-minilm-l6-v2-q.onnx");
           InputStream vocab = loader.getResourceAsStream("all-minilm-l6-v2-q-tokenizer.json")) {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        session = env.createSession(model.readAllBytes(), options);
        pieces = WordPieces.read(vocab);
      }
    }

    float[][] states(String[] words) throws OrtException {
      List<Integer> ids = new ArrayList<>();
      int[] first = new int[words.length];
      ids.add(pieces.cls());
      for (int w = 0; w < words.length; w++) {
        first[w] = ids.size() < 127 ? ids.size() : -1;
        for (int id : pieces.of(words[w])) {
          if (ids.size() < 127) {
            ids.add(id);
          }
        }
      }
      ids.add(pieces.sep());
      long[][] input = {ids.stream().mapToLong(Integer::longValue).toArray()};
      long[][] mask = {new long[input[0].length]};
      java.util.Arrays.fill(mask[0], 1);
      long[][] types = {new long[input[0].length]};
      try (OnnxTensor a = OnnxTensor.createTensor(env, input); OnnxTensor b = OnnxTensor.createTensor(env, mask);
           OnnxTensor c = OnnxTensor.createTensor(env, types);
           OrtSession.Result r = session.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
        float[][][] out = (float[][][]) r.get(0).getValue();
        float[][] states = new float[words.length][];
        for (int w = 0; w < words.length; w++) {
          states[w] = first[w] < 0 ? new float[DIM] : out[0][first[w]];
        }
        return states;
      }
    }

    @Override
    public void close() throws OrtException {
      session.close();
    }
  }
}
