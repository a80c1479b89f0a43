package dev.confidant.pii.internal.ner;

import java.util.Locale;

/**
 * The tagger's features of one sentence, as 64-bit hashes: for each token, the same fixed number of feature
 * keys ({@link #PER_TOKEN}), computed once per sentence and shared by every label. Words are lower-cased with
 * digits folded to {@code 0}; shapes fold letters to {@code X}/{@code x}, digits to {@code d}, and collapse
 * repeats ({@code McDonald} → {@code XxXx}). The last four keys read the name lexicon of the {@link Gazetteer}
 * (given name, surname) of the word and its neighbours, with the word's case, the sentence's case (all capitals,
 * none) and the training data's code of the word. With {@link WordClusters} in the gazetteer, each token has
 * {@value #CLUSTER_FEATURES} more keys: the word's cluster at three granularities (64, 256, 1,024), its neighbours'
 * (256 for ±1, 64 for ±2), and the cluster with the word's case (alone and after the previous word's cluster).
 */
public final class Features {
  private Features() {}

  /** Feature keys per token without word clusters. */
  public static final int PER_TOKEN = 36;
  /** Feature keys per token that word clusters add. */
  public static final int CLUSTER_FEATURES = 9;

  /** Feature keys per token with a gazetteer: {@link #PER_TOKEN}, plus {@link #CLUSTER_FEATURES} with clusters. */
  public static int perToken(Gazetteer gazetteer) {
    return gazetteer.clusters().isEmpty() ? PER_TOKEN : PER_TOKEN + CLUSTER_FEATURES;
  }

  /** Feature keys of every token, {@code PER_TOKEN} per token, without a gazetteer. */
  static long[] of(String[] tokens) {
    return of(tokens, Gazetteer.EMPTY);
  }

  /** Feature keys of every token, {@code PER_TOKEN} per token. */
  public static long[] of(String[] tokens, Gazetteer gazetteer) {
    int n = tokens.length;
    long[] word = new long[n + 4];
    long[] shape = new long[n + 4];
    long[] exact = new long[n + 4];
    String[] lower = new String[n];
    word[0] = word[1] = word[n + 2] = word[n + 3] = BOUNDARY;
    shape[0] = shape[1] = shape[n + 2] = shape[n + 3] = BOUNDARY;
    for (int i = 0; i < n; i++) {
      lower[i] = fold(tokens[i]);
      word[i + 2] = hash(lower[i]);
      shape[i + 2] = hash(shape(tokens[i]));
      exact[i + 2] = hash(tokens[i]);
    }
    int[] gaz = new int[n + 2];
    int[] lex = new int[n + 2];
    boolean anyLower = false;
    boolean anyUpper = false;
    for (int i = 0; i < n; i++) {
      gaz[i + 1] = gazetteer.code(word[i + 2]);
      lex[i + 1] = gazetteer.lexicon(word[i + 2]);
      for (int k = 0; k < tokens[i].length() && !(anyLower && anyUpper); k++) {
        char c = tokens[i].charAt(k);
        anyLower |= Character.isLowerCase(c);
        anyUpper |= Character.isUpperCase(c);
      }
    }
    // 0: ordinary, 1: all capitals (headlines), 2: no capitals (chat)
    int sentenceCase = anyUpper && !anyLower ? 1 : !anyUpper && anyLower ? 2 : 0;
    int[] runStart = new int[n];
    int[] runEnd = new int[n];
    runs(tokens, lower, runStart, runEnd);
    WordClusters clusters = gazetteer.clusters();
    int per = perToken(gazetteer);
    int[] cluster = null;
    if (!clusters.isEmpty()) {
      cluster = new int[n + 4];
      cluster[0] = cluster[1] = cluster[n + 2] = cluster[n + 3] = OUTSIDE;
      for (int i = 0; i < n; i++) {
        cluster[i + 2] = clusters.id(word[i + 2]);
      }
    }
    long[] out = new long[n * per];
    for (int i = 0; i < n; i++) {
      int p = i + 2;
      int o = i * per;
      String w = lower[i];
      int len = w.length();
      boolean capital = Character.isUpperCase(tokens[i].charAt(0));
      out[o] = mix(1, word[p]);
      out[o + 1] = mix(2, word[p - 1]);
      out[o + 2] = mix(3, word[p + 1]);
      out[o + 3] = mix(4, word[p - 2]);
      out[o + 4] = mix(5, word[p + 2]);
      out[o + 5] = mix(6, shape[p]);
      out[o + 6] = mix(7, shape[p - 1]);
      out[o + 7] = mix(8, shape[p + 1]);
      out[o + 8] = mix(9, hash(w, 0, Math.min(3, len)));
      out[o + 9] = mix(10, hash(w, Math.max(0, len - 2), len));
      out[o + 10] = mix(11, hash(w, Math.max(0, len - 3), len));
      out[o + 11] = mix(12, hash(w, Math.max(0, len - 4), len));
      out[o + 12] = mix(13, word[p - 1] * 31 + word[p]);
      out[o + 13] = mix(14, word[p] * 31 + word[p + 1]);
      out[o + 14] = mix(15, i == 0 ? shape[p] : 0);
      out[o + 15] = 16;
      out[o + 16] = mix(17, exact[p]);
      out[o + 17] = mix(18, (shape[p - 1] * 31 + shape[p]) * 31 + shape[p + 1]);
      out[o + 18] = mix(19, word[p - 1] * 31 + shape[p]);
      out[o + 19] = mix(20, shape[p] * 31 + word[p + 1]);
      out[o + 20] = mix(21, hash(w, Math.max(0, len - 5), len));
      out[o + 21] = mix(22, hash(w, 0, Math.min(4, len)));
      out[o + 22] = mix(23, exact[p - 1]);
      out[o + 23] = mix(24, exact[p + 1]);
      out[o + 24] = mix(25, capital ? word[p - 1] : 1);
      out[o + 25] = mix(26, capital ? word[p + 1] : 1);
      out[o + 26] = mix(27, gaz[i + 1]);
      out[o + 27] = mix(28, gaz[i]);
      out[o + 28] = mix(29, gaz[i + 2]);
      boolean inRun = runEnd[i] > runStart[i];
      out[o + 29] = mix(30, inRun ? word[runEnd[i] - 1 + 2] : 1);
      out[o + 30] = mix(31, inRun ? word[runStart[i] + 2] : 1);
      out[o + 31] = mix(32, inRun ? Math.min(4, runEnd[i] - runStart[i]) * 4
          + (i == runStart[i] ? 1 : 0) + (i == runEnd[i] - 1 ? 2 : 0) : 0);
      int wordCase = wordCase(tokens[i]);
      out[o + 32] = mix(33, lex[i + 1] * 4 + wordCase);
      out[o + 33] = mix(34, (lex[i] * 4 + lex[i + 1]) * 4 + lex[i + 2]);
      out[o + 34] = mix(35, ((sentenceCase * 2 + (i == 0 ? 1 : 0)) * 4 + lex[i + 1]) * 4 + wordCase);
      out[o + 35] = mix(36, lex[i + 1] * 32 + gaz[i + 1]);
      if (cluster != null) {
        int c = cluster[p];
        out[o + 36] = mix(37, c);
        out[o + 37] = mix(38, mid(c));
        out[o + 38] = mix(39, top(c));
        out[o + 39] = mix(40, mid(cluster[p - 1]));
        out[o + 40] = mix(41, mid(cluster[p + 1]));
        out[o + 41] = mix(42, top(cluster[p - 2]));
        out[o + 42] = mix(43, top(cluster[p + 2]));
        out[o + 43] = mix(44, mid(c) * 4L + wordCase);
        out[o + 44] = mix(45, (top(cluster[p - 1]) * 128L + top(c)) * 4 + wordCase);
      }
    }
    return out;
  }

  /** The cluster id of a position outside the sentence. */
  private static final int OUTSIDE = -2;

  /** The 256-cluster level of a 10-bit cluster id; negative ids (unknown, outside) stay as they are. */
  private static int mid(int id) {
    return id < 0 ? id : id >> 2;
  }

  /** The 64-cluster level of a 10-bit cluster id; negative ids stay as they are. */
  private static int top(int id) {
    return id < 0 ? id : id >> 4;
  }

  private static final long BOUNDARY = 0x5bd1e995L;

  /** 0: starts lower case or with no letter, 1: capitalised, 2: all capitals (two letters or more), 3: one capital. */
  private static int wordCase(String token) {
    if (!Character.isUpperCase(token.charAt(0))) {
      return 0;
    }
    int letters = 0;
    for (int k = 0; k < token.length(); k++) {
      char c = token.charAt(k);
      if (Character.isLowerCase(c)) {
        return 1;
      }
      letters += Character.isLetter(c) ? 1 : 0;
    }
    return letters >= 2 ? 2 : 3;
  }

  /** Lower-case words that may join capitalised words into one name ("Bank of England", "Haus der Kunst"). */
  private static final java.util.Set<String> CONNECTORS = java.util.Set.of("of", "the", "'s", "&", "and", "de",
      "der", "des", "die", "von", "van", "für", "du", "la", "le", "di", "del", "da", "y", "am", "an", "im", "zu");

  /**
   * Runs of capitalised tokens, possibly joined by {@link #CONNECTORS}: every token of a run gets the run's
   * bounds, every other token an empty range.
   */
  private static void runs(String[] tokens, String[] lower, int[] runStart, int[] runEnd) {
    int n = tokens.length;
    int i = 0;
    while (i < n) {
      if (!Character.isUpperCase(tokens[i].charAt(0))) {
        i++;
        continue;
      }
      int start = i;
      int end = i + 1;
      while (end < n) {
        if (Character.isUpperCase(tokens[end].charAt(0))) {
          end++;
        } else if (end + 1 < n && CONNECTORS.contains(lower[end]) && Character.isUpperCase(tokens[end + 1].charAt(0))) {
          end += 2;
        } else {
          break;
        }
      }
      for (int k = start; k < end; k++) {
        runStart[k] = start;
        runEnd[k] = end;
      }
      i = end;
    }
  }

  /** Lower case, digits as {@code 0}. */
  public static String fold(String token) {
    String lower = token.toLowerCase(Locale.ROOT);
    boolean digit = false;
    for (int i = 0; i < lower.length() && !digit; i++) {
      digit = Character.isDigit(lower.charAt(i));
    }
    if (!digit) {
      return lower;
    }
    char[] chars = lower.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (Character.isDigit(chars[i])) {
        chars[i] = '0';
      }
    }
    return new String(chars);
  }

  /** Letters as X/x, digits as d, other characters as themselves; runs collapsed. */
  static String shape(String token) {
    StringBuilder b = new StringBuilder(Math.min(token.length(), 8));
    char last = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      char s = Character.isUpperCase(c) ? 'X' : Character.isLetter(c) ? 'x' : Character.isDigit(c) ? 'd' : c;
      if (s != last) {
        b.append(s);
        last = s;
      }
    }
    return b.toString();
  }

  /** FNV-1a over the characters, 64 bits. */
  public static long hash(String s) {
    return hash(s, 0, s.length());
  }

  /** {@link #hash(String)} of {@code s.substring(from, to)}, without making the substring. */
  static long hash(String s, int from, int to) {
    long h = 0xcbf29ce484222325L;
    for (int i = from; i < to; i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** A feature key: template id and value, mixed (murmur3 finaliser) so that keys spread over the table. */
  static long mix(int template, long value) {
    long h = value * 0x9E3779B97F4A7C15L + template;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
