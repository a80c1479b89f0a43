package dev.confidant.core;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.confidant.api.EngineConfigException;
import dev.confidant.api.Sampling;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads registry files with Jackson's tree model (no reflection, so no {@code opens} is needed): every key is
 * consumed and unknown ones are errors naming their place ({@code models[2].fallback}). Stateless.
 */
final class RegistryFileReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> MODEL_KEYS = Set.of("id", "backend", "backend_model", "display_name",
      "provider_slug", "context_window", "capabilities", "defaults", "allowed_spaces", "fallbacks", "is_active");
  private static final Set<String> DEFAULT_KEYS = Set.of("temperature", "top_p", "max_tokens",
      "max_completion_tokens", "stop", "seed", "frequency_penalty", "presence_penalty");

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
      String value = text(m, "backend_model", at, source, false);
      if (value != null) {
        b.backendModel(value);
      }
      if ((value = text(m, "display_name", at, source, false)) != null) {
        b.displayName(value);
      }
      if ((value = text(m, "provider_slug", at, source, false)) != null) {
        b.providerSlug(value);
      }
      if (m.has("context_window")) {
        b.contextWindow(integer(m.get("context_window"), at + ".context_window", source));
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
      if (m.has("allowed_spaces")) {
        b.allowedSpaces(new LinkedHashSet<>(strings(m.get("allowed_spaces"), at + ".allowed_spaces", source)));
      }
      if (m.has("fallbacks")) {
        b.fallbacks(strings(m.get("fallbacks"), at + ".fallbacks", source));
      }
      if (m.has("is_active")) {
        if (!m.get("is_active").isBoolean()) {
          throw new EngineConfigException(source + ": " + at + ".is_active must be true or false");
        }
        b.active(m.get("is_active").asBoolean());
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
    return new Sampling(number(d, "temperature", at, source), number(d, "top_p", at, source),
        d.has("max_tokens") ? integer(d.get("max_tokens"), at + ".max_tokens", source) : null,
        d.has("max_completion_tokens") ? integer(d.get("max_completion_tokens"), at + ".max_completion_tokens",
            source) : null,
        d.has("stop") ? strings(d.get("stop"), at + ".stop", source) : List.of(),
        d.has("seed") ? (long) integer(d.get("seed"), at + ".seed", source) : null,
        number(d, "frequency_penalty", at, source), number(d, "presence_penalty", at, source), Map.of());
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
