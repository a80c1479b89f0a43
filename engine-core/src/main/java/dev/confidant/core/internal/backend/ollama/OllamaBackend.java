package dev.confidant.core.internal.backend.ollama;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.StageContext;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.core.internal.backend.remote.RemoteCall;
import dev.confidant.core.internal.backend.remote.UpstreamTransport;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The {@code ollama} backend: streams every completion from Ollama's {@code /api/chat} with langchain4j-ollama,
 * over an {@link UpstreamTransport} that keeps statuses, {@code Retry-After} and timeouts.
 * A LangChain4j model is made per request (it is a cheap wrapper; the JDK HTTP client underneath is shared), so
 * that each request has its own cancellable transport. Thread-safe.
 */
public final class OllamaBackend implements ModelBackend {
  /** The backend's name. */
  public static final String NAME = "ollama";

  private final String baseUrl;
  private final ModelTimeouts timeouts;
  private final Clock clock;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http;

  /**
   * @param baseUrl the server's base URL, e.g. {@code http://localhost:11434}
   * @param timeouts connect, first-token and total limits
   * @param clock reads {@code Retry-After} dates
   */
  public OllamaBackend(String baseUrl, ModelTimeouts timeouts, Clock clock) {
    this.baseUrl = requireNonNull(baseUrl, "baseUrl");
    this.timeouts = requireNonNull(timeouts, "timeouts");
    this.clock = requireNonNull(clock, "clock");
    this.http = HttpClient.newBuilder()
        .connectTimeout(timeouts.connect())
        .executor(executor) // the body is read with blocking I/O, one virtual thread per stream
        .build();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CompletionStream stream(ChatCompletionRequest request, StageContext context) {
    RemoteCall.Mapped mapped = RemoteCall.map(NAME, request, false, OllamaParameters::of);
    UpstreamTransport transport =
        new UpstreamTransport(http, UpstreamTransport.Protocol.NDJSON, timeouts.firstToken(), clock);
    return RemoteCall.start(NAME, mapped, transport, timeouts, null, (t, chatRequest, stream) ->
        OllamaStreamingChatModel.builder()
            .httpClientBuilder(t.asBuilder())
            .baseUrl(baseUrl)
            .build()
            .chat(chatRequest, stream));
  }

  @Override
  public void close() {
    // shutdownNow, not close: close() would wait for streams a caller never closed.
    http.shutdownNow();
    executor.shutdownNow();
  }
}
