package dev.confidant.langchain4j.internal;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.Violation;
import dev.confidant.api.spi.ChunkFactory;
import dev.confidant.core.ModelTimeouts;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What every LangChain4j backend does alike for each request: map it to LangChain4j, collecting every violation
 * before rejecting it, then start the streaming call into a {@link RemoteStream} and map a failure to start. Only
 * the parameters and the way the model is called differ. Stateless.
 */
final class RemoteCall {

  /** Maps the request's parameters for one backend; adds what it cannot honour to {@code violations}. */
  @FunctionalInterface
  interface Parameters {
    ChatRequestParameters of(ChatCompletionRequest request, List<ToolSpecification> tools,
        List<Violation> violations);
  }

  /** Starts one LangChain4j call reporting to {@code stream}; registers on it how to cancel the call. */
  @FunctionalInterface
  interface Starter {
    void start(ChatRequest request, RemoteStream stream);
  }

  private RemoteCall() {}

  /**
   * Maps a request.
   *
   * @param images whether the backend accepts image parts
   * @throws InvalidRequestException listing everything the backend cannot honour
   */
  static ChatRequest map(String backend, ChatCompletionRequest request, boolean images, Parameters parameters) {
    List<Violation> violations = new ArrayList<>();
    List<ChatMessage> messages = Lc4jMessages.messages(backend, request.messages(), images, violations);
    List<ToolSpecification> tools = Lc4jMessages.tools(backend, request.tools().definitions(), violations);
    ChatRequestParameters mapped = parameters.of(request, tools, violations);
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    return ChatRequest.builder().messages(messages).parameters(mapped).build();
  }

  /**
   * Starts the streaming call.
   *
   * @param model the model name the chunks report
   * @param secret a credential to keep out of messages, or {@code null}
   * @throws dev.confidant.api.ChatEngineException if the call fails to start
   */
  static RemoteStream start(String backend, String model, ChatRequest request, ModelTimeouts timeouts,
      @Nullable String secret, Starter starter) {
    RemoteStream stream = new RemoteStream(backend, ChunkFactory.start(model), timeouts, secret);
    try {
      starter.start(request, stream);
    } catch (RuntimeException e) {
      stream.close();
      throw Lc4jFailures.map(backend, e, secret);
    }
    return stream;
  }
}
