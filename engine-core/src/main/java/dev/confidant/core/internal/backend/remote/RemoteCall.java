package dev.confidant.core.internal.backend.remote;

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
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What the remote backends ({@code openai}, {@code ollama}) do alike for each request: map it to LangChain4j,
 * collecting every violation before rejecting it, then start the streaming call on a fresh cancellable transport
 * and map a failure to start. Only the parameters and the LangChain4j model differ. Stateless.
 */
public final class RemoteCall {

  /** Maps the request's parameters for one backend; adds what it cannot honour to {@code violations}. */
  @FunctionalInterface
  public interface Parameters<P extends ChatRequestParameters> {
    P of(ChatCompletionRequest request, String model, List<ToolSpecification> tools, List<Violation> violations);
  }

  /** Starts one LangChain4j streaming call on the transport, reporting to {@code stream}. */
  @FunctionalInterface
  public interface Starter {
    void start(UpstreamTransport transport, ChatRequest request, RemoteStream stream);
  }

  /**
   * A request mapped to LangChain4j.
   *
   * @param model the backend's model name
   * @param request the LangChain4j request
   */
  public record Mapped(String model, ChatRequest request) {}

  private RemoteCall() {}

  /**
   * Maps a request.
   *
   * @param images whether the backend accepts image parts
   * @throws InvalidRequestException listing everything the backend cannot honour
   */
  public static <P extends ChatRequestParameters> Mapped map(String backend, ChatCompletionRequest request,
      boolean images, Parameters<P> parameters) {
    List<Violation> violations = new ArrayList<>();
    String model = request.model();
    if (model == null || model.isBlank()) {
      violations.add(Violation.of(List.of("body", "model"), "the " + backend + " backend needs a model name",
          "missing"));
      model = "";
    }
    List<ChatMessage> messages = Lc4jMessages.messages(backend, request.messages(), images, violations);
    List<ToolSpecification> tools = Lc4jMessages.tools(backend, request.tools().definitions(), violations);
    P mapped = parameters.of(request, model, tools, violations);
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    return new Mapped(model, ChatRequest.builder().messages(messages).parameters(mapped).build());
  }

  /**
   * Starts the streaming call.
   *
   * @param transport a fresh transport for this request
   * @param secret a credential to keep out of messages, or {@code null}
   * @throws dev.confidant.api.ChatEngineException if the call fails to start
   */
  public static RemoteStream start(String backend, Mapped mapped, UpstreamTransport transport,
      ModelTimeouts timeouts, @Nullable String secret, Starter starter) {
    RemoteStream stream = new RemoteStream(backend, ChunkFactory.start(mapped.model()), transport, timeouts, secret);
    transport.attach(stream);
    try {
      starter.start(transport, mapped.request(), stream);
    } catch (RuntimeException e) {
      stream.close();
      throw Lc4jFailures.map(backend, e, secret);
    }
    return stream;
  }
}
