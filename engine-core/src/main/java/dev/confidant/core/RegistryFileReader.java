package dev.confidant.core;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.confidant.api.EngineConfigException;
import dev.confidant.api.Sampling;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one reader of model registries, in the key style of the server's configuration ({@code backend-model},
 * {@code allowed-spaces}, ...), so that a {@code models:} block reads the same in a registry file and in
 * {@code confidant.yaml}. Jackson's tree model (no reflection, so no {@code opens} is needed): every key is consumed
 * and unknown ones are errors naming their place ({@code models[2].fallback}). Stateless.
 */
final class RegistryFileReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> MODEL_KEYS = Set.of("id", "backend", "backend-model", "display-name",
      "provider-slug", "owned-by", "context-window", "capabilities", "defaults", "allowed-spaces", "fallbacks",
      "active", "is-active", "model-dir");
  private static final Set<String> DEFAULT_KEYS = Set.of("temperature", "top-p", "max-tokens",
      "max-completion-tokens", "stop", "seed", "frequency-penalty", "presence-penalty");

  private RegistryFileReader() {}

  static List<ModelSpec> read(String text, boolean yaml, String source) {
    JsonNode root;
    try {
      root = (yaml ? YAML : JSON).readTree(text);
    } catch (JacksonException e) {
      throw new EngineConfigException("model registry " + source + " is not valid " + (yaml ? "YAML" : "JSON")
          + ": " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject() || !root.path("models").isArray()) {
      throw new EngineConfigException("model registry " + source + " must be an object with a 'models' list");
    }
    unknownKeys(root, Set.of("models"), "", source);
    List<ModelSpec> specs = new ArrayList<>();
    JsonNode models = root.path("models");
    for (int i = 0; i < models.size(); i++) {
      String at = "models[" + i + "]";
      JsonNode m = models.get(i);
      if (!m.isObject()) {
        throw new EngineConfigException(source + ": " + at + " must be an object");
      }
      unknownKeys(m, MODEL_KEYS, at + ".", source);
      ModelSpec.Builder b = ModelSpec.builder(text(m, "id", at, source, true), text(m, "backend", at, source, true));
      String value = text(m, "backend-model", at, source, false);
      if (value != null) {
        b.backendModel(value);
      }
      if ((value = text(m, "display-name", at, source, false)) != null) {
        b.displayName(value);
      }
      if ((value = text(m, "provider-slug", at, source, false)) != null) {
        b.providerSlug(value);
      }
      if ((value = text(m, "owned-by", at, source, false)) != null) {
        b.ownedBy(value);
      }
      if ((value = text(m, "model-dir", at, source, false)) != null) {
        b.modelDir(Path.of(value));
      }
      if (m.has("context-window")) {
        b.contextWindow(integer(m.get("context-window"), at + ".context-window", source));
      }
      if (m.has("capabilities")) {
        Set<ModelCapability> capabilities = EnumSet.noneOf(ModelCapability.class);
        for (String name : strings(m.get("capabilities"), at + ".capabilities", source)) {
          capabilities.add(ModelCapability.fromWireName(name).orElseThrow(() -> new EngineConfigException(source
              + ": " + at + ".capabilities: unknown capability '" + name + "'; known: "
              + java.util.Arrays.stream(ModelCapability.values()).map(ModelCapability::wireName).toList())));
        }
        b.capabilities(capabilities);
      }
      if (m.has("defaults")) {
        b.defaults(defaults(m.get("defaults"), at + ".defaults", source));
      }
      if (m.has("allowed-spaces")) {
        b.allowedSpaces(new LinkedHashSet<>(strings(m.get("allowed-spaces"), at + ".allowed-spaces", source)));
      }
      if (m.has("fallbacks")) {
        b.fallbacks(strings(m.get("fallbacks"), at + ".fallbacks", source));
      }
      if (m.has("active") && m.has("is-active")) {
        throw new EngineConfigException(source + ": " + at + " sets both active and is-active; keep one");
      }
      for (String key : List.of("active", "is-active")) {
        if (m.has(key)) {
          if (!m.get(key).isBoolean()) {
            throw new EngineConfigException(source + ": " + at + "." + key + " must be true or false");
          }
          b.active(m.get(key).asBoolean());
        }
      }
      try {
        specs.add(b.build());
      } catch (IllegalArgumentException e) {
        throw new EngineConfigException(source + ": " + at + ": " + e.getMessage(), e);
      }
    }
    return specs;
  }

  private static Sampling defaults(JsonNode d, String at, String source) {
    if (!d.isObject()) {
      throw new EngineConfigException(source + ": " + at + " must be an object");
    }
    unknownKeys(d, DEFAULT_KEYS, at + ".", source);
    return new Sampling(number(d, "temperature", at, source), number(d, "top-p", at, source),
        d.has("max-tokens") ? integer(d.get("max-tokens"), at + ".max-tokens", source) : null,
        d.has("max-completion-tokens") ? integer(d.get("max-completion-tokens"), at + ".max-completion-tokens",
            source) : null,
        d.has("stop") ? strings(d.get("stop"), at + ".stop", source) : List.of(),
        d.has("seed") ? integer64(d.get("seed"), at + ".seed", source) : null,
        number(d, "frequency-penalty", at, source), number(d, "presence-penalty", at, source), Map.of());
  }

  private static void unknownKeys(JsonNode node, Set<String> known, String prefix, String source) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new EngineConfigException(source + ": unknown key '" + prefix + name + "'; known keys: "
            + known.stream().sorted().toList());
      }
    }
  }

  private static @Nullable String text(JsonNode m, String key, String at, String source, boolean required) {
    JsonNode v = m.get(key);
    if (v == null || v.isNull()) {
      if (required) {
        throw new EngineConfigException(source + ": " + at + "." + key + " is required");
      }
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new EngineConfigException(source + ": " + at + "." + key + " must be a non-empty string");
    }
    return v.asText();
  }

  private static @Nullable Double number(JsonNode d, String key, String at, String source) {
    JsonNode v = d.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw new EngineConfigException(source + ": " + at + "." + key + " must be a number");
    }
    return v.asDouble();
  }

  private static int integer(JsonNode v, String at, String source) {
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new EngineConfigException(source + ": " + at + " must be an integer");
    }
    return v.asInt();
  }

  private static long integer64(JsonNode v, String at, String source) {
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new EngineConfigException(source + ": " + at + " must be an integer");
    }
    return v.asLong();
  }

  private static List<String> strings(JsonNode v, String at, String source) {
    if (!v.isArray()) {
      throw new EngineConfigException(source + ": " + at + " must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw new EngineConfigException(source + ": " + at + " must be a list of strings");
      }
      out.add(item.asText());
    }
    return out;
  }
}
