package dev.confidant.langchain4j;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.RequestContext;
import dev.confidant.langchain4j.internal.EngineStreaming;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A Confidant engine as a LangChain4j {@link StreamingChatModel}: the engine's stream, restored placeholders and
 * all, as LangChain4j's partial responses and tool calls, then the complete response. The handler is called on a
 * virtual thread of its own; the {@code StreamingHandle} in each callback's context cancels the engine stream,
 * which stops the model. A request the engine rejects fails the {@code chat} call itself. Made by
 * {@link ConfidantChatModel.Builder#buildStreaming()}. Thread-safe: share one instance.
 */
public final class ConfidantStreamingChatModel extends EngineModel implements StreamingChatModel {

  ConfidantStreamingChatModel(ChatCompletionEngine engine, @Nullable String model, Supplier<RequestContext> context) {
    super(engine, model, context);
  }

  @Override
  public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
    EngineStreaming.run(engine.stream(request(request), context()), handler);
  }
}
