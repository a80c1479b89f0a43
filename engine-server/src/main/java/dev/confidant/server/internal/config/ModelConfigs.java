package dev.confidant.server.internal.config;

import static dev.confidant.server.internal.config.YamlConfigReader.required;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.confidant.api.EngineConfigException;
import dev.confidant.api.Sampling;
import dev.confidant.jlama.JlamaModels;
import dev.confidant.core.ModelCapability;
import dev.confidant.core.ModelSpec;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code models} and {@code backends} sections of the YAML configuration, bound to nullable DTOs and mapped
 * onto engine-core's {@link ModelSpec} and the server's {@link ServerConfig.Backends}. Stateless and thread-safe.
 */
final class ModelConfigs {
  private ModelConfigs() {}

  /** Maps one {@code models[]} entry, naming the entry in every error. */
  static ServerConfig.ModelEntry toEntry(ModelDto m) {
    String id = required(m.id(), "models[].id");
    String at = "models[" + id + "]";
    ModelSpec.Builder b = ModelSpec.builder(id, required(m.backend(), at + ".backend"));
    if (m.backendModel() != null) {
      b.backendModel(m.backendModel());
    }
    if (m.displayName() != null) {
      b.displayName(m.displayName());
    }
    if (m.providerSlug() != null) {
      b.providerSlug(m.providerSlug());
    }
    Path modelDir = m.modelDir() == null ? null : Path.of(m.modelDir());
    Integer window = m.contextWindow();
    if (window == null && "jlama".equals(m.backend())) {
      // What the jlama backend will enforce, read from the model's config.json (the tiny model's without a dir).
      window = JlamaModels.contextWindow(modelDir).stream().boxed().findFirst().orElse(null);
    }
    b.contextWindow(window);
    if (m.capabilities() != null) {
      b.capabilities(capabilities(m.capabilities(), at));
    }
    if (m.defaults() != null) {
      b.defaults(m.defaults().toSampling());
    }
    if (m.allowedSpaces() != null) {
      b.allowedSpaces(new LinkedHashSet<>(m.allowedSpaces()));
    }
    if (m.fallbacks() != null) {
      b.fallbacks(m.fallbacks());
    }
    b.active(m.active() == null || m.active());
    ModelSpec spec;
    try {
      spec = b.build();
    } catch (IllegalArgumentException e) {
      throw new EngineConfigException(at + ": " + e.getMessage(), e);
    }
    return new ServerConfig.ModelEntry(spec, m.ownedBy(), modelDir);
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

  private static Set<ModelCapability> capabilities(List<String> names, String at) {
    Set<ModelCapability> out = EnumSet.noneOf(ModelCapability.class);
    for (String name : names) {
      out.add(ModelCapability.fromWireName(name).orElseThrow(() -> new EngineConfigException(at
          + ".capabilities: unknown capability '" + name + "'; known: "
          + Arrays.stream(ModelCapability.values()).map(ModelCapability::wireName).toList())));
    }
    return out;
  }

  /** A {@code models[]} entry as written. */
  record ModelDto(@Nullable String id, @Nullable String backend, @Nullable String backendModel,
      @Nullable String displayName, @Nullable String providerSlug, @Nullable String ownedBy,
      @Nullable Integer contextWindow, @Nullable List<String> capabilities, @Nullable DefaultsDto defaults,
      @Nullable List<String> allowedSpaces, @Nullable List<String> fallbacks,
      @JsonAlias("is-active") @Nullable Boolean active, @Nullable String modelDir) {}

  /** {@code models[].defaults}: sampling applied where a request sets none. */
  record DefaultsDto(@Nullable Double temperature, @Nullable Double topP, @Nullable Integer maxTokens,
      @Nullable Integer maxCompletionTokens, @Nullable List<String> stop, @Nullable Long seed,
      @Nullable Double frequencyPenalty, @Nullable Double presencePenalty) {
    Sampling toSampling() {
      return new Sampling(temperature, topP, maxTokens, maxCompletionTokens, stop == null ? List.of() : stop, seed,
          frequencyPenalty, presencePenalty, Map.of());
    }
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
