package dev.confidant.api;

import org.jspecify.annotations.Nullable;

/**
 * Token counts of a completion, from the backend's real tokenizer.
 *
 * @param promptTokens tokens of the rendered prompt
 * @param completionTokens generated tokens
 * @param totalTokens their sum
 * @param promptTokensDetails {@code prompt_tokens_details} as reported upstream, or {@code null}
 * @param completionTokensDetails {@code completion_tokens_details} as reported upstream, or {@code null}
 */
public record Usage(
    int promptTokens,
    int completionTokens,
    int totalTokens,
    @Nullable RawJson promptTokensDetails,
    @Nullable RawJson completionTokensDetails) {

  /** Usage with {@code totalTokens = prompt + completion}. */
  public static Usage of(int promptTokens, int completionTokens) {
    return new Usage(promptTokens, completionTokens, promptTokens + completionTokens, null, null);
  }

  /** The sum of two usages (for multi-round completions); details are dropped. */
  public Usage plus(Usage other) {
    return of(promptTokens + other.promptTokens, completionTokens + other.completionTokens);
  }
}
