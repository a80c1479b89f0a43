package dev.confidant.api;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Sampling and length fields of a request. A {@code null} field is "not set": the backend's default applies.
 * A backend that cannot honour a set field rejects the request instead of ignoring it.
 *
 * @param temperature 0..2
 * @param topP 0..1 (nucleus sampling)
 * @param maxTokens legacy {@code max_tokens}: maximum number of generated tokens
 * @param maxCompletionTokens {@code max_completion_tokens}: the same limit under its current name
 * @param stop up to 4 stop sequences; generation ends before the first occurrence
 * @param seed makes sampling repeatable where the backend supports it
 * @param frequencyPenalty -2..2
 * @param presencePenalty -2..2
 * @param logitBias token id to bias (-100..100)
 */
public record Sampling(
    @Nullable Double temperature,
    @Nullable Double topP,
    @Nullable Integer maxTokens,
    @Nullable Integer maxCompletionTokens,
    List<String> stop,
    @Nullable Long seed,
    @Nullable Double frequencyPenalty,
    @Nullable Double presencePenalty,
    Map<String, Integer> logitBias) {

  /** Nothing set. */
  public static final Sampling DEFAULT = new Sampling(null, null, null, null, List.of(), null, null, null, Map.of());

  public Sampling {
    stop = stop == null ? List.of() : List.copyOf(stop);
    logitBias = logitBias == null ? Map.of() : Map.copyOf(logitBias);
  }

  /** The effective generation limit: {@code max_completion_tokens}, else {@code max_tokens}, else {@code null}. */
  public @Nullable Integer tokenLimit() {
    return maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
  }

  public Sampling withTemperature(@Nullable Double temperature) {
    return new Sampling(temperature, topP, maxTokens, maxCompletionTokens, stop, seed, frequencyPenalty, presencePenalty, logitBias);
  }

  public Sampling withTopP(@Nullable Double topP) {
    return new Sampling(temperature, topP, maxTokens, maxCompletionTokens, stop, seed, frequencyPenalty, presencePenalty, logitBias);
  }

  public Sampling withMaxTokens(@Nullable Integer maxTokens) {
    return new Sampling(temperature, topP, maxTokens, maxCompletionTokens, stop, seed, frequencyPenalty, presencePenalty, logitBias);
  }

  public Sampling withStop(List<String> stop) {
    return new Sampling(temperature, topP, maxTokens, maxCompletionTokens, stop, seed, frequencyPenalty, presencePenalty, logitBias);
  }

  public Sampling withSeed(@Nullable Long seed) {
    return new Sampling(temperature, topP, maxTokens, maxCompletionTokens, stop, seed, frequencyPenalty, presencePenalty, logitBias);
  }
}
