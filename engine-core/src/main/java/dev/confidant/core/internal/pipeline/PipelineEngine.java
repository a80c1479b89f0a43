package dev.confidant.core.internal.pipeline;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.RequestContext;
import dev.confidant.api.spi.EngineListener;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.Phase;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.StageChain;
import dev.confidant.api.spi.StageContext;
import dev.confidant.core.AccessPolicy;
import dev.confidant.core.ChatEngines;
import dev.confidant.core.ModelRegistry;
import dev.confidant.core.Route;
import dev.confidant.core.internal.resilience.ResilientInvoker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: runs a request through the stages in phase order, with its own {@value #ACCESS_CONTROL} step first in
 * {@link Phase#AUTHORIZE} (after the {@link Phase#VALIDATE} stages, which only check): it checks the caller's rights
 * and resolves the model id ({@link ModelRouter}) and puts the {@link Route} into the call's {@link StageContext}, so
 * that nothing is searched, written or sent for a request that is not allowed and routable. After the last stage the
 * model call goes to that route, with retries, fallbacks and circuit breakers. Failures reach the caller as the
 * API's exceptions. Thread-safe; stages, backends and breakers are shared by all requests.
 */
public final class PipelineEngine implements ChatCompletionEngine {
  /** The name of the engine's own authorization and routing step, which no builder can remove or replace. */
  public static final String ACCESS_CONTROL = "access-control";
  private static final Logger LOG = LoggerFactory.getLogger(PipelineEngine.class);

  private final List<StageChain.Link> stages;
  private final List<StageChain.Link> observedStages;
  private final EngineListener.@Nullable Factory listeners;
  private final Map<String, ModelBackend> backends;
  private final ModelRouter router;
  private final ResilientInvoker invoker;
  private final ModelRegistry registry;
  private final String defaultModel;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param stages stages in execution order
   * @param backends backends by name
   * @param registry the models, with their backends and fallbacks
   * @param defaultBackend backend for model ids not in the registry, or {@code null} to reject them
   * @param defaultModel model id used when neither the context nor the request names one
   * @param invoker retries, fallbacks and breakers
   * @param policy the access rules
   * @throws IllegalArgumentException if a stage is named {@value #ACCESS_CONTROL}
   */
  public PipelineEngine(List<StageChain.Link> stages, Map<String, ModelBackend> backends, ModelRegistry registry,
      @Nullable String defaultBackend, String defaultModel, ResilientInvoker invoker, AccessPolicy policy) {
    this(stages, backends, registry, defaultBackend, defaultModel, invoker, policy, null);
  }

  /**
   * An engine whose calls report to listeners (see the other constructor for the other parameters).
   *
   * @param listeners creates each call's listener, or {@code null} for none (then nothing is wrapped)
   */
  public PipelineEngine(List<StageChain.Link> stages, Map<String, ModelBackend> backends, ModelRegistry registry,
      @Nullable String defaultBackend, String defaultModel, ResilientInvoker invoker, AccessPolicy policy,
      EngineListener.@Nullable Factory listeners) {
    this.backends = Map.copyOf(backends);
    this.registry = requireNonNull(registry, "registry");
    this.router = new ModelRouter(registry, backends, defaultBackend, policy);
    this.stages = withAccessControl(stages, router);
    this.listeners = listeners;
    // Stages are wrapped only for listeners that want their events: each wrapper costs on every call and chunk.
    this.observedStages = listeners == null || !listeners.observesStages() ? this.stages
        : Observation.stages(this.stages);
    this.invoker = requireNonNull(invoker, "invoker");
    this.defaultModel = requireNonNull(defaultModel, "defaultModel");
  }

  /** The stages with the access-control step in front of the first stage after {@link Phase#VALIDATE}. */
  private static List<StageChain.Link> withAccessControl(List<StageChain.Link> stages, ModelRouter router) {
    List<StageChain.Link> all = new ArrayList<>(stages);
    if (all.stream().anyMatch(s -> s.name().equals(ACCESS_CONTROL))) {
      throw new IllegalArgumentException("the stage name '" + ACCESS_CONTROL + "' is the engine's own");
    }
    int at = 0;
    while (at < all.size() && all.get(at).phase() == Phase.VALIDATE) {
      at++;
    }
    PipelineStage accessControl = chain -> {
      chain.context().put(Route.KEY, router.route(chain.request(), chain.context()));
      return chain.proceed(chain.request());
    };
    all.add(at, new StageChain.Link(ACCESS_CONTROL, Phase.AUTHORIZE, accessControl));
    return List.copyOf(all);
  }

  /** The engine's models (for {@code GET /v1/models}). */
  public ModelRegistry registry() {
    return registry;
  }

  /** The stage names in execution order (for diagnostics and tests). */
  public List<String> stageNames() {
    return stages.stream().map(StageChain.Link::name).toList();
  }

  @Override
  public ChatCompletionResponse complete(ChatCompletionRequest request, RequestContext context) {
    return run(request, context, true).collect();
  }

  @Override
  public CompletionStream stream(ChatCompletionRequest request, RequestContext context) {
    return StageChain.forCaller(request, run(request, context, false));
  }

  /** @param collected whether the caller takes the whole completion ({@link ModelBackend#COLLECTED}) */
  private CompletionStream run(ChatCompletionRequest request, RequestContext context, boolean collected) {
    requireNonNull(request, "request");
    requireNonNull(context, "context");
    if (closed.get()) {
      throw new IllegalStateException("engine is closed");
    }
    String model = context.option(ChatEngines.MODEL)
        .orElse(request.model() != null ? request.model() : defaultModel);
    StageContext stageContext = new StageContext(context);
    if (collected) {
      stageContext.put(ModelBackend.COLLECTED, true);
    }
    ChatCompletionRequest routed = request.withModel(model);
    if (listeners == null) {
      return StageChain.run(stages, routed, stageContext, this::invoke);
    }
    EngineListener listener = Observation.start(listeners, routed, stageContext);
    return Observation.call(listener, () -> StageChain.run(observedStages, routed, stageContext, this::invoke));
  }

  private CompletionStream invoke(ChatCompletionRequest request, StageContext context) {
    Route route = context.get(Route.KEY).orElseThrow(() -> new IllegalStateException(
        "no route: the " + ACCESS_CONTROL + " step did not run"));
    List<ResilientInvoker.Target> targets = router.targets(route, request);
    if (listeners == null) {
      return invoker.invoke(targets, context);
    }
    return Observation.modelCall(targets.get(0).backend().name(), request, context,
        (r, c) -> invoker.invoke(targets, c));
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      for (ModelBackend backend : backends.values()) {
        try {
          backend.close();
        } catch (RuntimeException e) {
          LOG.warn("closing model backend '{}' failed", backend.name(), e);
        }
      }
    }
  }
}
