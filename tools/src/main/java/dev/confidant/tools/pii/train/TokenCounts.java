package dev.confidant.tools.pii.train;

/**
 * Token-level name-vs-plain counts of the model experiments: a token is a name when its gold BIO label (in
 * {@code Tagger} order) is not {@code O}, tagged when a predicted name covers it, whatever the types. Not
 * thread-safe.
 */
final class TokenCounts {
  private long tp;
  private long fp;
  private long fn;
  private long plain;
  private long per;
  private long perHit;
  private long org;
  private long orgHit;

  /** Adds one sentence: gold label ids and whether each token is tagged. */
  void add(int[] gold, boolean[] tagged) {
    for (int i = 0; i < gold.length; i++) {
      boolean g = gold[i] != 0;
      tp += g && tagged[i] ? 1 : 0;
      fp += !g && tagged[i] ? 1 : 0;
      fn += g && !tagged[i] ? 1 : 0;
      plain += g ? 0 : 1;
      int type = g ? (gold[i] - 1) / 2 : -1;
      per += type == 0 ? 1 : 0;
      perHit += type == 0 && tagged[i] ? 1 : 0;
      org += type == 1 ? 1 : 0;
      orgHit += type == 1 && tagged[i] ? 1 : 0;
    }
  }

  double precision() {
    return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
  }

  double recall() {
    return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
  }

  double f2() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 5 * p * r / (4 * p + r);
  }

  /** Gold person tokens tagged (under any name type). */
  double personRecall() {
    return per == 0 ? 1.0 : (double) perHit / per;
  }

  /** Gold organisation tokens tagged (under any name type). */
  double organisationRecall() {
    return org == 0 ? 1.0 : (double) orgHit / org;
  }

  /** Plain tokens tagged, in percent. */
  double plainTagged() {
    return plain == 0 ? 0 : 100.0 * fp / plain;
  }
}
