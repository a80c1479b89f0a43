package dev.confidant.core.internal.backend.openai;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.StageContext;
import dev.confidant.core.ModelEndpoint;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.core.internal.backend.remote.RemoteCall;
import dev.confidant.core.internal.resilience.UpstreamTransport;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * The {@code openai} backend: streams every completion from an OpenAI-compatible server with
 * langchain4j-open-ai, over an {@link UpstreamTransport} that keeps statuses, {@code Retry-After} and timeouts.
 * A LangChain4j model is made per request (it is a cheap wrapper; the JDK HTTP client underneath is shared), so
 * that each request has its own cancellable transport. Thread-safe.
 */
public final class OpenAiBackend implements ModelBackend {
  /** The backend's name. */
  public static final String NAME = "openai";

  private final String baseUrl;
  private final @Nullable String apiKey;
  private final ModelTimeouts timeouts;
  private final Clock clock;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http;

  /**
   * @param baseUrl the server's base URL, up to and including {@code /v1}
   * @param apiKey the bearer key, or {@code null} to send none
   * @param timeouts connect, first-token and total limits
   * @param clock reads {@code Retry-After} dates
   */
  public OpenAiBackend(String baseUrl, @Nullable String apiKey, ModelTimeouts timeouts, Clock clock) {
    this.baseUrl = requireNonNull(baseUrl, "baseUrl");
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
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
    RemoteCall.Mapped mapped = RemoteCall.map(NAME, request, true, OpenAiParameters::of);
    // A per-request endpoint (X-Model-Api-Base-Url / X-Model-Api-Key), set by a stage that checked the space.
    ModelEndpoint endpoint = ModelEndpoint.of(context).orElse(null);
    String url = endpoint == null ? baseUrl : endpoint.baseUrl();
    String key = endpoint == null ? apiKey : endpoint.apiKey();
    UpstreamTransport transport =
        new UpstreamTransport(http, UpstreamTransport.Protocol.SSE, timeouts.firstToken(), clock);
    return RemoteCall.start(NAME, mapped, transport, timeouts, key, (t, chatRequest, stream) ->
        OpenAiStreamingChatModel.builder()
            .httpClientBuilder(t.asBuilder())
            .baseUrl(url)
            .apiKey(key)
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
