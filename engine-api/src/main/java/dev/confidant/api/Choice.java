package dev.confidant.api;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One choice of a {@code chat.completion}.
 *
 * @param index position in {@code choices}
 * @param message the reply
 * @param finishReason why generation ended
 * @param logprobs log probabilities as JSON, or {@code null}
 */
public record Choice(int index, AssistantMessage message, @Nullable FinishReason finishReason, @Nullable RawJson logprobs) {
  public Choice {
    requireNonNull(message, "message");
  }
}
