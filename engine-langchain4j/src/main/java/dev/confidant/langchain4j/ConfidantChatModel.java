package dev.confidant.langchain4j;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.RequestContext;
import dev.confidant.langchain4j.internal.EngineResponses;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A Confidant engine as a LangChain4j {@link ChatModel}: every call runs the engine's whole pipeline (validation,
 * access control, retrieval, tool loop, pseudonymization, the model, detokenization), so that LangChain4j's
 * {@code AiServices}, chat memory and guardrails work on top of it. Requests are mapped field by field; what the
 * engine has no field for ({@code topK}, audio, video, PDF content) fails with LangChain4j's
 * {@code UnsupportedFeatureException}, and the engine's own exceptions ({@code InvalidRequestException},
 * {@code ModelInvocationException}, ...) reach the caller unchanged. Thread-safe: share one instance.
 *
 * {@snippet class=dev.confidant.langchain4j.Lc4jSnippets region=chat-model}
 */
public final class ConfidantChatModel extends EngineModel implements ChatModel {

  private ConfidantChatModel(Builder builder) {
    super(builder.engine, builder.model, builder.context);
  }

  /** A builder over an engine, which the caller keeps and closes. */
  public static Builder builder(ChatCompletionEngine engine) {
    return new Builder(requireNonNull(engine, "engine"));
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    return EngineResponses.of(engine.complete(request(request), context()));
  }

  /** Configures a {@link ConfidantChatModel} or {@link ConfidantStreamingChatModel}. Not thread-safe. */
  public static final class Builder {
    private final ChatCompletionEngine engine;
    private @Nullable String model;
    private Supplier<RequestContext> context = RequestContext::anonymous;

    private Builder(ChatCompletionEngine engine) {
      this.engine = engine;
    }

    /** The engine's model id for requests that name none (default: the engine's default model). */
    public Builder model(String modelId) {
      this.model = requireNonNull(modelId, "modelId");
      return this;
    }

    /**
     * The caller's context of every request (principal, space, thread, pseudonymization, collections; default
     * anonymous): {@code RequestContext.anonymous().with(Pseudonymization.KEY, Pseudonymization.ON)} masks personal
     * data (engine-pii).
     */
    public Builder context(RequestContext context) {
      requireNonNull(context, "context");
      this.context = () -> context;
      return this;
    }

    /** The caller's context, asked for on every request (for example from the current user's session). */
    public Builder context(Supplier<RequestContext> context) {
      this.context = requireNonNull(context, "context");
      return this;
    }

    /** A blocking model. */
    public ConfidantChatModel build() {
      return new ConfidantChatModel(this);
    }

    /** A streaming model with the same settings. */
    public ConfidantStreamingChatModel buildStreaming() {
      return new ConfidantStreamingChatModel(engine, model, context);
    }
  }
}
