package dev.confidant.core;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.EngineConfigException;
import dev.confidant.api.ModelNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The models an engine serves: public model id to backend, backend model, defaults, capabilities, allowed spaces
 * and fallback chain, plus what {@code GET /v1/models} lists. Built in code or loaded from a JSON or YAML file whose
 * {@code models} list is written exactly like the {@code models:} block of the server's {@code confidant.yaml}, so a
 * block moves between the two unchanged:
 * {@snippet lang=yaml :
 * models:
 *   - id: gpt-4o
 *     backend: openai
 *     backend-model: gpt-4o-2024-08-06
 *     display-name: GPT-4o
 *     provider-slug: openai
 *     owned-by: openai
 *     context-window: 128000
 *     capabilities: [chat, streaming, tools, json_mode, json_schema, vision]
 *     defaults: {temperature: 0.7, max-tokens: 1024}
 *     allowed-spaces: [space_abc123]
 *     fallbacks: [llama3]
 *     active: true
 *   - id: llama3
 *     backend: ollama
 *     backend-model: llama3.2:3b
 * }
 * {@code is-active} is accepted for {@code active}; {@code model-dir} names a local model directory for the
 * {@code jlama} backend.
 * Immutable and thread-safe.
 */
public final class ModelRegistry {
  private static final ModelRegistry EMPTY = new ModelRegistry(Map.of());
  private final Map<String, ModelSpec> models;

  private ModelRegistry(Map<String, ModelSpec> models) {
    this.models = models;
  }

  /** No models. */
  public static ModelRegistry empty() {
    return EMPTY;
  }

  /**
   * A registry of these models, in this order.
   *
   * @throws EngineConfigException on a duplicate id or a fallback that is not in the registry
   */
  public static ModelRegistry of(Collection<ModelSpec> specs) {
    Map<String, ModelSpec> byId = new LinkedHashMap<>();
    for (ModelSpec spec : specs) {
      if (byId.putIfAbsent(spec.id(), spec) != null) {
        throw new EngineConfigException("duplicate model id '" + spec.id() + "' in the model registry");
      }
    }
    for (ModelSpec spec : byId.values()) {
      for (String fallback : spec.fallbacks()) {
        if (!byId.containsKey(fallback)) {
          throw new EngineConfigException("model '" + spec.id() + "' falls back to '" + fallback
              + "', which is not in the registry; available: " + byId.keySet());
        }
      }
    }
    return new ModelRegistry(java.util.Collections.unmodifiableMap(byId));
  }

  /**
   * Loads a registry file: YAML for {@code .yaml}/{@code .yml}, else JSON. Unknown keys are errors.
   *
   * @throws EngineConfigException if the file cannot be read or is invalid, naming the offending entry
   */
  public static ModelRegistry load(Path file) {
    requireNonNull(file, "file");
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return parse(text, name.endsWith(".yaml") || name.endsWith(".yml"), file.toString());
    } catch (IOException e) {
      throw new EngineConfigException("cannot read model registry " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses registry text.
   *
   * @param yaml whether the text is YAML (else JSON)
   * @throws EngineConfigException if it is invalid
   */
  public static ModelRegistry parse(String text, boolean yaml) {
    return parse(text, yaml, yaml ? "YAML registry" : "JSON registry");
  }

  /**
   * Parses registry text; {@code source} names it in error messages (a file, {@code confidant.yaml}).
   *
   * @param yaml whether the text is YAML (else JSON)
   * @throws EngineConfigException if it is invalid
   */
  public static ModelRegistry parse(String text, boolean yaml, String source) {
    return of(RegistryFileReader.read(text, yaml, source));
  }

  /** A registry with one more model (or this id replaced). */
  public ModelRegistry with(ModelSpec spec) {
    Map<String, ModelSpec> copy = new LinkedHashMap<>(models);
    copy.put(spec.id(), spec);
    return of(copy.values());
  }

  /** This registry's models followed by {@code other}'s; ids of {@code other} replace equal ones. */
  public ModelRegistry plus(ModelRegistry other) {
    Map<String, ModelSpec> copy = new LinkedHashMap<>(models);
    other.models.values().forEach(spec -> copy.put(spec.id(), spec));
    return of(copy.values());
  }

  /** Every model, active or not, in registration order (the data of {@code GET /v1/models}). */
  public List<ModelSpec> models() {
    return List.copyOf(models.values());
  }

  /** The ids of the active models. */
  public List<String> activeIds() {
    return models.values().stream().filter(ModelSpec::active).map(ModelSpec::id).toList();
  }

  /** The model with this id, active or not. */
  public Optional<ModelSpec> find(String id) {
    return Optional.ofNullable(models.get(id));
  }

  /**
   * The active model with this id.
   *
   * @throws ModelNotFoundException if there is none, listing the active ids
   */
  public ModelSpec resolve(String id) {
    ModelSpec spec = models.get(id);
    if (spec == null) {
      throw new ModelNotFoundException("model '" + id + "' not found; available: " + activeIds());
    }
    if (!spec.active()) {
      throw new ModelNotFoundException("model '" + id + "' is not active; available: " + activeIds());
    }
    return spec;
  }

  /** The model and then its active fallbacks, in order. */
  public List<ModelSpec> chain(ModelSpec first) {
    List<ModelSpec> chain = new ArrayList<>();
    chain.add(first);
    for (String id : first.fallbacks()) {
      ModelSpec fallback = models.get(id);
      if (fallback != null && fallback.active()) {
        chain.add(fallback);
      }
    }
    return List.copyOf(chain);
  }

  @Override
  public String toString() {
    return "ModelRegistry" + models.keySet();
  }
}
