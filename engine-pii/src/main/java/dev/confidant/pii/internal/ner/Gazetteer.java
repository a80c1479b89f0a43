package dev.confidant.pii.internal.ner;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which name type a word mostly belongs to in the training data: for each folded word (see
 * {@link Features#fold}) that is part of a name in at least half of its occurrences, a code for the type and how
 * sure the data is. The tagger uses the code as a feature; the trainer builds it jack-knifed (each fold's codes
 * come from the other folds), so that the model learns how far to trust it for words it has not seen.
 */
final class Gazetteer {
  static final Gazetteer EMPTY = new Gazetteer(new long[0], new byte[0]);

  private final long[] keys;
  private final byte[] codes;
  private final KeyIndex index;

  Gazetteer(long[] keys, byte[] codes) {
    this.keys = keys;
    this.codes = codes;
    this.index = new KeyIndex(keys);
  }

  /** The code of a word hash: 0 when unknown or mostly outside names, else {@code type * 4 + sureness}. */
  int code(long wordHash) {
    int i = index.indexOf(wordHash);
    return i < 0 ? 0 : codes[i];
  }

  long[] keys() {
    return keys;
  }

  byte[] codes() {
    return codes;
  }

  /** Builds the gazetteer of labelled sentences. */
  static Gazetteer of(List<Conll.Sentence> sentences) {
    Map<Long, int[]> counts = new HashMap<>();
    for (Conll.Sentence s : sentences) {
      for (int i = 0; i < s.tokens().size(); i++) {
        int[] c = counts.computeIfAbsent(Features.hash(Features.fold(s.tokens().get(i))), k -> new int[4]);
        String tag = s.tags().get(i);
        c[tag.equals("O") ? 0 : 1 + List.of(Tagger.TYPES).indexOf(tag.substring(2))]++;
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
}
