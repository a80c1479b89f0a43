package dev.confidant.api;

import org.jspecify.annotations.Nullable;

/**
 * How the reply is delivered.
 *
 * @param n number of choices (the {@code openai} backend passes it on; {@code jlama} generates one)
 * @param stream the body's {@code stream} flag (informational: {@link ChatCompletionEngine#stream} streams)
 * @param includeUsage {@code stream_options.include_usage}: a last chunk carries the usage
 * @param logprobs whether to return log probabilities
 * @param topLogprobs 0..20 most likely tokens per position
 * @param user an end-user id for abuse monitoring
 */
public record ResponseOptions(
    @Nullable Integer n,
    @Nullable Boolean stream,
    @Nullable Boolean includeUsage,
    @Nullable Boolean logprobs,
    @Nullable Integer topLogprobs,
    @Nullable String user) {

  /** Nothing set. */
  public static final ResponseOptions DEFAULT = new ResponseOptions(null, null, null, null, null, null);

  /** Whether a final usage chunk was asked for. */
  public boolean usageRequested() {
    return Boolean.TRUE.equals(includeUsage);
  }
}
