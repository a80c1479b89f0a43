package dev.confidant.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@code chat.completion.chunk}: one event of a streamed completion. The first chunk's delta carries the role,
 * later ones content or tool-call fragments, the last choice chunk a finish reason, and with
 * {@code stream_options.include_usage} a final chunk has no choices and carries the usage.
 *
 * @param id the completion id, the same in every chunk
 * @param created Unix seconds, the same in every chunk
 * @param model the model
 * @param choices deltas (empty in the usage chunk)
 * @param usage the usage (only in the usage chunk)
 * @param systemFingerprint backend fingerprint, or {@code null}
 */
public record ChatCompletionChunk(
    String id,
    long created,
    String model,
    List<ChunkChoice> choices,
    @Nullable Usage usage,
    @Nullable String systemFingerprint) {

  public ChatCompletionChunk {
    requireNonNull(id, "id");
    requireNonNull(model, "model");
    choices = List.copyOf(choices);
  }

  /** A copy with other choices. */
  public ChatCompletionChunk withChoices(List<ChunkChoice> choices) {
    return new ChatCompletionChunk(id, created, model, choices, usage, systemFingerprint);
  }

  /** A copy with another model name. */
  public ChatCompletionChunk withModel(String model) {
    return new ChatCompletionChunk(id, created, model, choices, usage, systemFingerprint);
  }
}
