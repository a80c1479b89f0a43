package dev.confidant.jlama.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * How many positions (prompt plus completion tokens) a request may use on a Jlama model: the model's context
 * ({@code max_position_embeddings}, {@code n_ctx} for GPT-2) less the {@code 2 × heads} positions that Jlama 0.8.4's
 * RoPE lookup reads ahead (its last positions throw otherwise), and at most {@code trained_max_position_embeddings}
 * when config.json has that hint (the generated tiny model does). Stateless and thread-safe.
 */
public final class ContextWindows {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ContextWindows() {}

  /** The usable positions of a model with this context and head count, possibly below 2 (then unusable). */
  static int usable(int contextLength, int heads, JsonNode config) {
    int bound = contextLength - 2 * heads;
    int trained = config.path("trained_max_position_embeddings").asInt(0);
    return trained > 0 ? Math.min(bound, trained) : bound;
  }

  /**
   * The usable positions of the model in {@code dir}, read from its {@code config.json} without loading weights.
   *
   * @return the positions, or empty when config.json is missing, unreadable or names no context and heads
   */
  public static OptionalInt of(Path dir) {
    JsonNode config;
    try {
      Path file = dir.resolve("config.json");
      if (!Files.isRegularFile(file)) {
        return OptionalInt.empty();
      }
      config = JSON.readTree(file.toFile());
    } catch (IOException e) {
      return OptionalInt.empty(); // the backend reports the broken file when it loads the model
    }
    int context = config.path("max_position_embeddings").asInt(config.path("n_ctx").asInt(0));
    int heads = config.path("num_attention_heads").asInt(config.path("n_head").asInt(0));
    if (context <= 0 || heads <= 0) {
      return OptionalInt.empty();
    }
    int usable = usable(context, heads, config);
    return usable >= 2 ? OptionalInt.of(usable) : OptionalInt.empty();
  }
}
