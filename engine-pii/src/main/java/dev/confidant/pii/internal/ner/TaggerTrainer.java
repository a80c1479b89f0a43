package dev.confidant.pii.internal.ner;

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
 * java -cp <engine-pii classpath> dev.confidant.pii.internal.ner.TaggerTrainer ../shared/data/pii \
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
  static List<Conll.Sentence> trainingData(Path data, boolean withoutDev) throws IOException {
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

  record Trained(Tagger tagger, long[] keys) {}

  static Trained train(List<Conll.Sentence> sentences, int epochs, int cutoff) {
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
      folds.add(Gazetteer.of(others));
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
    return new Trained(new Tagger(keys, avgW, avgT, scale, Gazetteer.of(sentences)), keys);
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

  /** BIO tags to label indices; an {@code I-X} that does not continue an X becomes {@code B-X}. */
  static int[] labels(List<String> tags) {
    int[] out = new int[tags.size()];
    for (int i = 0; i < out.length; i++) {
      String tag = tags.get(i);
      if (tag.equals("O")) {
        continue;
      }
      int type = List.of(Tagger.TYPES).indexOf(tag.substring(2));
      boolean inside = tag.startsWith("I-") && i > 0 && out[i - 1] != 0 && (out[i - 1] - 1) / 2 == type;
      out[i] = 1 + 2 * type + (inside ? 1 : 0);
    }
    return out;
  }
}
