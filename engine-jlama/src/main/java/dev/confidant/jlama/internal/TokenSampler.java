package dev.confidant.jlama.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Picks the next token from the model's logits: logit bias and OpenAI's frequency/presence penalties, then argmax
 * (temperature 0) or a draw from the temperature softmax restricted to the top-p nucleus. Reproducible: with a
 * seed the draws come from a {@link SplittableRandom} of that seed, and the softmax uses {@link StrictMath} so
 * that interpreted and JIT-compiled code agree to the bit. Ties go to the lowest token id. Not thread-safe: one per
 * generation.
 */
final class TokenSampler {
  private final SamplingPlan plan;
  private final RandomGenerator random;
  private final int[] counts;

  TokenSampler(SamplingPlan plan, int vocabSize) {
    this.plan = plan;
    this.random = plan.seed() != null ? new SplittableRandom(plan.seed()) : new SplittableRandom();
    this.counts = new int[vocabSize];
  }

  /** Chooses a token (modifying {@code logits} in place) and remembers it for the penalties. */
  int sample(float[] logits) {
    adjust(logits);
    int token = plan.greedy() ? argmax(logits) : draw(logits);
    if (token < counts.length) {
      counts[token]++;
    }
    return token;
  }

  private void adjust(float[] logits) {
    for (Map.Entry<Integer, Float> bias : plan.logitBias().entrySet()) {
      if (bias.getKey() < logits.length) {
        logits[bias.getKey()] += bias.getValue();
      }
    }
    if (plan.frequencyPenalty() != 0 || plan.presencePenalty() != 0) {
      for (int i = 0; i < Math.min(counts.length, logits.length); i++) {
        if (counts[i] > 0) {
          logits[i] -= (float) (counts[i] * plan.frequencyPenalty() + plan.presencePenalty());
        }
      }
    }
  }

  static int argmax(float[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }

  private int draw(float[] logits) {
    float max = logits[argmax(logits)];
    double[] weights = new double[logits.length];
    double total = 0;
    for (int i = 0; i < logits.length; i++) {
      weights[i] = StrictMath.exp((logits[i] - max) / plan.temperature());
      total += weights[i];
    }
    if (plan.topP() < 1) {
      return drawFromNucleus(weights, total);
    }
    double u = random.nextDouble() * total;
    double acc = 0;
    for (int i = 0; i < weights.length; i++) {
      acc += weights[i];
      if (u < acc) {
        return i;
      }
    }
    return argmax(logits); // rounding left u at the very end
  }

  private int drawFromNucleus(double[] weights, double total) {
    // The nucleus is the smallest set of heaviest tokens holding top_p of the mass. Only tokens at least as heavy as
    // a threshold that already holds that mass can be in it, so sort just those (vocabularies reach 150k tokens).
    double needed = plan.topP() * total;
    double threshold = 1.0; // the heaviest weight is exp(0)
    int[] candidates;
    while (true) {
      double floor = threshold;
      candidates = IntStream.range(0, weights.length).filter(i -> weights[i] >= floor).toArray();
      double mass = Arrays.stream(candidates).mapToDouble(i -> weights[i]).sum();
      if (mass >= needed || threshold < Double.MIN_NORMAL) {
        break;
      }
      threshold /= 16;
    }
    // Heaviest first, lowest id first among equals.
    Integer[] order = Arrays.stream(candidates).boxed().toArray(Integer[]::new);
    Arrays.sort(order, (a, b) -> weights[a] != weights[b] ? Double.compare(weights[b], weights[a]) : a - b);
    double mass = 0;
    int kept = 0;
    while (kept < order.length && (kept == 0 || mass < needed)) {
      mass += weights[order[kept++]];
    }
    double u = random.nextDouble() * mass;
    double acc = 0;
    for (int k = 0; k < kept; k++) {
      acc += weights[order[k]];
      if (u < acc) {
        return order[k];
      }
    }
    return order[0];
  }
}
