package dev.confidant.tools.pii.train;

import dev.confidant.pii.internal.ner.Features;
import dev.confidant.pii.internal.ner.Gazetteer;
import dev.confidant.pii.internal.ner.Tagger;
import dev.confidant.tools.pii.data.Conll;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains the shipped {@link Tagger}. Recipe (see the module README):
 * {@snippet lang=shell :
 * java -cp <tools classpath> dev.confidant.tools.pii.train.TaggerTrainer ../shared/data/pii \
 *     engine-pii/src/main/resources/dev/confidant/pii/internal/ner/names-en-de.tagger
 * }
 * Data as for the former OpenNLP model: WikiANN en and de (four fifths of each; every fifth sentence is held out
 * for evaluation), WNUT-17 dev, and chat-like sentences from {@link TemplateSentences}. Averaged structured
 * perceptron, {@value #EPOCHS} epochs over a seeded shuffle; features seen fewer than {@value #CUTOFF} times in
 * the training data are dropped. Deterministic.
 */
public final class TaggerTrainer {
  private TaggerTrainer() {}

  static final int EPOCHS = 12;
  static final int CUTOFF = 2;
  /** The gazetteer feature is jack-knifed over this many folds. */
  static final int FOLDS = 5;
  private static final int L = Tagger.L;

  /**
   * Entry point.
   *
   * @param args data folder ({@code shared/data/pii}), output model file, optionally {@code --without-dev},
   *     {@code --epochs N}, {@code --cutoff N}
   * @throws IOException if the data cannot be read or the model written
   */
  public static void main(String[] args) throws IOException {
    boolean withoutDev = false;
    int epochs = EPOCHS;
    int cutoff = CUTOFF;
    for (int i = 2; i < args.length; i++) {
      switch (args[i]) {
        case "--without-dev" -> withoutDev = true;
        case "--epochs" -> epochs = Integer.parseInt(args[++i]);
        case "--cutoff" -> cutoff = Integer.parseInt(args[++i]);
        default -> args = new String[0];
      }
    }
    if (args.length < 2) {
      System.err.println("usage: TaggerTrainer <data/pii folder> <output model> [--without-dev] [--epochs N] "
          + "[--cutoff N]");
      System.exit(2);
    }
    long t0 = System.nanoTime();
    List<Conll.Sentence> train = trainingData(Path.of(args[0]), withoutDev);
    Trained trained = train(train, epochs, cutoff);
    Path out = Path.of(args[1]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream os = Files.newOutputStream(out)) {
      trained.tagger().write(os, trained.keys());
    }
    System.out.printf("trained on %d sentences, %d features, scale %.1f, in %d s -> %s (%d bytes)%n",
        train.size(), trained.keys().length, trained.tagger().scale(), (System.nanoTime() - t0) / 1_000_000_000L, out, Files.size(out));
  }

  /** WikiANN en/de without the held-out fifth (and the dev fifth if asked), WNUT-17 dev, template sentences. */
  public static List<Conll.Sentence> trainingData(Path data, boolean withoutDev) throws IOException {
    List<Conll.Sentence> train = new ArrayList<>();
    for (String lang : List.of("en", "de")) {
      List<Conll.Sentence> all = Conll.read(data.resolve("wikiann").resolve(lang).resolve("test"));
      for (int i = 0; i < all.size(); i++) {
        if (!Conll.heldOut(i) && !(withoutDev && Conll.dev(i))) {
          train.add(all.get(i));
        }
      }
    }
    train.addAll(Conll.read(data.resolve("wnut17/emerging.dev.conll")));
    train.addAll(TemplateSentences.generate(train, new Random(42), 6000));
    return train;
  }

  /**
   * A trained model.
   *
   * @param tagger the model
   * @param keys its feature keys, for {@link Tagger#write}
   */
  public record Trained(Tagger tagger, long[] keys) {}

  /** Trains a model on labelled sentences; deterministic. */
  public static Trained train(List<Conll.Sentence> sentences, int epochs, int cutoff) {
    // Feature index: keys seen at least `cutoff` times.
    List<String[]> tokens = new ArrayList<>();
    List<long[]> features = new ArrayList<>();
    List<int[]> gold = new ArrayList<>();
    Map<Long, Integer> counts = new HashMap<>();
    List<Gazetteer> folds = new ArrayList<>();
    for (int k = 0; k < FOLDS; k++) {
      List<Conll.Sentence> others = new ArrayList<>();
      for (int i = 0; i < sentences.size(); i++) {
        if (i % FOLDS != k) {
          others.add(sentences.get(i));
        }
      }
      folds.add(gazetteer(others));
    }
    for (int si = 0; si < sentences.size(); si++) {
      Conll.Sentence s = sentences.get(si);
      String[] t = s.tokens().toArray(String[]::new);
      long[] f = Features.of(t, folds.get(si % FOLDS));
      tokens.add(t);
      features.add(f);
      gold.add(labels(s.tags()));
      for (long k : f) {
        counts.merge(k, 1, Integer::sum);
      }
    }
    List<Long> kept = new ArrayList<>();
    for (Map.Entry<Long, Integer> e : counts.entrySet()) {
      if (e.getValue() >= cutoff) {
        kept.add(e.getKey());
      }
    }
    Collections.sort(kept); // deterministic row order
    Map<Long, Integer> row = new HashMap<>(kept.size() * 2);
    for (int r = 0; r < kept.size(); r++) {
      row.put(kept.get(r), r);
    }
    List<int[]> rows = new ArrayList<>();
    for (long[] f : features) {
      int[] r = new int[f.length];
      for (int i = 0; i < f.length; i++) {
        r[i] = row.getOrDefault(f[i], -1);
      }
      rows.add(r);
    }
    float[] w = new float[kept.size() * L];
    double[] u = new double[w.length];
    float[] tr = new float[(L + 1) * L];
    double[] ut = new double[tr.length];
    long c = 1;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      order.add(i);
    }
    Random random = new Random(7);
    for (int epoch = 0; epoch < epochs; epoch++) {
      Collections.shuffle(order, random);
      int errors = 0;
      for (int s : order) {
        String[] t = tokens.get(s);
        int n = t.length;
        int[] r = rows.get(s);
        int[] g = gold.get(s);
        float[] e = emissions(r, n, w);
        int[] p = Tagger.viterbi(e, n, tr, t, null);
        for (int i = 0; i < n; i++) {
          int gp = i == 0 ? L : g[i - 1];
          int pp = i == 0 ? L : p[i - 1];
          if (g[i] != p[i]) {
            errors++;
            for (int f = i * Features.PER_TOKEN, end = f + Features.PER_TOKEN; f < end; f++) {
              if (r[f] >= 0) {
                update(w, u, r[f] * L + g[i], 1, c);
                update(w, u, r[f] * L + p[i], -1, c);
              }
            }
          }
          if (g[i] != p[i] || gp != pp) {
            update(tr, ut, gp * L + g[i], 1, c);
            update(tr, ut, pp * L + p[i], -1, c);
          }
        }
        c++;
      }
      System.out.printf("epoch %d: %d token errors%n", epoch + 1, errors);
    }
    float[] avgW = average(w, u, c);
    float[] avgT = average(tr, ut, c);
    // Scale: mean margin of a name token over "outside" in the training data.
    double sum = 0;
    long count = 0;
    for (int s = 0; s < sentences.size(); s++) {
      float[] e = emissions(rows.get(s), tokens.get(s).length, avgW);
      int[] g = gold.get(s);
      for (int i = 0; i < g.length; i++) {
        if (g[i] != 0) {
          sum += Math.abs(e[i * L + g[i]] - e[i * L]);
          count++;
        }
      }
    }
    float scale = (float) Math.max(1e-6, sum / Math.max(1, count));
    long[] keys = new long[kept.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = kept.get(i);
    }
    return new Trained(new Tagger(keys, avgW, avgT, scale, gazetteer(sentences)), keys);
  }

  private static void update(float[] w, double[] u, int i, int delta, long c) {
    w[i] += delta;
    u[i] += (double) c * delta;
  }

  private static float[] average(float[] w, double[] u, long c) {
    float[] out = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = (float) (w[i] - u[i] / c);
    }
    return out;
  }

  private static float[] emissions(int[] rows, int n, float[] w) {
    float[] e = new float[n * L];
    for (int i = 0; i < n; i++) {
      for (int f = i * Features.PER_TOKEN, end = f + Features.PER_TOKEN; f < end; f++) {
        int r = rows[f];
        if (r >= 0) {
          for (int y = 0; y < L; y++) {
            e[i * L + y] += w[r * L + y];
          }
        }
      }
    }
    return e;
  }

  /** The {@link Gazetteer} of labelled sentences: each folded word's mostly-held name type and how sure that is. */
  static Gazetteer gazetteer(List<Conll.Sentence> sentences) {
    Map<Long, int[]> counts = new HashMap<>();
    for (Conll.Sentence s : sentences) {
      for (int i = 0; i < s.tokens().size(); i++) {
        int[] c = counts.computeIfAbsent(Features.hash(Features.fold(s.tokens().get(i))), k -> new int[4]);
        String tag = s.tags().get(i);
        c[tag.equals("O") ? 0 : 1 + Tagger.TYPES.indexOf(tag.substring(2))]++;
      }
    }
    long[] keys = new long[counts.size()];
    byte[] codes = new byte[counts.size()];
    int n = 0;
    for (Map.Entry<Long, int[]> e : counts.entrySet()) {
      int[] c = e.getValue();
      int total = c[0] + c[1] + c[2] + c[3];
      int best = 1;
      for (int t = 2; t <= 3; t++) {
        if (c[t] > c[best]) {
          best = t;
        }
      }
      double share = (double) c[best] / total;
      if (share < 0.5) {
        continue;
      }
      int sure = total == 1 ? 0 : share < 0.8 ? 1 : share < 0.95 ? 2 : 3;
      keys[n] = e.getKey();
      codes[n] = (byte) (best * 4 + sure);
      n++;
    }
    long[] k = java.util.Arrays.copyOf(keys, n);
    byte[] v = java.util.Arrays.copyOf(codes, n);
    // Deterministic order for the model file.
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Long.compare(k[a], k[b]));
    long[] sk = new long[n];
    byte[] sv = new byte[n];
    for (int i = 0; i < n; i++) {
      sk[i] = k[order[i]];
      sv[i] = v[order[i]];
    }
    return new Gazetteer(sk, sv);
  }

  /** BIO tags to label indices; an {@code I-X} that does not continue an X becomes {@code B-X}. */
  static int[] labels(List<String> tags) {
    int[] out = new int[tags.size()];
    for (int i = 0; i < out.length; i++) {
      String tag = tags.get(i);
      if (tag.equals("O")) {
        continue;
      }
      int type = Tagger.TYPES.indexOf(tag.substring(2));
      boolean inside = tag.startsWith("I-") && i > 0 && out[i - 1] != 0 && (out[i - 1] - 1) / 2 == type;
      out[i] = 1 + 2 * type + (inside ? 1 : 0);
    }
    return out;
  }
}
