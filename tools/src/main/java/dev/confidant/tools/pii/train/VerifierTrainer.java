package dev.confidant.tools.pii.train;

import dev.confidant.pii.internal.lang.Language;
import dev.confidant.pii.internal.lang.LanguageDetector;
import dev.confidant.pii.internal.ner.NameModels;
import dev.confidant.pii.internal.ner.Tagger;
import dev.confidant.tools.pii.data.Conll;
import dev.confidant.tools.pii.data.NerSets;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.jspecify.annotations.Nullable;

/**
 * Trains and measures the contextual verifier of name candidates ({@link ContextualNames}, {@link VerifierHead}).
 * Data: the development split of every labelled corpus ({@link NerSets}), cut in two by sentence index: odd
 * sentences train the head, even ones measure it (the tagger trained on none of them, so its margins there are
 * as sure as on new text). Each sentence's candidates are encoded once, on both cores, and their inputs cached
 * under the cache folder (delete it after changing the encoder, the tagger or the features). Prints, per
 * measuring part, token-level name precision/recall/F2, person and organisation token recall (under any name
 * type) and plain tokens tagged, for the tagger alone (shipped decoding) and for the cascade at several
 * thresholds ({@link VerifierHead#dropAt()}, {@link VerifierHead#addAt()}), then writes the head with the
 * thresholds given:
 * {@snippet lang=shell :
 * java -Xmx6g -cp <tools classpath> dev.confidant.tools.pii.train.VerifierTrainer /path/to/ner-data \
 *   target/verifier-cache engine-pii-models/src/main/resources/META-INF/confidant/pii/names.verifier 0.9 0.5
 * }
 * Deterministic for a given cache (seeded shuffles, one training thread).
 */
public final class VerifierTrainer {
  private VerifierTrainer() {}

  /** WikiANN's dev files have 10,000 sentences each: this many (of each half) are used. */
  private static final int WIKIANN_CAP = 2000;
  private static final int HIDDEN = 64;
  private static final int EPOCHS = 12;
  private static final float DROPOUT = 0.2f;
  /** Where a candidate's inputs hold the tagger's span score ({@link ContextualNames#features}). */
  private static final int SCORE = 3 * ContextEncoder.DIM + 7;

  /**
   * Entry point.
   *
   * @param args NER data folder, cache folder, output head file, drop and add thresholds
   * @throws Exception if the data or the encoder cannot be read
   */
  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    Path cache = Path.of(args[1]);
    Path outFile = Path.of(args[2]);
    float dropAt = Float.parseFloat(args[3]);
    float addAt = Float.parseFloat(args[4]);
    int wikiannTrain = args.length > 5 ? Integer.parseInt(args[5]) : WIKIANN_CAP;
    Files.createDirectories(cache);
    Tagger tagger = NameModels.load().tagger();
    ContextEncoder encoder = ContextEncoder.shared()
        .orElseThrow(() -> new IllegalStateException("onnxruntime or the MiniLM jar is missing"));
    List<Sentence> train = new ArrayList<>();
    List<String> evalNames = new ArrayList<>();
    List<List<Sentence>> evals = new ArrayList<>();
    List<List<Conll.Sentence>> evalSentences = new ArrayList<>();
    for (NerSets.Part p : NerSets.load(data, NerSets.Split.DEV)) {
      List<Conll.Sentence> odd = new ArrayList<>();
      List<Conll.Sentence> even = new ArrayList<>();
      for (int i = 0; i < p.sentences().size(); i++) {
        (i % 2 == 1 ? odd : even).add(p.sentences().get(i));
      }
      if (p.name().equals("wikiann")) {
        odd = odd.subList(0, Math.min(WIKIANN_CAP, odd.size()));
        even = even.subList(0, Math.min(WIKIANN_CAP / 2, even.size()));
      }
      String key = p.name() + "-" + p.language();
      List<Sentence> trainPart = cached(cache.resolve(key + "-train.bin"), odd, tagger, encoder);
      // WikiANN's silver labels follow other conventions than the gold corpora (albums and species as ORG):
      // a smaller share of it keeps the head closer to the gold data.
      train.addAll(p.name().equals("wikiann") ? trainPart.subList(0, Math.min(wikiannTrain, trainPart.size()))
          : trainPart);
      evals.add(cached(cache.resolve(key + "-eval.bin"), even, tagger, encoder));
      evalNames.add(p.label());
      evalSentences.add(even);
    }
    List<float[]> xs = new ArrayList<>();
    List<Integer> ys = new ArrayList<>();
    for (Sentence s : train) {
      for (Cand c : s.cands) {
        xs.add(c.x);
        ys.add(c.label);
      }
    }
    System.out.printf("%d training candidates from %d sentences%n", xs.size(), train.size());
    VerifierHead head = train(xs, ys, dropAt, addAt);
    System.out.println("| dev part (even half) | system | name P | name R | name F2 | PER R | ORG R | plain tagged |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
    float never = 1.01f;
    for (int d = 0; d < evals.size(); d++) {
      score(evalNames.get(d), "tagger alone (shipped decoding)", evals.get(d), null);
      // The tagger's own precision/recall curve: other recall biases (shipped 0.3), for an operating point of the
      // cascade to be compared with the tagger's at the same plain-token rate.
      for (float bias : new float[] {-1f, -0.5f, 0f, 0.15f}) {
        Tagger other = tagger.withRecallBias(bias);
        List<Sentence> decoded = new ArrayList<>();
        for (Conll.Sentence cs : evalSentences.get(d)) {
          String[] words = cs.tokens().toArray(String[]::new);
          boolean german = LanguageDetector.detect(String.join(" ", words)) == Language.DE;
          List<Cand> cands = new ArrayList<>();
          for (var span : other.find(words, !german)) {
            cands.add(new Cand(span.start(), span.end(), 0, true, true, 0, new float[0]));
          }
          decoded.add(new Sentence(TaggerTrainer.labels(cs.tags()), cands));
        }
        score(evalNames.get(d), "tagger alone, recall bias " + bias, decoded, null);
      }
      for (float[] t : new float[][] {{dropAt, addAt}, {dropAt, never}, {never, addAt}, {0.95f, 0.5f},
          {0.8f, 0.5f}, {0.5f, 0.5f}, {0.9f, 0.7f}, {0.9f, 0.9f}}) {
        score(evalNames.get(d), "cascade, drop at P(O) >= " + (t[0] > 1 ? "never" : t[0]) + ", add at P(name) >= "
            + (t[1] > 1 ? "never" : t[1]), evals.get(d), head.withThresholds(t[0], t[1]));
      }
      // Sure spans skip the verifier: lower gates run the encoder less and keep more of the tagger's decisions.
      for (float gate : new float[] {0.6f, 0.65f, 0.7f, 0.75f}) {
        score(evalNames.get(d), "cascade, drop at " + dropAt + ", add at " + addAt + ", sure from score " + gate,
            evals.get(d), head, gate);
      }
    }
    cost(tagger, new ContextualNames(tagger, head, () -> encoder), evalSentences, evalNames, evals);
    try (OutputStream os = Files.newOutputStream(outFile)) {
      head.write(os);
    }
    System.out.println("wrote " + outFile + " (" + Files.size(outFile) + " bytes)");
  }

  /**
   * What the cascade costs against the tagger alone, in the same run, one thread: per measuring part, the share
   * of sentences with a candidate to verify, then the time per sentence of both over the UNER and GermEval parts
   * (best of three rounds, after a warm-up round).
   */
  private static void cost(Tagger tagger, ContextualNames cascade, List<List<Conll.Sentence>> parts,
      List<String> names, List<List<Sentence>> cached) {
    for (int d = 0; d < parts.size(); d++) {
      long verify = 0;
      long candidates = 0;
      long sentences = 0;
      for (Sentence s : cached.get(d)) {
        long unsure = s.cands.stream().filter(c -> !(c.shipped && c.x[SCORE] >= ContextualNames.SURE)).count();
        verify += unsure;
        candidates += s.cands.size();
        sentences += unsure > 0 ? 1 : 0;
      }
      System.out.printf("%s: %.1f%% of sentences run the encoder, %d of %d candidates verified%n", names.get(d),
          100.0 * sentences / cached.get(d).size(), verify, candidates);
    }
    List<String[]> words = new ArrayList<>();
    for (int d = 0; d < parts.size(); d++) {
      if (!names.get(d).startsWith("wikiann")) {
        for (Conll.Sentence s : parts.get(d)) {
          words.add(s.tokens().toArray(String[]::new));
        }
      }
    }
    double bestTagger = Double.MAX_VALUE;
    double bestCascade = Double.MAX_VALUE;
    long sink = 0;
    for (int round = 0; round < 4; round++) {
      long t0 = System.nanoTime();
      for (String[] w : words) {
        sink += tagger.find(w, true).size();
      }
      long t1 = System.nanoTime();
      for (String[] w : words) {
        sink += cascade.find(w, true).size();
      }
      long t2 = System.nanoTime();
      if (round > 0) {
        bestTagger = Math.min(bestTagger, (t1 - t0) / 1e6 / words.size());
        bestCascade = Math.min(bestCascade, (t2 - t1) / 1e6 / words.size());
      }
    }
    System.out.printf("cost per sentence, one thread, %d UNER/GermEval sentences: tagger %.3f ms, cascade %.3f ms "
        + "(%.1fx; %d spans)%n", words.size(), bestTagger, bestCascade, bestCascade / bestTagger, sink);
  }

  /** A sentence: gold labels per token and its candidates. */
  private record Sentence(int[] gold, List<Cand> cands) {}

  /** A candidate: its span, the tagger's decision, its gold label (0 O, 1 PER, 2 ORG, 3 LOC) and its inputs. */
  private record Cand(int start, int end, int type, boolean shipped, boolean sure, int label, float[] x) {}

  private static List<Sentence> cached(Path file, List<Conll.Sentence> sentences, Tagger tagger,
      ContextEncoder encoder) throws Exception {
    if (Files.exists(file)) {
      return read(file);
    }
    long t0 = System.nanoTime();
    List<Sentence> out = new ForkJoinPool(2).submit(() -> sentences.parallelStream()
        .map(s -> sentence(s, tagger, encoder)).toList()).get();
    System.out.printf("%s: %d sentences encoded in %.1f s%n", file.getFileName(), sentences.size(),
        (System.nanoTime() - t0) / 1e9);
    write(file, out);
    return out;
  }

  private static Sentence sentence(Conll.Sentence s, Tagger tagger, ContextEncoder encoder) {
    String[] words = s.tokens().toArray(String[]::new);
    int[] gold = TaggerTrainer.labels(s.tags());
    boolean german = LanguageDetector.detect(String.join(" ", words)) == Language.DE;
    List<Tagger.Candidate> candidates = tagger.candidates(words, !german, ContextualNames.EXTRA_BIAS);
    boolean[] all = new boolean[candidates.size()];
    java.util.Arrays.fill(all, true);
    float[][] x = candidates.isEmpty() ? new float[0][] : ContextualNames.features(words, candidates, all, german,
        encoder);
    List<Cand> cands = new ArrayList<>();
    for (int c = 0; c < candidates.size(); c++) {
      Tagger.Candidate cand = candidates.get(c);
      int start = cand.span().start();
      int end = cand.span().end();
      int[] votes = new int[4];
      for (int i = start; i < end; i++) {
        votes[gold[i] == 0 ? 0 : 1 + (gold[i] - 1) / 2]++;
      }
      int label = 0;
      if (2 * votes[0] < end - start) {
        label = 1;
        for (int y = 2; y < 4; y++) {
          label = votes[y] > votes[label] ? y : label;
        }
      }
      cands.add(new Cand(start, end, 1 + Tagger.TYPES.indexOf(switch (cand.span().type()) {
        case PERSON -> "PER";
        case ORGANIZATION -> "ORG";
        default -> "LOC";
      }), cand.shipped(), ContextualNames.sure(cand), label, x[c]));
    }
    return new Sentence(gold, cands);
  }

  private static void write(Path file, List<Sentence> sentences) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(sentences.size());
      for (Sentence s : sentences) {
        out.writeInt(s.gold.length);
        for (int g : s.gold) {
          out.writeByte(g);
        }
        out.writeInt(s.cands.size());
        for (Cand c : s.cands) {
          out.writeShort(c.start);
          out.writeShort(c.end);
          out.writeByte(c.type);
          out.writeBoolean(c.shipped);
          out.writeBoolean(c.sure);
          out.writeByte(c.label);
          out.writeInt(c.x.length);
          for (float v : c.x) {
            out.writeShort(Float.floatToFloat16(v));
          }
        }
      }
    }
  }

  private static List<Sentence> read(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      int n = in.readInt();
      List<Sentence> out = new ArrayList<>(n);
      for (int s = 0; s < n; s++) {
        int[] gold = new int[in.readInt()];
        for (int i = 0; i < gold.length; i++) {
          gold[i] = in.readByte();
        }
        int k = in.readInt();
        List<Cand> cands = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
          int start = in.readShort();
          int end = in.readShort();
          int type = in.readByte();
          boolean shipped = in.readBoolean();
          boolean sure = in.readBoolean();
          int label = in.readByte();
          float[] x = new float[in.readInt()];
          for (int d = 0; d < x.length; d++) {
            x[d] = Float.float16ToFloat(in.readShort());
          }
          cands.add(new Cand(start, end, type, shipped, sure, label, x));
        }
        out.add(new Sentence(gold, cands));
      }
      return out;
    }
  }

  /** One hidden layer, ReLU, dropout, softmax; Adam on class-weighted cross-entropy, minibatches of 32. */
  private static VerifierHead train(List<float[]> xs, List<Integer> ys, float dropAt, float addAt) {
    int in = xs.get(0).length;
    int n = xs.size();
    float[] mean = new float[in];
    float[] scale = new float[in];
    for (float[] x : xs) {
      for (int d = 0; d < in; d++) {
        mean[d] += x[d] / n;
      }
    }
    for (float[] x : xs) {
      for (int d = 0; d < in; d++) {
        scale[d] += (x[d] - mean[d]) * (x[d] - mean[d]) / n;
      }
    }
    for (int d = 0; d < in; d++) {
      scale[d] = (float) (1 / Math.sqrt(scale[d] + 1e-6));
    }
    float[][] z = new float[n][in];
    int[] count = new int[VerifierHead.OUT];
    for (int s = 0; s < n; s++) {
      for (int d = 0; d < in; d++) {
        z[s][d] = (xs.get(s)[d] - mean[d]) * scale[d];
      }
      count[ys.get(s)]++;
    }
    float[] classWeight = new float[VerifierHead.OUT];
    for (int y = 0; y < VerifierHead.OUT; y++) {
      classWeight[y] = count[y] == 0 ? 0 : (float) Math.sqrt((double) n / VerifierHead.OUT / count[y]);
    }
    System.out.printf("candidates per label O/PER/ORG/LOC: %d/%d/%d/%d%n", count[0], count[1], count[2], count[3]);
    Random random = new Random(11);
    int h = HIDDEN;
    int out = VerifierHead.OUT;
    float[][] params = {new float[h * in], new float[h], new float[out * h], new float[out]};
    for (int i = 0; i < params[0].length; i++) {
      params[0][i] = (float) (random.nextGaussian() * Math.sqrt(2.0 / in));
    }
    for (int i = 0; i < params[2].length; i++) {
      params[2][i] = (float) (random.nextGaussian() * Math.sqrt(1.0 / h));
    }
    Adam adam = new Adam(params, 1e-3f, 1e-4f);
    List<Integer> order = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      order.add(s);
    }
    int batch = 32;
    float[] hid = new float[h];
    float[] mask = new float[h];
    float[] gh = new float[h];
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      Collections.shuffle(order, random);
      double loss = 0;
      for (int b = 0; b < n; b += batch) {
        float[][] grads = {new float[h * in], new float[h], new float[out * h], new float[out]};
        for (int k = b; k < Math.min(n, b + batch); k++) {
          int s = order.get(k);
          float[] x = z[s];
          int y = ys.get(s);
          for (int j = 0; j < h; j++) {
            float v = params[1][j];
            for (int d = 0, o = j * in; d < in; d++) {
              v += params[0][o + d] * x[d];
            }
            mask[j] = v > 0 && random.nextFloat() >= DROPOUT ? 1 / (1 - DROPOUT) : 0;
            hid[j] = v * mask[j];
          }
          float[] p = new float[out];
          for (int c = 0; c < out; c++) {
            float v = params[3][c];
            for (int j = 0; j < h; j++) {
              v += params[2][c * h + j] * hid[j];
            }
            p[c] = v;
          }
          VerifierHead.softmax(p);
          float w = classWeight[y];
          loss -= w * Math.log(Math.max(1e-9, p[y]));
          java.util.Arrays.fill(gh, 0);
          for (int c = 0; c < out; c++) {
            float g = w * (p[c] - (c == y ? 1 : 0));
            grads[3][c] += g;
            for (int j = 0; j < h; j++) {
              grads[2][c * h + j] += g * hid[j];
              gh[j] += g * params[2][c * h + j];
            }
          }
          for (int j = 0; j < h; j++) {
            float g = gh[j] * mask[j];
            if (g == 0) {
              continue;
            }
            grads[1][j] += g;
            for (int d = 0, o = j * in; d < in; d++) {
              grads[0][o + d] += g * x[d];
            }
          }
        }
        adam.step(grads, Math.min(n, b + batch) - b);
      }
      System.out.printf("epoch %d: loss %.4f%n", epoch + 1, loss / n);
    }
    return new VerifierHead(mean, scale, params[0], params[1], params[2], params[3], dropAt, addAt);
  }

  /** Adam with decoupled weight decay on the weight matrices (parameters 0 and 2). */
  private static final class Adam {
    private final float[][] params;
    private final float[][] m;
    private final float[][] v;
    private final float rate;
    private final float decay;
    private int t;

    Adam(float[][] params, float rate, float decay) {
      this.params = params;
      this.rate = rate;
      this.decay = decay;
      m = new float[params.length][];
      v = new float[params.length][];
      for (int i = 0; i < params.length; i++) {
        m[i] = new float[params[i].length];
        v[i] = new float[params[i].length];
      }
    }

    void step(float[][] grads, int batch) {
      t++;
      double c1 = 1 - Math.pow(0.9, t);
      double c2 = 1 - Math.pow(0.999, t);
      for (int i = 0; i < params.length; i++) {
        float[] p = params[i];
        for (int k = 0; k < p.length; k++) {
          float g = grads[i][k] / batch;
          m[i][k] = 0.9f * m[i][k] + 0.1f * g;
          v[i][k] = 0.999f * v[i][k] + 0.001f * g * g;
          p[k] -= (float) (rate * (m[i][k] / c1) / (Math.sqrt(v[i][k] / c2) + 1e-8));
          if (i % 2 == 0) {
            p[k] -= rate * decay * p[k];
          }
        }
      }
    }
  }

  /**
   * Token-level scores of one measuring part: with {@code head == null} the tagger's shipped spans; else sure
   * spans kept and the other candidates decided by the head.
   */
  private static void score(String part, String system, List<Sentence> sentences, @Nullable VerifierHead head) {
    score(part, system, sentences, head, (float) ContextualNames.SURE);
  }

  private static void score(String part, String system, List<Sentence> sentences, @Nullable VerifierHead head,
      float sure) {
    TokenCounts counts = new TokenCounts();
    for (Sentence s : sentences) {
      boolean[] tagged = new boolean[s.gold.length];
      for (Cand c : s.cands) {
        boolean keep;
        if (head == null) {
          keep = c.shipped;
        } else {
          keep = c.shipped && c.x[SCORE] >= sure || head.keep(head.probabilities(c.x), c.shipped);
        }
        for (int i = c.start; keep && i < c.end; i++) {
          tagged[i] = true;
        }
      }
      counts.add(s.gold, tagged);
    }
    System.out.printf("| %s (%d) | %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.2f%% |%n", part, sentences.size(), system,
        counts.precision(), counts.recall(), counts.f2(), counts.personRecall(), counts.organisationRecall(),
        counts.plainTagged());
  }
}
