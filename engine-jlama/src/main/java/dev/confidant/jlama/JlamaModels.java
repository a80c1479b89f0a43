package dev.confidant.jlama;

import dev.confidant.jlama.internal.ContextWindows;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Facts about the models the in-process {@code jlama} backend serves, read without loading weights: what a model
 * registry or {@code GET /v1/models} lists for a model directory. Stateless and thread-safe.
 *
 * {@snippet class=dev.confidant.jlama.JlamaSnippets region=context-window}
 */
public final class JlamaModels {
  private JlamaModels() {}

  /**
   * How many tokens, prompt plus completion, a request may use on a model: its {@code max_position_embeddings}
   * less the margin Jlama 0.8.4 needs ({@code 2 × num_attention_heads} positions; its RoPE lookup reads ahead), as
   * the backend enforces it.
   *
   * @param modelDir a model directory in Hugging Face layout ({@link JlamaOptions#MODEL_DIR}), or {@code null}
   *     for the embedded tiny model ({@link TinyModels#CONTEXT_WINDOW})
   * @return the window, or empty when the directory's config.json is missing, unreadable or names no context
   */
  public static OptionalInt contextWindow(@Nullable Path modelDir) {
    return modelDir == null ? OptionalInt.of(TinyModels.CONTEXT_WINDOW) : ContextWindows.of(modelDir);
  }
}
