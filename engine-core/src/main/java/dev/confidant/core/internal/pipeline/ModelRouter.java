package dev.confidant.core.internal.pipeline;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.AccessDeniedException;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ContentPart;
import dev.confidant.api.Content;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.ModelNotFoundException;
import dev.confidant.api.ResponseFormat;
import dev.confidant.api.Sampling;
import dev.confidant.api.Violation;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.StageContext;
import dev.confidant.core.ModelCapability;
import dev.confidant.core.ModelEndpoint;
import dev.confidant.core.ModelRegistry;
import dev.confidant.core.ModelSpec;
import dev.confidant.core.internal.resilience.ResilientInvoker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a request's public model id into the chain of backends to try: looks the id up in the
 * {@link ModelRegistry} (or sends unknown ids to the default backend), checks the caller's space and the model's
 * declared capabilities, applies the model's default sampling and renames the model to the backend's name for
 * each model of the fallback chain. A per-request {@link ModelEndpoint} pins the request to the {@code openai}
 * backend at that endpoint: unregistered ids go there, other backends are refused, and no fallback is tried.
 * Immutable and thread-safe.
 */
final class ModelRouter {
  /** The backend that honours a per-request {@link ModelEndpoint}. */
  private static final String OPENAI = "openai";
  private final ModelRegistry registry;
  private final Map<String, ModelBackend> backends;
  private final @Nullable String defaultBackend;

  ModelRouter(ModelRegistry registry, Map<String, ModelBackend> backends, @Nullable String defaultBackend) {
    this.registry = requireNonNull(registry, "registry");
    this.backends = Map.copyOf(backends);
    this.defaultBackend = defaultBackend;
  }

  /**
   * The chain for this request.
   *
   * @throws ModelNotFoundException if the id is unknown (and there is no default backend) or inactive
   * @throws AccessDeniedException if the caller's space may not use the model
   * @throws InvalidRequestException if the request needs a capability the model lacks, or carries its own
   *     endpoint for a model not served by the {@code openai} backend
   */
  List<ResilientInvoker.Target> route(ChatCompletionRequest request, StageContext context) {
    String model = requireNonNull(request.model(), "model");
    boolean ownEndpoint = ModelEndpoint.of(context).isPresent();
    boolean registered = registry.find(model).isPresent();
    ModelSpec spec;
    if (registered) {
      spec = registry.resolve(model);
    } else if (ownEndpoint && backends.containsKey(OPENAI)) {
      // The caller brought its own OpenAI-compatible endpoint: the id names a model there.
      spec = ModelSpec.of(model, OPENAI);
    } else if (defaultBackend != null && backends.containsKey(defaultBackend)) {
      spec = ModelSpec.of(model, defaultBackend);
    } else {
      throw new ModelNotFoundException("model '" + model + "' not found; available: " + registry.activeIds());
    }
    String space = context.request().spaceId();
    if (!spec.allows(space)) {
      throw new AccessDeniedException("model '" + model + "' is not available in "
          + (space == null ? "requests without a space" : "space '" + space + "'"));
    }
    if (ownEndpoint && !spec.backend().equals(OPENAI)) {
      // Never silently ignore the caller's endpoint (and never send its key elsewhere).
      throw new InvalidRequestException(List.of(Violation.of(List.of("header", "x-model-api-base-url"),
          "model '" + model + "' is served by backend '" + spec.backend() + "', which does not use a model API "
              + "base URL; send it only with models of the openai backend", "value_error")));
    }
    checkCapabilities(spec, request);
    List<ResilientInvoker.Target> chain = new ArrayList<>();
    // With the caller's own endpoint only that endpoint is tried: a fallback would send the prompt elsewhere.
    for (ModelSpec s : registered && !ownEndpoint ? registry.chain(spec) : List.of(spec)) {
      if (!s.allows(space)) {
        continue; // a fallback the caller may not use is skipped, not an error
      }
      ModelBackend backend = backends.get(s.backend());
      if (backend == null) {
        throw new ModelNotFoundException("model '" + s.id() + "' is served by backend '" + s.backend()
            + "', which this engine does not have; backends: " + backends.keySet());
      }
      chain.add(new ResilientInvoker.Target(s.id(), backend,
          request.withSampling(withDefaults(request.sampling(), s.defaults())).withModel(s.backendModel())));
    }
    return chain;
  }

  private static void checkCapabilities(ModelSpec spec, ChatCompletionRequest request) {
    Set<ModelCapability> has = spec.capabilities();
    if (has.isEmpty()) {
      return; // undeclared: the backend decides
    }
    List<Violation> v = new ArrayList<>();
    if (!request.tools().definitions().isEmpty() && !has.contains(ModelCapability.TOOLS)) {
      v.add(missing(List.of("body", "tools"), spec, "tools"));
    }
    if (request.responseFormat() instanceof ResponseFormat.JsonObject && !has.contains(ModelCapability.JSON_MODE)) {
      v.add(missing(List.of("body", "response_format"), spec, "JSON mode"));
    }
    if (request.responseFormat() instanceof ResponseFormat.JsonSchema && !has.contains(ModelCapability.JSON_SCHEMA)) {
      v.add(missing(List.of("body", "response_format"), spec, "JSON schemas"));
    }
    if (!has.contains(ModelCapability.VISION)) {
      for (int i = 0; i < request.messages().size(); i++) {
        if (request.messages().get(i).content() instanceof Content.Parts parts
            && parts.parts().stream().anyMatch(ContentPart.ImageUrlPart.class::isInstance)) {
          v.add(missing(List.of("body", "messages", i, "content"), spec, "images"));
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
