package dev.confidant.core;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.Sampling;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the {@link ModelRegistry}: a public model id (what callers send as {@code model} or
 * {@code X-Model}) and how to serve it. Immutable and thread-safe.
 *
 * @param id the public model id
 * @param backend the model backend's name ({@code jlama}, {@code ollama}, {@code openai}, ...)
 * @param backendModel the model name the backend is sent (defaults to {@code id})
 * @param displayName a human-readable name
 * @param providerSlug who provides the model ({@code openai}, {@code meta}, {@code local}, ...)
 * @param contextWindow prompt plus completion tokens, or {@code null} when unknown
 * @param capabilities what the model can do; a request that needs more is rejected. Empty means undeclared:
 *     the backend alone decides what it accepts
 * @param defaults sampling fields applied where the request sets none
 * @param allowedSpaces the spaces that may use the model; empty means every space (the engine's
 *     {@link AccessPolicy#allowsModel} applies it)
 * @param fallbacks model ids tried in order when this one fails with a retryable error
 * @param active whether the model is served; inactive models are listed but rejected
 * @param ownedBy who owns the model, as {@code GET /v1/models} lists it ({@code owned_by}; default
 *     {@code confidant})
 * @param modelDir the directory of the model's files for an in-process backend ({@code jlama}), or {@code null}
 *     for the backend's default
 */
public record ModelSpec(
    String id,
    String backend,
    String backendModel,
    String displayName,
    String providerSlug,
    @Nullable Integer contextWindow,
    Set<ModelCapability> capabilities,
    Sampling defaults,
    Set<String> allowedSpaces,
    List<String> fallbacks,
    boolean active,
    String ownedBy,
    @Nullable Path modelDir) {

  public ModelSpec {
    requireNonNull(id, "id");
    requireNonNull(backend, "backend");
    requireNonNull(backendModel, "backendModel");
    requireNonNull(displayName, "displayName");
    requireNonNull(providerSlug, "providerSlug");
    requireNonNull(ownedBy, "ownedBy");
    capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
    defaults = defaults == null ? Sampling.DEFAULT : defaults;
    allowedSpaces = Set.copyOf(new LinkedHashSet<>(allowedSpaces));
    fallbacks = List.copyOf(fallbacks);
    if (id.isBlank() || backendModel.isBlank()) {
      throw new IllegalArgumentException("model id and backend model must not be blank");
    }
    if (contextWindow != null && contextWindow < 1) {
      throw new IllegalArgumentException("context window of '" + id + "' must be positive: " + contextWindow);
    }
    if (fallbacks.contains(id)) {
      throw new IllegalArgumentException("model '" + id + "' lists itself as a fallback");
    }
  }

  /** A model served by {@code backend} under its own id, with undeclared capabilities and no fallbacks. */
  public static ModelSpec of(String id, String backend) {
    return builder(id, backend).build();
  }

  /** A builder with the defaults of {@link #of}. */
  public static Builder builder(String id, String backend) {
    return new Builder(id, backend);
  }

  /** A builder holding this model's values, to vary some of them. */
  public Builder toBuilder() {
    return builder(id, backend).backendModel(backendModel).displayName(displayName).providerSlug(providerSlug)
        .contextWindow(contextWindow).capabilities(capabilities).defaults(defaults).allowedSpaces(allowedSpaces)
        .fallbacks(fallbacks).active(active).ownedBy(ownedBy).modelDir(modelDir);
  }

  /** Builds a {@link ModelSpec}. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private final String backend;
    private @Nullable String backendModel;
    private @Nullable String displayName;
    private String providerSlug;
    private @Nullable Integer contextWindow;
    private final Set<ModelCapability> capabilities = EnumSet.noneOf(ModelCapability.class);
    private Sampling defaults = Sampling.DEFAULT;
    private final Set<String> allowedSpaces = new LinkedHashSet<>();
    private final List<String> fallbacks = new ArrayList<>();
    private boolean active = true;
    private String ownedBy = "confidant";
    private @Nullable Path modelDir;

    private Builder(String id, String backend) {
      this.id = requireNonNull(id, "id");
      this.backend = requireNonNull(backend, "backend");
      this.providerSlug = backend;
    }

    /** The model name the backend is sent (default: the id). */
    public Builder backendModel(String backendModel) {
      this.backendModel = requireNonNull(backendModel, "backendModel");
      return this;
    }

    /** The human-readable name (default: the id). */
    public Builder displayName(String displayName) {
      this.displayName = requireNonNull(displayName, "displayName");
      return this;
    }

    /** Who provides the model (default: the backend's name). */
    public Builder providerSlug(String providerSlug) {
      this.providerSlug = requireNonNull(providerSlug, "providerSlug");
      return this;
    }

    /** Prompt plus completion tokens, or {@code null} when unknown (the default). */
    public Builder contextWindow(@Nullable Integer contextWindow) {
      this.contextWindow = contextWindow;
      return this;
    }

    /** Replaces the capabilities (default none declared). */
    public Builder capabilities(Set<ModelCapability> capabilities) {
      this.capabilities.clear();
      this.capabilities.addAll(capabilities);
      return this;
    }

    /** Sampling fields applied where a request sets none (default: none). */
    public Builder defaults(Sampling defaults) {
      this.defaults = requireNonNull(defaults, "defaults");
      return this;
    }

    /** The spaces that may use the model (default: empty, every space). */
    public Builder allowedSpaces(Set<String> spaces) {
      allowedSpaces.clear();
      allowedSpaces.addAll(spaces);
      return this;
    }

    /** Model ids tried in order when this one fails (default: none). */
    public Builder fallbacks(List<String> modelIds) {
      fallbacks.clear();
      fallbacks.addAll(modelIds);
      return this;
    }

    /** Whether the model is served (default true). */
    public Builder active(boolean active) {
      this.active = active;
      return this;
    }

    /** Who owns the model, as {@code GET /v1/models} lists it (default {@code confidant}). */
    public Builder ownedBy(String ownedBy) {
      this.ownedBy = requireNonNull(ownedBy, "ownedBy");
      return this;
    }

    /** The directory of the model's files for an in-process backend (default: the backend's own). */
    public Builder modelDir(@Nullable Path modelDir) {
      this.modelDir = modelDir;
      return this;
    }

    /**
     * @throws IllegalArgumentException if a value is out of range
     */
    public ModelSpec build() {
      return new ModelSpec(id, backend, backendModel == null ? id : backendModel,
          displayName == null ? id : displayName, providerSlug, contextWindow, capabilities, defaults,
          allowedSpaces, fallbacks, active, ownedBy, modelDir);
    }
  }
}
