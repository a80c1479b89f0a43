package dev.confidant.core.internal.pipeline;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.AccessDeniedException;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.Content;
import dev.confidant.api.ContentPart;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.ModelNotFoundException;
import dev.confidant.api.RequestContext;
import dev.confidant.api.ResponseFormat;
import dev.confidant.api.Sampling;
import dev.confidant.api.Violation;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.StageContext;
import dev.confidant.core.AccessPolicy;
import dev.confidant.core.ModelCapability;
import dev.confidant.core.ModelRegistry;
import dev.confidant.core.ModelSpec;
import dev.confidant.core.Route;
import dev.confidant.core.SpaceRole;
import dev.confidant.core.internal.resilience.ResilientInvoker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides where a request goes and whether it may, before any stage runs: checks the caller's rights in the space
 * ({@link AccessPolicy}), resolves the public model id among the models the space may use (unknown ids go to the
 * default backend when there is one), checks the model's declared capabilities against the request, and lists the
 * fallbacks the space may use ({@link #route}). After the stages, {@link #targets} turns that {@link Route} into the
 * calls to make: the model's default sampling applied and the model renamed to the backend's name, per model. A
 * request that names its own endpoint of a backend ({@link ModelBackend#usesCallerEndpoint}) is pinned to that
 * backend: unregistered ids go there, other backends are refused, and no fallback is tried. Immutable and
 * thread-safe.
 */
final class ModelRouter {
  private final ModelRegistry registry;
  private final Map<String, ModelBackend> backends;
  private final @Nullable String defaultBackend;
  private final AccessPolicy policy;

  ModelRouter(ModelRegistry registry, Map<String, ModelBackend> backends, @Nullable String defaultBackend,
      AccessPolicy policy) {
    this.registry = requireNonNull(registry, "registry");
    this.backends = Map.copyOf(backends);
    this.defaultBackend = defaultBackend;
    this.policy = requireNonNull(policy, "policy");
  }

  /**
   * Decides the route of a request; reads and writes nothing.
   *
   * @throws AccessDeniedException if the caller may not chat in the request's space, or may not send its own
   *     model endpoint there
   * @throws ModelNotFoundException if the id is blank, unknown (and there is no default backend), inactive or
   *     restricted to other spaces; the message lists the ids the caller's space may use, and reads the same for
   *     a model restricted to another space as for one that does not exist
   * @throws InvalidRequestException if the request needs a capability the model lacks, or carries its own
   *     endpoint for a model of a backend that does not use it
   */
  Route route(ChatCompletionRequest request, StageContext context) {
    String model = requireNonNull(request.model(), "model");
    RequestContext caller = context.request();
    String space = caller.spaceId();
    SpaceRole role = policy.check(caller.principal(), space, AccessPolicy.Operation.CHAT);
    // The backends that would call the caller's own endpoint (the openai backend's option), by name.
    List<String> redirected = backends.entrySet().stream().filter(b -> b.getValue().usesCallerEndpoint(caller))
        .map(Map.Entry::getKey).sorted().toList();
    boolean ownEndpoint = !redirected.isEmpty();
    if (ownEndpoint && !policy.allowsCustomModelEndpoint(space)) {
      throw new AccessDeniedException("Custom model endpoints are not allowed in "
          + (space == null ? "requests without a space" : "space '" + space + "'")
          + "; the access policy must allow them for the space");
    }
    Optional<ModelSpec> registered = registry.find(model);
    ModelSpec spec;
    if (registered.isPresent()) {
      spec = registered.filter(m -> m.active() && policy.allowsModel(space, m))
          .orElseThrow(() -> notFound(model, space));
    } else if (model.isBlank()) {
      throw notFound(model, space);
    } else if (ownEndpoint) {
      // The caller brought its own endpoint: the id names a model there.
      spec = ModelSpec.of(model, redirected.get(0));
    } else if (defaultBackend != null && backends.containsKey(defaultBackend)) {
      spec = ModelSpec.of(model, defaultBackend);
    } else {
      throw notFound(model, space);
    }
    if (ownEndpoint && !redirected.contains(spec.backend())) {
      // Never silently ignore the caller's endpoint (and never send its key elsewhere).
      throw new InvalidRequestException(List.of(Violation.of(List.of("options", "model_endpoint"),
          "model '" + model + "' is served by backend '" + spec.backend() + "', which does not use a model API "
              + "base URL; send it only with models of the " + String.join(" or ", redirected) + " backend",
          "value_error")));
    }
    checkCapabilities(spec, request);
    List<ModelSpec> models = new ArrayList<>();
    // With the caller's own endpoint only that endpoint is tried: a fallback would send the prompt elsewhere.
    for (ModelSpec s : registered.isPresent() && !ownEndpoint ? registry.chain(spec) : List.of(spec)) {
      if (!policy.allowsModel(space, s)) {
        continue; // a fallback the caller may not use is skipped, not an error
      }
      if (!backends.containsKey(s.backend())) {
        throw new ModelNotFoundException("model '" + s.id() + "' is served by backend '" + s.backend()
            + "', which this engine does not have; backends: " + backends.keySet());
      }
      models.add(s);
    }
    return new Route(role, models, ownEndpoint);
  }

  /** The calls a route makes with the request as the stages left it, in order. */
  List<ResilientInvoker.Target> targets(Route route, ChatCompletionRequest request) {
    List<ResilientInvoker.Target> chain = new ArrayList<>(route.models().size());
    for (ModelSpec s : route.models()) {
      chain.add(new ResilientInvoker.Target(s.id(), backends.get(s.backend()),
          request.withSampling(withDefaults(request.sampling(), s.defaults())).withModel(s.backendModel())));
    }
    return chain;
  }

  /** The ids of the active models this space may use. */
  List<String> available(@Nullable String space) {
    return registry.models().stream().filter(m -> m.active() && policy.allowsModel(space, m))
        .map(ModelSpec::id).toList();
  }

  private ModelNotFoundException notFound(String model, @Nullable String space) {
    return new ModelNotFoundException("model '" + model + "' not found; available: " + available(space));
  }

  private static void checkCapabilities(ModelSpec spec, ChatCompletionRequest request) {
    Set<ModelCapability> has = spec.capabilities();
    if (has.isEmpty()) {
      return; // undeclared: the backend decides
    }
    List<Violation> v = new ArrayList<>();
    if (!request.tools().definitions().isEmpty() && !has.contains(ModelCapability.TOOLS)) {
      v.add(missing(List.of("tools"), spec, "tools"));
    }
    if (request.responseFormat() instanceof ResponseFormat.JsonObject && !has.contains(ModelCapability.JSON_MODE)) {
      v.add(missing(List.of("response_format"), spec, "JSON mode"));
    }
    if (request.responseFormat() instanceof ResponseFormat.JsonSchema && !has.contains(ModelCapability.JSON_SCHEMA)) {
      v.add(missing(List.of("response_format"), spec, "JSON schemas"));
    }
    if (!has.contains(ModelCapability.VISION)) {
      for (int i = 0; i < request.messages().size(); i++) {
        if (request.messages().get(i).content() instanceof Content.Parts parts
            && parts.parts().stream().anyMatch(ContentPart.ImageUrlPart.class::isInstance)) {
          v.add(missing(List.of("messages", i, "content"), spec, "images"));
        }
      }
    }
    if (!v.isEmpty()) {
      throw new InvalidRequestException(v);
    }
  }

  private static Violation missing(List<Object> loc, ModelSpec spec, String what) {
    return Violation.of(loc, "model '" + spec.id() + "' does not support " + what + "; its capabilities: "
        + spec.capabilities().stream().map(ModelCapability::wireName).sorted().toList(), "value_error");
  }

  /** The request's sampling, with the model's defaults where the request sets nothing. */
  static Sampling withDefaults(Sampling request, Sampling defaults) {
    if (defaults.equals(Sampling.DEFAULT)) {
      return request;
    }
    return new Sampling(
        request.temperature() != null ? request.temperature() : defaults.temperature(),
        request.topP() != null ? request.topP() : defaults.topP(),
        request.maxTokens() != null || request.maxCompletionTokens() != null ? request.maxTokens()
            : defaults.maxTokens(),
        request.maxTokens() != null || request.maxCompletionTokens() != null ? request.maxCompletionTokens()
            : defaults.maxCompletionTokens(),
        request.stop().isEmpty() ? defaults.stop() : request.stop(),
        request.seed() != null ? request.seed() : defaults.seed(),
        request.frequencyPenalty() != null ? request.frequencyPenalty() : defaults.frequencyPenalty(),
        request.presencePenalty() != null ? request.presencePenalty() : defaults.presencePenalty(),
        request.logitBias().isEmpty() ? defaults.logitBias() : request.logitBias());
  }
}
