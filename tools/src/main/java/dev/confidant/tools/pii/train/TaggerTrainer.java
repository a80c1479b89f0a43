package dev.confidant.tools.pii.train;

import dev.confidant.pii.internal.ner.Features;
import dev.confidant.pii.internal.ner.Gazetteer;
import dev.confidant.pii.internal.ner.Tagger;
import dev.confidant.pii.internal.ner.WordClusters;
import dev.confidant.tools.pii.data.Conll;
import dev.confidant.tools.pii.data.NerSets;
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
 * Trains the shipped {@link Tagger}. Recipe (see engine-pii's README):
 * {@snippet lang=shell :
 * java -cp <tools classpath> dev.confidant.tools.pii.train.TaggerTrainer /work/ner-data \
 *     engine-pii-models/src/main/resources/META-INF/confidant/pii/names.tagger
 * }
 * Data: {@link #trainingData} (never a dev or test split). Averaged structured
 * perceptron, {@value #EPOCHS} epochs over a seeded shuffle; features seen fewer than {@value #CUTOFF} times in
 * the training data are dropped. Deterministic.
 */
public final class TaggerTrainer {
  private TaggerTrainer() {}

  static final int EPOCHS = 12;
  static final int CUTOFF = 2;
  static final int TEMPLATES = 12000;
  static final double CASE_SHARE = 0.05;
  static final float PRUNE = 0.025f;
  /** A word plain in at least this share of at least {@link #PLAIN_COUNT} occurrences is marked plain. */
  static final double PLAIN_SHARE = 0.95;
  static final int PLAIN_COUNT = 5;
  /** The gazetteer feature is jack-knifed over this many folds. */
  static final int FOLDS = 5;
  /** How many times the gold-labelled corpora are taken (WikiANN's silver labels once). */
  static final int GOLD_REPEAT = 1;
  private static final int L = Tagger.L;

  /**
   * Entry point.
   *
   * @param args the NER data folder ({@link NerSets}), output model file, optionally {@code --epochs N},
   *     {@code --cutoff N}, {@code --templates N} (chat-like template sentences, default
   *     {@value #TEMPLATES}), {@code --case-share X} (share of real sentences added again in upper and in lower
   *     case, default {@value #CASE_SHARE}), {@code --prune X} (drop feature rows whose weights all stay below X
   *     times the mean name margin, default {@value #PRUNE}), {@code --gold-repeat N} (take the gold-labelled
   *     corpora N times against WikiANN's silver labels once, default {@value #GOLD_REPEAT}), {@code --no-lexicon}
   *     (no name lexicon in the gazetteer, {@link NameLexicon}), {@code --clusters FILE} (word clusters of
   *     {@link WordClusterer}: the cluster features, stored in the model)
   * @throws IOException if the data cannot be read or the model written
   */
  public static void main(String[] args) throws IOException {
    int epochs = EPOCHS;
    int cutoff = CUTOFF;
    int templates = TEMPLATES;
    double caseShare = CASE_SHARE;
    float prune = PRUNE;
    int goldRepeat = GOLD_REPEAT;
    boolean lexicon = true;
    WordClusters clusters = WordClusters.none();
    for (int i = 2; i < args.length; i++) {
      switch (args[i]) {
        case "--epochs" -> epochs = Integer.parseInt(args[++i]);
        case "--cutoff" -> cutoff = Integer.parseInt(args[++i]);
        case "--templates" -> templates = Integer.parseInt(args[++i]);
        case "--case-share" -> caseShare = Double.parseDouble(args[++i]);
        case "--prune" -> prune = Float.parseFloat(args[++i]);
        case "--gold-repeat" -> goldRepeat = Integer.parseInt(args[++i]);
        case "--no-lexicon" -> lexicon = false;
        case "--clusters" -> clusters = WordClusters.read(Files.readAllBytes(Path.of(args[++i])));
        case "--cluster-plain" -> {
          clusterPlain = true;
          clusterPlainShare = Double.parseDouble(args[++i]);
        }
        default -> args = new String[0];
      }
    }
    if (args.length < 2) {
      System.err.println("usage: TaggerTrainer <NER data folder> <output model> [--epochs N] [--cutoff N] "
          + "[--templates N] [--case-share X] [--prune X] [--gold-repeat N] [--no-lexicon] [--clusters FILE]");
      System.exit(2);
    }
    long t0 = System.nanoTime();
    List<Conll.Sentence> train = trainingData(Path.of(args[0]), templates, caseShare, goldRepeat);
    Trained trained = train(train, epochs, cutoff, prune, lexicon ? NameLexicon.load() : Map.of(), clusters);
    Path out = Path.of(args[1]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream os = Files.newOutputStream(out)) {
      trained.tagger().write(os, trained.keys());
    }
    System.out.printf("trained on %d sentences, %d features, scale %.1f, in %d s -> %s (%d bytes)%n",
        train.size(), trained.keys().length, trained.tagger().scale(), (System.nanoTime() - t0) / 1_000_000_000L,
        out, Files.size(out));
  }

  /**
   * The training split of every corpus in the NER data folder ({@link NerSets}); a seeded share of those
   * sentences again in upper case (headlines) and in lower case (chat); chat-like template sentences in six
   * languages filled with names from the training split ({@link TemplateSentences}). Deterministic.
   */
  public static List<Conll.Sentence> trainingData(Path data, int templates, double caseShare) throws IOException {
    return trainingData(data, templates, caseShare, GOLD_REPEAT);
  }

  /**
   * {@link #trainingData(Path, int, double)} with the gold-labelled corpora (every one but WikiANN's silver labels)
   * taken {@code goldRepeat} times.
   */
  public static List<Conll.Sentence> trainingData(Path data, int templates, double caseShare, int goldRepeat)
      throws IOException {
    List<Conll.Sentence> train = new ArrayList<>();
    for (NerSets.Part part : NerSets.load(data, NerSets.Split.TRAIN)) {
      for (int k = 0; k < (part.name().equals("wikiann") ? 1 : goldRepeat); k++) {
        train.addAll(part.sentences());
      }
    }
    Random random = new Random(42);
    List<Conll.Sentence> cased = new ArrayList<>();
    for (Conll.Sentence s : train) {
      double r = random.nextDouble();
      if (r < caseShare) {
        cased.add(recase(s, true));
      } else if (r < 2 * caseShare) {
        cased.add(recase(s, false));
      }
    }
    List<Conll.Sentence> generated = TemplateSentences.generate(train, random, templates);
    train.addAll(cased);
    train.addAll(generated);
    return train;
  }

  private static Conll.Sentence recase(Conll.Sentence s, boolean upper) {
    return new Conll.Sentence(s.tokens().stream().map(t -> upper ? t.toUpperCase(java.util.Locale.ROOT)
        : t.toLowerCase(java.util.Locale.ROOT)).toList(), s.tags());
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
    return train(sentences, epochs, cutoff, 0);
  }

  /** Trains, then drops the feature rows whose weights all stay below {@code prune} times the scale. */
  public static Trained train(List<Conll.Sentence> sentences, int epochs, int cutoff, float prune) {
    return train(sentences, epochs, cutoff, prune, Map.of());
  }

  /**
   * {@link #train(List, int, int, float)} with a name lexicon (folded word → {@link NameLexicon#FIRST} /
   * {@link NameLexicon#LAST} bits) in the gazetteer, which the features read.
   */
  public static Trained train(List<Conll.Sentence> sentences, int epochs, int cutoff, float prune,
      Map<String, Integer> lexicon) {
    return train(sentences, epochs, cutoff, prune, lexicon, WordClusters.none());
  }

  /**
   * {@link #train(List, int, int, float, Map)} with word clusters in the gazetteer, which add the cluster features
   * ({@link Features#CLUSTER_FEATURES}).
   */
  public static Trained train(List<Conll.Sentence> sentences, int epochs, int cutoff, float prune,
      Map<String, Integer> lexicon, WordClusters clusters) {
    int per = Features.perToken(new Gazetteer(new long[0], new byte[0], clusters));
    // Feature index: keys seen at least `cutoff` times.
    List<String[]> tokens = new ArrayList<>();
    List<long[]> features = new ArrayList<>();
    List<int[]> gold = new ArrayList<>();
    Map<Long, Integer> counts = new HashMap<>();
    // A sentence taken more than once (--gold-repeat) stays in the fold of its first occurrence, so that no fold's
    // gazetteer sees the sentence it is computed for.
    int[] fold = new int[sentences.size()];
    Map<Conll.Sentence, Integer> first = new java.util.IdentityHashMap<>();
    for (int i = 0; i < fold.length; i++) {
      first.putIfAbsent(sentences.get(i), i);
      fold[i] = first.get(sentences.get(i)) % FOLDS;
    }
    List<Gazetteer> folds = new ArrayList<>();
    for (int k = 0; k < FOLDS; k++) {
      List<Conll.Sentence> others = new ArrayList<>();
      for (int i = 0; i < sentences.size(); i++) {
        if (fold[i] != k) {
          others.add(sentences.get(i));
        }
      }
      folds.add(gazetteer(others, lexicon, clusters));
    }
    for (int si = 0; si < sentences.size(); si++) {
      Conll.Sentence s = sentences.get(si);
      String[] t = s.tokens().toArray(String[]::new);
      long[] f = Features.of(t, folds.get(fold[si]));
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
        float[] e = emissions(r, n, w, per);
        int[] p = Tagger.viterbi(e, n, tr, t, null);
        for (int i = 0; i < n; i++) {
          int gp = i == 0 ? L : g[i - 1];
          int pp = i == 0 ? L : p[i - 1];
          if (g[i] != p[i]) {
            errors++;
            for (int f = i * per, end = f + per; f < end; f++) {
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
      float[] e = emissions(rows.get(s), tokens.get(s).length, avgW, per);
      int[] g = gold.get(s);
      for (int i = 0; i < g.length; i++) {
        if (g[i] != 0) {
          sum += Math.abs(e[i * L + g[i]] - e[i * L]);
          count++;
        }
      }
    }
    float scale = (float) Math.max(1e-6, sum / Math.max(1, count));
    // Rows whose every weight is below prune * scale change no decision that matters: drop them (the model file
    // must stay small; see the module README for what it cost).
    float floor = prune * scale;
    List<Long> keptKeys = new ArrayList<>();
    List<Integer> keptRows = new ArrayList<>();
    for (int r = 0; r < kept.size(); r++) {
      float max = 0;
      for (int y = 0; y < L; y++) {
        max = Math.max(max, Math.abs(avgW[r * L + y]));
      }
      if (max >= floor) {
        keptKeys.add(kept.get(r));
        keptRows.add(r);
      }
    }
    long[] keys = new long[keptKeys.size()];
    float[] weights = new float[keys.length * L];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = keptKeys.get(i);
      System.arraycopy(avgW, keptRows.get(i) * L, weights, i * L, L);
    }
    return new Trained(new Tagger(keys, weights, avgT, scale, gazetteer(sentences, lexicon, clusters)), keys);
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

  private static float[] emissions(int[] rows, int n, float[] w, int per) {
    float[] e = new float[n * L];
    for (int i = 0; i < n; i++) {
      for (int f = i * per, end = f + per; f < end; f++) {
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

  /**
   * The {@link Gazetteer} of labelled sentences: each folded word's mostly-held name type and how sure that is,
   * or that it is nearly always plain text.
   */
  static Gazetteer gazetteer(List<Conll.Sentence> sentences) {
    return gazetteer(sentences, Map.of());
  }

  /** {@link #gazetteer(List)} with the lexicon bits of a name lexicon ({@link NameLexicon}). */
  static Gazetteer gazetteer(List<Conll.Sentence> sentences, Map<String, Integer> lexicon) {
    return gazetteer(sentences, lexicon, WordClusters.none());
  }

  /** {@link #gazetteer(List, Map)} with word clusters. */
  static Gazetteer gazetteer(List<Conll.Sentence> sentences, Map<String, Integer> lexicon, WordClusters clusters) {
    Map<Long, Integer> lexiconBits = new HashMap<>();
    for (Map.Entry<String, Integer> e : lexicon.entrySet()) {
      int bits = ((e.getValue() & NameLexicon.FIRST) != 0 ? Gazetteer.LEX_FIRST : 0)
          | ((e.getValue() & NameLexicon.LAST) != 0 ? Gazetteer.LEX_LAST : 0);
      lexiconBits.merge(Features.hash(e.getKey()), bits, (a, b) -> a | b);
    }
    Map<Long, int[]> counts = new HashMap<>();
    for (Conll.Sentence s : sentences) {
      for (int i = 0; i < s.tokens().size(); i++) {
        int[] c = counts.computeIfAbsent(Features.hash(Features.fold(s.tokens().get(i))), k -> new int[4]);
        String tag = s.tags().get(i);
        c[tag.equals("O") ? 0 : 1 + Tagger.TYPES.indexOf(tag.substring(2))]++;
      }
    }
    long[] keys = new long[counts.size() + lexiconBits.size() + (clusterPlain ? clusters.size() : 0)];
    byte[] codes = new byte[keys.length];
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
      double plain = (double) c[0] / total;
      if (plain >= PLAIN_SHARE && total >= PLAIN_COUNT) {
        // Nearly always plain text: no recall bias on it at run time (Gazetteer.PLAIN).
        keys[n] = e.getKey();
        codes[n] = (byte) (Gazetteer.PLAIN + (plain < 0.98 ? 0 : plain < 0.995 ? 1 : 2)
            + lexiconBits.getOrDefault(e.getKey(), 0));
        n++;
        continue;
      }
      if (share < 0.5) {
        if (lexiconBits.containsKey(e.getKey())) {
          keys[n] = e.getKey();
          codes[n] = (byte) (int) lexiconBits.get(e.getKey());
          n++;
        }
        continue;
      }
      int sure = total == 1 ? 0 : share < 0.8 ? 1 : share < 0.95 ? 2 : 3;
      keys[n] = e.getKey();
      codes[n] = (byte) (best * 4 + sure + lexiconBits.getOrDefault(e.getKey(), 0));
      n++;
    }
    for (Map.Entry<Long, Integer> e : lexiconBits.entrySet()) {
      if (!counts.containsKey(e.getKey())) {
        keys[n] = e.getKey();
        codes[n] = (byte) (int) e.getValue();
        n++;
      }
    }
    if (clusterPlain && !clusters.isEmpty()) {
      n = plainByCluster(sentences, clusters, lexiconBits.keySet(), keys, codes, n);
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
    return new Gazetteer(sk, sv, clusters);
  }

  /** Whether {@link #plainByCluster} marks rare words plain by their cluster ({@code --cluster-plain}). */
  static boolean clusterPlain;
  /** A cluster is plain when at least this share of its capitalised training tokens (not sentence-first) is. */
  static double clusterPlainShare = 0.97;
  /** ... of at least this many such tokens. */
  static final int CLUSTER_PLAIN_COUNT = 30;

  /**
   * Marks {@link Gazetteer#PLAIN} the cluster words that the training data has no code for (rare or unseen there)
   * and that no name lexicon lists, when their fine cluster's capitalised tokens in the training data, sentence-first
   * words aside, are nearly all plain text: a capital then says little (German nouns), so the recall bias stays
   * off. Appends to {@code keys}/{@code codes} from {@code n}; returns the new count.
   */
  static int plainByCluster(List<Conll.Sentence> sentences, WordClusters clusters,
      java.util.Set<Long> lexicon, long[] keys, byte[] codes, int n) {
    int[] all = new int[WordClusters.TOP * 16];
    int[] plain = new int[all.length];
    java.util.Set<Long> coded = new java.util.HashSet<>();
    for (int i = 0; i < n; i++) {
      coded.add(keys[i]);
    }
    for (Conll.Sentence s : sentences) {
      for (int i = 1; i < s.tokens().size(); i++) {
        String t = s.tokens().get(i);
        if (!Character.isUpperCase(t.charAt(0)) || t.equals(t.toUpperCase(java.util.Locale.ROOT))) {
          continue;
        }
        int id = clusters.id(Features.hash(Features.fold(t)));
        if (id >= 0) {
          all[id]++;
          plain[id] += s.tags().get(i).equals("O") ? 1 : 0;
        }
      }
    }
    int added = 0;
    for (long key : clusters.keys()) {
      int id = clusters.id(key);
      if (!coded.contains(key) && !lexicon.contains(key) && all[id] >= CLUSTER_PLAIN_COUNT
          && plain[id] >= clusterPlainShare * all[id]) {
        keys[n] = key;
        codes[n] = (byte) Gazetteer.PLAIN;
        n++;
        added++;
      }
    }
    System.out.printf("%d rare words marked plain by their cluster%n", added);
    return n;
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
