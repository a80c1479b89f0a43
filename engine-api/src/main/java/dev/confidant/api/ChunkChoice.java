package dev.confidant.api;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One choice of a chunk.
 *
 * @param index the choice index
 * @param delta what this chunk adds
 * @param finishReason set on the choice's last chunk
 * @param logprobs log probabilities of this delta as JSON, or {@code null}
 */
public record ChunkChoice(int index, Delta delta, @Nullable FinishReason finishReason, @Nullable RawJson logprobs) {
  public ChunkChoice {
    requireNonNull(delta, "delta");
  }

  /** A copy with another delta. */
  public ChunkChoice withDelta(Delta delta) {
    return new ChunkChoice(index, delta, finishReason, logprobs);
  }
}
