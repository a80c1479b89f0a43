package dev.confidant.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@code chat.completion} object.
 *
 * @param id {@code chatcmpl-...}
 * @param created Unix seconds
 * @param model the model that answered
 * @param choices the choices (one for the built-in backends)
 * @param usage token counts, or {@code null} if the backend reported none
 * @param systemFingerprint backend configuration fingerprint, or {@code null}
 * @param serviceTier upstream service tier, or {@code null}
 */
public record ChatCompletionResponse(
    String id,
    long created,
    String model,
    List<Choice> choices,
    @Nullable Usage usage,
    @Nullable String systemFingerprint,
    @Nullable String serviceTier) {

  public ChatCompletionResponse {
    requireNonNull(id, "id");
    requireNonNull(model, "model");
    choices = List.copyOf(choices);
  }

  /** The first choice's message, the reply in the usual {@code n = 1} case. */
  public AssistantMessage message() {
    if (choices.isEmpty()) {
      throw new IllegalStateException("response " + id + " has no choices");
    }
    return choices.get(0).message();
  }

  public ChatCompletionResponse withChoices(List<Choice> choices) {
    return new ChatCompletionResponse(id, created, model, choices, usage, systemFingerprint, serviceTier);
  }
}
