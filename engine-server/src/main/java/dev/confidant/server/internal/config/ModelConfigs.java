package dev.confidant.server.internal.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.confidant.api.EngineConfigException;
import dev.confidant.core.ModelRegistry;
import dev.confidant.core.ModelSpec;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.jlama.JlamaModels;
import dev.confidant.server.ServerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code models} and {@code backends} sections of the YAML configuration. The {@code models} list is read by
 * engine-core's one registry reader ({@link ModelRegistry#parse}), so a block copied between a registry file, the
 * {@link ModelRegistry} javadoc and {@code confidant.yaml} reads the same; {@code backends} binds to nullable DTOs
 * mapped onto {@link ServerConfig.Backends}. Stateless and thread-safe.
 */
final class ModelConfigs {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ModelConfigs() {}

  /**
   * The {@code models} list as registry entries; a jlama model without a context window gets the one its model
   * directory allows.
   *
   * @throws EngineConfigException naming the offending entry
   */
  static List<ServerConfig.ModelEntry> entries(@Nullable JsonNode models) {
    if (models == null || models.isNull()) {
      return List.of();
    }
    String text;
    try {
      text = YAML.writeValueAsString(Map.of("models", models));
    } catch (JsonProcessingException e) {
      throw new EngineConfigException("models: " + e.getOriginalMessage(), e);
    }
    List<ServerConfig.ModelEntry> entries = new ArrayList<>();
    for (ModelSpec spec : ModelRegistry.parse(text, true, "the models block").models()) {
      if (spec.contextWindow() == null && "jlama".equals(spec.backend())) {
        // What the jlama backend will enforce, read from the model's config.json (the tiny model's without a dir).
        Integer window = JlamaModels.contextWindow(spec.modelDir()).stream().boxed().findFirst().orElse(null);
        spec = spec.toBuilder().contextWindow(window).build();
      }
      entries.add(new ServerConfig.ModelEntry(spec));
    }
    return entries;
  }

  /** Maps the {@code backends} section. */
  static ServerConfig.Backends toBackends(BackendsDto b) {
    OpenAiDto openai = b.openai() == null ? new OpenAiDto(null, null, null) : b.openai();
    ModelTimeouts timeouts = null;
    if (b.timeouts() != null) {
      TimeoutsDto t = b.timeouts();
      ModelTimeouts d = ModelTimeouts.DEFAULT;
      try {
        timeouts = new ModelTimeouts(millis(t.connectMillis(), d.connect()),
            millis(t.firstTokenMillis(), d.firstToken()), millis(t.totalMillis(), d.total()));
      } catch (IllegalArgumentException e) {
        throw new EngineConfigException("backends.timeouts: " + e.getMessage(), e);
      }
    }
    return new ServerConfig.Backends(openai.baseUrl(), openai.apiKey(), openai.apiKeyEnv(),
        b.ollama() == null ? null : b.ollama().baseUrl(), timeouts);
  }

  private static Duration millis(@Nullable Long value, Duration fallback) {
    return value == null ? fallback : Duration.ofMillis(value);
  }

  /** The {@code backends} section. */
  record BackendsDto(@Nullable OpenAiDto openai, @Nullable OllamaDto ollama, @Nullable TimeoutsDto timeouts) {}

  /** {@code backends.openai}. */
  record OpenAiDto(@Nullable String baseUrl, @Nullable String apiKey, @Nullable String apiKeyEnv) {
    /** Never prints the key. */
    @Override
    public String toString() {
      return "OpenAiDto[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "***") + "]";
    }
  }

  /** {@code backends.ollama}. */
  record OllamaDto(@Nullable String baseUrl) {}

  /** {@code backends.timeouts}. */
  record TimeoutsDto(@Nullable Long connectMillis, @Nullable Long firstTokenMillis, @Nullable Long totalMillis) {}
}
