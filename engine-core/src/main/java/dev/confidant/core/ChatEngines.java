package dev.confidant.core;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.EngineConfigException;
import dev.confidant.api.RequestContext;
import dev.confidant.api.spi.EngineListener;
import dev.confidant.api.spi.EngineOption;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.ModelBackendProvider;
import dev.confidant.api.spi.PipelineStageProvider;
import dev.confidant.api.spi.StageChain;
import dev.confidant.api.spi.ToolProvider;
import dev.confidant.core.internal.pipeline.AccessControl;
import dev.confidant.core.internal.pipeline.Listeners;
import dev.confidant.core.internal.pipeline.PipelineEngine;
import dev.confidant.core.internal.pipeline.ProviderSet;
import dev.confidant.core.internal.validation.ValidationStageProvider;
import dev.confidant.core.internal.pipeline.SimpleEngineContext;
import dev.confidant.core.internal.resilience.ResilientInvoker;
import dev.confidant.core.internal.tools.ServerTools;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link ChatCompletionEngine}s from pipeline stages and model backends.
 *
 * <p>{@link Builder#build()} discovers providers with {@link java.util.ServiceLoader} (module path and class
 * path), applies the builder's additions, removals and replacements, checks names, orders stages by phase, order
 * and name, and creates every stage and backend once:
 * {@snippet class=dev.confidant.core.CoreSnippets region=build}
 */
public final class ChatEngines {
  /** The model id used when neither the request nor its context names one. */
  public static final String DEFAULT_MODEL = "confidant-tiny";
  /**
   * A request option: the model id that wins over the request body's {@code model} (what the REST API's
   * {@code X-Model} header carries).
   */
  public static final RequestContext.Option<String> MODEL = new RequestContext.Option<>("core.model", String.class);

  private ChatEngines() {}

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The model registry of an engine built by a {@link Builder}: the data of {@code GET /v1/models}.
   *
   * @return the registry, or an empty one for an engine made elsewhere
   */
  public static ModelRegistry models(ChatCompletionEngine engine) {
    return engine instanceof PipelineEngine pipeline ? pipeline.registry() : ModelRegistry.empty();
  }

  /** Configures an engine. Not thread-safe; build once, then share the engine. */
  public static final class Builder {
    private ClassLoader classLoader = ChatEngines.class.getClassLoader();
    private boolean discover = true;
    private final List<Consumer<ProviderSet<PipelineStageProvider>>> stageEdits = new ArrayList<>();
    private final List<Consumer<ProviderSet<ModelBackendProvider>>> backendEdits = new ArrayList<>();
    private final Map<EngineOption<?>, Object> options = new HashMap<>();
    private final List<ToolProvider> addedTools = new ArrayList<>();
    private final List<String> removedTools = new ArrayList<>();
    private final Map<String, ModelSpec> models = new LinkedHashMap<>();
    private ResilienceSettings resilience = ResilienceSettings.DEFAULT;
    private @Nullable String defaultBackend;
    private boolean routeUnknownModels = true;
    private String defaultModel = DEFAULT_MODEL;
    private AccessPolicy accessPolicy = AccessPolicy.OPEN;
    private final List<EngineListener.Factory> listeners = new ArrayList<>();

    private Builder() {}

    /** The class loader to discover providers with (default: the one that loaded Confidant). */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = requireNonNull(classLoader, "classLoader");
      return this;
    }

    /**
     * Whether to discover providers with {@link java.util.ServiceLoader} (default true). The {@code validation}
     * stage, which checks every request's rules, is added without discovery too; {@link #removeStage} removes it.
     */
    public Builder discover(boolean discover) {
      this.discover = discover;
      return this;
    }

    /** Adds a stage; its name must not be taken. */
    public Builder addStage(PipelineStageProvider provider) {
      requireNonNull(provider, "provider");
      return edit(stageEdits, set -> set.add(provider));
    }

    /** Removes a discovered or added stage; fails at build if there is none with this name. */
    public Builder removeStage(String name) {
      requireNonNull(name, "name");
      return edit(stageEdits, set -> set.remove(name));
    }

    /** Replaces the stage with this name. */
    public Builder replaceStage(String name, PipelineStageProvider provider) {
      requireNonNull(name, "name");
      requireNonNull(provider, "provider");
      return edit(stageEdits, set -> set.replace(name, provider));
    }

    /** Adds a model backend; its name must not be taken. */
    public Builder addBackend(ModelBackendProvider provider) {
      requireNonNull(provider, "provider");
      return edit(backendEdits, set -> set.add(provider));
    }

    /**
     * Adds a backend instance made outside the engine (a remote client, a test double). The engine closes it.
     */
    public Builder addBackend(ModelBackend backend) {
      requireNonNull(backend, "backend");
      String name = backend.name();
      return addBackend(new ModelBackendProvider() {
        @Override
        public String name() {
          return name;
        }

        @Override
        public ModelBackend create(dev.confidant.api.spi.EngineContext context) {
          return backend;
        }
      });
    }

    /** Removes a model backend. */
    public Builder removeBackend(String name) {
      requireNonNull(name, "name");
      return edit(backendEdits, set -> set.remove(name));
    }

    /** Replaces the model backend with this name. */
    public Builder replaceBackend(String name, ModelBackendProvider provider) {
      requireNonNull(name, "name");
      requireNonNull(provider, "provider");
      return edit(backendEdits, set -> set.replace(name, provider));
    }

    /** Records an edit that {@link #build()} applies, in call order, after discovery. */
    private <P> Builder edit(List<Consumer<ProviderSet<P>>> edits, Consumer<ProviderSet<P>> edit) {
      edits.add(edit);
      return this;
    }

    /**
     * Adds a server tool, run by the {@code tool-loop} stage when the model calls it (see {@link ToolOptions});
     * its name must not be taken.
     */
    public Builder addTool(ToolProvider tool) {
      addedTools.add(requireNonNull(tool, "tool"));
      return this;
    }

    /** Removes a discovered server tool; fails at build if none has this name. */
    public Builder removeTool(String name) {
      removedTools.add(requireNonNull(name, "name"));
      return this;
    }

    /** Sets an option read by stages and backends. */
    public <T> Builder option(EngineOption<T> option, T value) {
      requireNonNull(option, "option");
      options.put(option, option.type().cast(requireNonNull(value, "value")));
      return this;
    }

    /**
     * Routes a public model id to a backend, which gets the id as its model name: a shortcut for
     * {@code model(ModelSpec.of(modelId, backendName))}.
     */
    public Builder route(String modelId, String backendName) {
      return model(ModelSpec.of(requireNonNull(modelId, "modelId"), requireNonNull(backendName, "backendName")));
    }

    /** Adds a model to the registry, replacing one with the same id; fallbacks are checked at build. */
    public Builder model(ModelSpec spec) {
      requireNonNull(spec, "spec");
      models.put(spec.id(), spec);
      return this;
    }

    /** Adds every model of a registry (e.g. {@link ModelRegistry#load}), replacing those with the same ids. */
    public Builder models(ModelRegistry registry) {
      requireNonNull(registry, "registry").models().forEach(this::model);
      return this;
    }

    /**
     * The access rules: space members and roles, models per space, custom model endpoints and server tools per
     * space (default {@link AccessPolicy#OPEN}). The engine checks them before any stage runs.
     */
    public Builder accessPolicy(AccessPolicy policy) {
      this.accessPolicy = requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Adds a listener factory: each call gets a listener from every factory added, which sees the call's, the
     * stages' and the model calls' start and end events (tracing, metrics, audit logs). Without any, the engine
     * wraps nothing.
     */
    public Builder addListener(EngineListener.Factory factory) {
      listeners.add(requireNonNull(factory, "factory"));
      return this;
    }

    /** Retries, backoff and circuit breakers of model calls (default {@link ResilienceSettings#DEFAULT}). */
    public Builder resilience(ResilienceSettings settings) {
      this.resilience = requireNonNull(settings, "settings");
      return this;
    }

    /**
     * The backend for model ids without a route. Default: {@code jlama} when present, else the only backend;
     * with several backends and no default, unrouted model ids are rejected.
     */
    public Builder defaultBackend(String backendName) {
      this.defaultBackend = requireNonNull(backendName, "backendName");
      this.routeUnknownModels = true;
      return this;
    }

    /**
     * Rejects model ids that are not in the registry with a {@link dev.confidant.api.ModelNotFoundException}
     * listing the available ids, instead of sending them to a default backend (what a server with a configured
     * registry wants). A request with its own model endpoint may still name any model of that endpoint.
     */
    public Builder noDefaultBackend() {
      this.defaultBackend = null;
      this.routeUnknownModels = false;
      return this;
    }

    /** The model id used when neither the request nor its context names one (default {@value DEFAULT_MODEL}). */
    public Builder defaultModel(String modelId) {
      this.defaultModel = requireNonNull(modelId, "modelId");
      return this;
    }

    /**
     * Discovers, checks and creates everything.
     *
     * @throws EngineConfigException on duplicate or invalid names (of stages, backends or server tools), unknown
     *     backends, a fallback missing from the model registry, or a provider that fails
     */
    public ChatCompletionEngine build() {
      ProviderSet<PipelineStageProvider> stageProviders = new ProviderSet<>("pipeline stage", PipelineStageProvider::name);
      ProviderSet<ModelBackendProvider> backendProviders = new ProviderSet<>("model backend", ModelBackendProvider::name);
      if (discover) {
        stageProviders.discover(PipelineStageProvider.class, classLoader);
        backendProviders.discover(ModelBackendProvider.class, classLoader);
      }
      if (!stageProviders.contains(ValidationStageProvider.NAME)) {
        // The engine owns the request's rules (the JSON codec checks only shapes): its validation stage is there
        // with or without discovery, unless the builder removes it.
        stageProviders.add(new ValidationStageProvider());
      }
      stageEdits.forEach(edit -> edit.accept(stageProviders));
      backendEdits.forEach(edit -> edit.accept(backendProviders));

      String fallback = defaultBackend;
      if (!routeUnknownModels) {
        fallback = null;
      } else if (fallback == null) {
        List<String> names = backendProviders.names();
        fallback = names.contains("jlama") ? "jlama" : names.size() == 1 ? names.get(0) : null;
      } else if (!backendProviders.contains(fallback)) {
        throw backendProviders.notFound(fallback);
      }
      ModelRegistry registry = ModelRegistry.of(models.values());
      for (ModelSpec model : registry.models()) {
        if (!backendProviders.contains(model.backend())) {
          throw backendProviders.notFound(model.backend());
        }
      }
      if (backendProviders.names().isEmpty()) {
        throw new EngineConfigException("no model backend: add a backend module (engine-jlama, engine-openai or "
            + "engine-langchain4j) to the class path or call addBackend(...) on the builder");
      }

      Map<EngineOption<?>, Object> withTools = new HashMap<>(options);
      withTools.put(ServerTools.KEY, ServerTools.assemble(discover, classLoader, addedTools, removedTools));
      withTools.put(AccessControl.POLICY, accessPolicy);
      SimpleEngineContext context = new SimpleEngineContext(withTools);
      List<StageChain.Link> stages = stageProviders.all().stream()
          .sorted(Comparator.comparing(PipelineStageProvider::phase)
              .thenComparingInt(PipelineStageProvider::order)
              .thenComparing(PipelineStageProvider::name))
          .map(p -> new StageChain.Link(p.name(), p.phase(), p.create(context)))
          .toList();
      Map<String, ModelBackend> backends = new LinkedHashMap<>();
      for (ModelBackendProvider provider : backendProviders.all()) {
        backends.put(provider.name(), provider.create(context));
      }
      try {
        return new PipelineEngine(stages, backends, registry, fallback, defaultModel,
            ResilientInvoker.of(resilience), accessPolicy, Listeners.combine(listeners));
      } catch (IllegalArgumentException e) {
        throw new EngineConfigException(e.getMessage(), e);
      }
    }
  }
}
