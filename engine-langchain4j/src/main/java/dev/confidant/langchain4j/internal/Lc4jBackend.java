package dev.confidant.langchain4j.internal;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.StageContext;
import dev.confidant.core.ModelTimeouts;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A model backend over a LangChain4j chat model. Each request is mapped to a LangChain4j {@link ChatRequest}
 * (every field the model cannot honour is rejected first), the model is called, and what it pushes is pulled by the
 * consumer as OpenAI-ordered chunks ({@link RemoteStream}, which also enforces the first-token and total timeouts).
 * How the model is called, and so how closing the stream stops it, depends on the {@link Source}. Thread-safe when
 * the model is.
 */
public final class Lc4jBackend implements ModelBackend {

  /** Where the model comes from. */
  public sealed interface Source {
    /**
     * A streaming model instance. Closing a stream cancels LangChain4j's streaming handle, once the model has
     * passed one with a partial response; until then, and for models that pass none, the call runs on unheard.
     */
    record Streaming(StreamingChatModel model) implements Source {
      public Streaming {
        requireNonNull(model, "model");
      }
    }

    /** A blocking model, called on a virtual thread that closing the stream interrupts; its reply comes whole. */
    record Blocking(ChatModel model) implements Source {
      public Blocking {
        requireNonNull(model, "model");
      }
    }

    /**
     * A streaming model made for each request around the engine's own HTTP transport: closing the stream closes
     * the HTTP response, statuses keep {@code Retry-After}, and a wire protocol the engine knows is checked
     * (malformed and truncated streams fail).
     */
    record PerRequest(Function<HttpClientBuilder, ? extends StreamingChatModel> factory,
        UpstreamTransport.Protocol protocol) implements Source {
      public PerRequest {
        requireNonNull(factory, "factory");
        requireNonNull(protocol, "protocol");
      }
    }
  }

  private final String name;
  private final Source source;
  private final RemoteCall.Parameters parameters;
  private final boolean images;
  private final ModelTimeouts timeouts;
  private final Clock clock;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http;

  /**
   * @param name the backend's name
   * @param source the model
   * @param parameters maps a request's fields to the model's parameters, rejecting what it cannot honour
   * @param images whether the model accepts image parts
   * @param timeouts connect, first-token and total limits
   * @param clock reads {@code Retry-After} dates
   */
  Lc4jBackend(String name, Source source, RemoteCall.Parameters parameters, boolean images, ModelTimeouts timeouts,
      Clock clock) {
    this.name = requireNonNull(name, "name");
    this.source = requireNonNull(source, "source");
    this.parameters = requireNonNull(parameters, "parameters");
    this.images = images;
    this.timeouts = requireNonNull(timeouts, "timeouts");
    this.clock = requireNonNull(clock, "clock");
    this.http = HttpClient.newBuilder()
        .connectTimeout(timeouts.connect())
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(executor) // the body is read with blocking I/O, one virtual thread per stream
        .build();
  }

  /** A backend over a model instance or factory the user made, with the generic parameter mapping. */
  public static Lc4jBackend of(String name, Source source, ModelTimeouts timeouts) {
    return new Lc4jBackend(name, source, Lc4jParameters::of, true, timeouts, Clock.systemUTC());
  }

  /** A backend making a model per request around the engine's transport, for any provider's wire protocol. */
  public static Lc4jBackend perRequest(String name, Function<HttpClientBuilder, ? extends StreamingChatModel> factory,
      ModelTimeouts timeouts) {
    return of(name, new Source.PerRequest(factory, UpstreamTransport.Protocol.OPAQUE), timeouts);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public CompletionStream stream(ChatCompletionRequest request, StageContext context) {
    ChatRequest mapped = RemoteCall.map(name, request, images, parameters);
    String model = request.model() == null || request.model().isBlank() ? name : request.model();
    return RemoteCall.start(name, model, mapped, timeouts, null, (chatRequest, stream) -> {
      switch (source) {
        case Source.Streaming s -> {
          stream.requireFinishReason(); // the model's own client: a cut-off body still completes
          s.model().chat(chatRequest, stream);
        }
        case Source.PerRequest p -> {
          if (p.protocol() == UpstreamTransport.Protocol.OPAQUE) {
            stream.requireFinishReason(); // the transport cannot tell a cut-off body from a complete one
          }
          UpstreamTransport transport = new UpstreamTransport(http, p.protocol(), timeouts.firstToken(), clock);
          transport.attach(stream);
          stream.onCancel(transport::cancel);
          p.factory().apply(transport.asBuilder()).chat(chatRequest, stream);
        }
        case Source.Blocking b -> {
          Thread call = Thread.ofVirtual().name("confidant-" + name + "-call")
              .unstarted(() -> callBlocking(b.model(), chatRequest, stream));
          stream.onCancel(call::interrupt);
          call.start();
        }
      }
    });
  }

  /** Calls a blocking model and replays its reply into the stream as one content fragment and whole tool calls. */
  private static void callBlocking(ChatModel model, ChatRequest request, RemoteStream stream) {
    ChatResponse response;
    try {
      response = model.chat(request);
    } catch (RuntimeException e) {
      stream.onError(e);
      return;
    }
    AiMessage message = response.aiMessage();
    if (message.text() != null && !message.text().isEmpty()) {
      stream.onPartialResponse(message.text());
    }
    List<ToolExecutionRequest> calls = message.toolExecutionRequests();
    for (int i = 0; i < calls.size(); i++) {
      stream.onCompleteToolCall(new CompleteToolCall(i, calls.get(i)));
    }
    stream.onCompleteResponse(response);
  }

  @Override
  public void close() {
    // shutdownNow, not close: close() would wait for streams a caller never closed.
    http.shutdownNow();
    executor.shutdownNow();
  }
}
