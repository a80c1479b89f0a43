package dev.confidant.jlama.internal;

import dev.confidant.api.Sampling;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The sampling settings of one request, with defaults filled in and already validated. Immutable.
 *
 * @param temperature 0 for greedy decoding, else the softmax temperature
 * @param topP nucleus mass, 1 for none
 * @param seed the seed, or {@code null} for a fresh random one
 * @param frequencyPenalty subtracted from a token's logit once per earlier occurrence in the reply
 * @param presencePenalty subtracted from a token's logit once if it occurred in the reply
 * @param logitBias added to the logits of the given token ids
 */
record SamplingPlan(
    double temperature,
    double topP,
    @Nullable Long seed,
    double frequencyPenalty,
    double presencePenalty,
    Map<Integer, Float> logitBias) {

  SamplingPlan {
    logitBias = Map.copyOf(logitBias);
  }

  /** The plan of a request's sampling fields; {@link RequestChecks} has validated them. */
  static SamplingPlan of(Sampling sampling, double defaultTemperature) {
    Map<Integer, Float> bias = new HashMap<>();
    sampling.logitBias().forEach((token, value) -> bias.put(Integer.parseInt(token.strip()), value.floatValue()));
    return new SamplingPlan(
        sampling.temperature() != null ? sampling.temperature() : defaultTemperature,
        sampling.topP() != null ? sampling.topP() : 1.0,
        sampling.seed(),
        sampling.frequencyPenalty() != null ? sampling.frequencyPenalty() : 0.0,
        sampling.presencePenalty() != null ? sampling.presencePenalty() : 0.0,
        bias);
  }

  /** Whether the most likely token is always taken. */
  boolean greedy() {
    return temperature == 0 || topP == 0;
  }
}
