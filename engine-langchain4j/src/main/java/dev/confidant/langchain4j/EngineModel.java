package dev.confidant.langchain4j;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.RequestContext;
import dev.confidant.langchain4j.internal.EngineRequests;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What the blocking and the streaming engine model share: the engine, the default model id, the caller's context,
 * and the answers LangChain4j asks every model for. Immutable and thread-safe.
 */
abstract class EngineModel {
  final ChatCompletionEngine engine;
  private final @Nullable String model;
  private final Supplier<RequestContext> context;

  EngineModel(ChatCompletionEngine engine, @Nullable String model, Supplier<RequestContext> context) {
    this.engine = requireNonNull(engine, "engine");
    this.model = model;
    this.context = requireNonNull(context, "context");
  }

  /** The engine's request for a LangChain4j request. */
  final ChatCompletionRequest request(ChatRequest request) {
    return EngineRequests.of(request, model);
  }

  /** The caller's context for this request. */
  final RequestContext context() {
    return context.get();
  }

  /** The engine's model id, when one was set. */
  public ChatRequestParameters defaultRequestParameters() {
    return ChatRequestParameters.builder().modelName(model).build();
  }

  /** The engine validates JSON-schema replies and asks the model again when one does not fit. */
  public Set<Capability> supportedCapabilities() {
    return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
  }

  /** {@link ModelProvider#OTHER}: whichever backend answers is the engine's business. */
  public ModelProvider provider() {
    return ModelProvider.OTHER;
  }
}
