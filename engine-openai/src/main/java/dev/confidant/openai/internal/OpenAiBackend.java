package dev.confidant.openai.internal;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.EngineConfigException;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.RequestContext;
import dev.confidant.api.ResponseOptions;
import dev.confidant.api.Violation;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.StageContext;
import dev.confidant.api.spi.TracePropagation;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.core.json.ChatJson;
import dev.confidant.core.remote.UpstreamExchange;
import dev.confidant.core.remote.UpstreamFailures.Disclosure;
import dev.confidant.openai.ModelEndpoint;
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.jspecify.annotations.Nullable;

/**
 * The {@code openai} backend: writes each request with {@link ChatJson} (every field, extra ones included), POSTs
 * it to {@code <base URL>/chat/completions} with {@code "stream": true} and
 * {@code "stream_options": {"include_usage": true}}, and reads the server-sent events as they arrive
 * ({@link SseCompletionStream}); a {@linkplain ModelBackend#COLLECTED collected} call asks for the whole completion
 * ({@code "stream": false}) and reads one JSON body, waiting for it up to the total timeout. A per-request
 * {@link ModelEndpoint} replaces the configured base URL and key; its failures never quote the upstream
 * ({@link Disclosure#STATUS_ONLY}). A call made on a virtual thread (the server's requests) to an {@code http} URL
 * goes through Helidon's blocking HTTP/1.1 client on that thread ({@link BlockingExchange}), because the JDK client's
 * selector thread and the hand-offs from it cost about a quarter of a gateway request's CPU; other calls (platform
 * threads, {@code https}) through the JDK client. Each client keeps its own connections (Helidon's at most 256 per
 * server). One daemon thread enforces every stream's timeouts (a task per open stream, removed when the stream
 * stops); thread-safe.
 */
public final class OpenAiBackend implements ModelBackend {
  /** The name of the backend the engine discovers. */
  public static final String NAME = "openai";
  private static final Header ACCEPT_EVENTS = HeaderValues.create(HeaderNames.ACCEPT, "text/event-stream");
  private static final HeaderName TRACEPARENT = HeaderNames.create("traceparent");

  private final String name;
  private final URI chatCompletions;
  private final @Nullable String apiKey;
  private final ModelTimeouts timeouts;
  private final Clock clock;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient jdk;
  private final Http1Client blocking;
  private final ScheduledThreadPoolExecutor deadlines;

  /**
   * @param name the backend's name
   * @param baseUrl the server's base URL, up to and including {@code /v1}
   * @param apiKey the bearer key, or {@code null} (or blank) to send none
   * @param timeouts connect, first-token and total limits
   * @param clock reads {@code Retry-After} dates
   * @throws EngineConfigException if the base URL is not an http(s) URL
   */
  public OpenAiBackend(String name, String baseUrl, @Nullable String apiKey, ModelTimeouts timeouts, Clock clock) {
    this.name = requireNonNull(name, "name");
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    this.timeouts = requireNonNull(timeouts, "timeouts");
    this.clock = requireNonNull(clock, "clock");
    URI uri = chatCompletions(requireNonNull(baseUrl, "baseUrl"));
    if (uri == null) {
      throw new EngineConfigException("backend '" + name + "': base URL must be an absolute http(s) URL up to "
          + "and including /v1, got '" + baseUrl + "'");
    }
    this.chatCompletions = uri;
    this.jdk = HttpClient.newBuilder()
        .connectTimeout(timeouts.connect())
        .followRedirects(HttpClient.Redirect.NEVER) // a redirect would carry the prompt and key elsewhere
        // The client's own tasks on virtual threads; the consumer reads the body. (Running them on the client's
        // selector thread instead, a direct executor, serialised every exchange on it: ~6x slower at 64 streams.)
        .executor(executor)
        .build();
    this.blocking = Http1Client.builder()
        .followRedirects(false)
        .sendExpectContinue(false) // no round trip before the body
        .shareConnectionCache(false)
        .socketOptions(SocketOptions.builder().connectTimeout(timeouts.connect()).readTimeout(timeouts.total())
            .tcpNoDelay(true).build()) // the request leaves at once
        .build();
    this.deadlines = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "confidant-" + name + "-deadlines");
      thread.setDaemon(true);
      return thread;
    });
    deadlines.setRemoveOnCancelPolicy(true); // a stream that ends in time leaves no task behind
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * Whether the request carries its own {@link ModelEndpoint}, which this backend calls instead of its server: only
   * the backend named {@value #NAME} does; other OpenAI-compatible backends (an Ollama {@code /v1}, a vLLM) always
   * call their configured server.
   */
  @Override
  public boolean usesCallerEndpoint(RequestContext request) {
    return name.equals(NAME) && request.option(ModelEndpoint.KEY).isPresent();
  }

  @Override
  public CompletionStream stream(ChatCompletionRequest request, StageContext context) {
    if (request.model() == null || request.model().isBlank()) {
      throw new InvalidRequestException(List.of(Violation.of(List.of("model"),
          "the " + name + " backend needs a model name", "missing")));
    }
    // The caller's own endpoint: the engine routed here only because the space allows it.
    ModelEndpoint endpoint = usesCallerEndpoint(context.request())
        ? context.request().option(ModelEndpoint.KEY).orElseThrow() : null;
    URI uri = chatCompletions;
    String key = apiKey;
    if (endpoint != null) {
      uri = chatCompletions(endpoint.baseUrl());
      key = endpoint.apiKey() == null || endpoint.apiKey().isBlank() ? null : endpoint.apiKey();
      if (uri == null) {
        throw new InvalidRequestException(List.of(Violation.of(List.of("options", "model_endpoint"),
            "the model API base URL must be an absolute http(s) URL", "value_error")));
      }
    }
    // A caller that takes the whole completion gets it from the server in one JSON body: no events to frame and
    // parse, and the server answers as the client asked.
    boolean whole = context.get(ModelBackend.COLLECTED).orElse(false);
    byte[] body;
    try {
      body = ChatJson.writeRequestBytes(request.withOptions(whole ? unstreamed(request.options())
          : streamed(request.options())));
    } catch (IllegalArgumentException e) { // a RawJson (schema, extra field) that is not JSON
      throw InvalidRequestException.of(List.of(), e.getMessage(), "json_invalid");
    }
    // Set by a tracing listener: the server's spans join the caller's trace (W3C trace context).
    String traceparent = context.get(TracePropagation.TRACEPARENT).orElse(null);
    Disclosure disclosure = endpoint == null ? Disclosure.MESSAGE : Disclosure.STATUS_ONLY;
    Exchange exchange = Thread.currentThread().isVirtual() && uri.getScheme().equalsIgnoreCase("http")
        ? blocking(uri, key, traceparent, body, whole) : jdk(uri, key, traceparent, body, whole);
    try {
      return new SseCompletionStream(name, exchange, timeouts, disclosure, key, deadlines, whole);
    } catch (RejectedExecutionException closed) {
      exchange.cancel();
      throw new IllegalStateException("backend '" + name + "' is closed", closed);
    }
  }

  /**
   * An exchange on Helidon's blocking client, read by the calling virtual thread. The stream's deadline task
   * interrupts the wait for the head and closes the response after it; the total timeout bounds every read as well.
   */
  private Exchange blocking(URI uri, @Nullable String key, @Nullable String traceparent, byte[] body,
      boolean whole) {
    Http1ClientRequest http = blocking.post().uri(uri)
        .readTimeout(timeouts.total())
        .header(HeaderValues.CONTENT_TYPE_JSON)
        .header(whole ? HeaderValues.ACCEPT_JSON : ACCEPT_EVENTS);
    if (key != null) {
      http.header(HeaderNames.AUTHORIZATION, "Bearer " + key);
    }
    if (traceparent != null) {
      http.header(TRACEPARENT, traceparent);
    }
    return new BlockingExchange(http, body, clock);
  }

  /** An exchange on the JDK client, whose selector thread hands the response to the reader. */
  private Exchange jdk(URI uri, @Nullable String key, @Nullable String traceparent, byte[] body, boolean whole) {
    HttpRequest.Builder http = HttpRequest.newBuilder(uri)
        // For the JDK the wait for the response head, which a whole completion sends when it is done.
        .timeout(whole ? timeouts.total() : timeouts.firstToken())
        .header("Content-Type", "application/json")
        .header("Accept", whole ? "application/json" : "text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (key != null) {
      http.header("Authorization", "Bearer " + key);
    }
    if (traceparent != null) {
      http.header("traceparent", traceparent);
    }
    return Exchange.of(UpstreamExchange.send(jdk, http.build(), clock));
  }

  /** The delivery options of a streamed call as sent upstream: streamed, always with the usage chunk. */
  private static ResponseOptions streamed(ResponseOptions o) {
    return new ResponseOptions(o.n(), true, true, o.logprobs(), o.topLogprobs(), o.user());
  }

  /**
   * The delivery options of a {@linkplain ModelBackend#COLLECTED collected} call: not streamed, and without
   * {@code stream_options}, which OpenAI refuses without {@code "stream": true} (a whole completion carries its usage).
   */
  private static ResponseOptions unstreamed(ResponseOptions o) {
    return new ResponseOptions(o.n(), false, null, o.logprobs(), o.topLogprobs(), o.user());
  }

  /** {@code <baseUrl>/chat/completions}, or {@code null} if the base URL is not an absolute http(s) URL. */
  private static @Nullable URI chatCompletions(String baseUrl) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    try {
      URI uri = URI.create(base + "/chat/completions");
      String scheme = uri.getScheme() == null ? "" : uri.getScheme();
      return (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) && uri.getHost() != null
          ? uri : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The deadline tasks waiting: one per open stream. */
  int pendingDeadlines() {
    return deadlines.getQueue().size();
  }

  @Override
  public void close() {
    // shutdownNow, not close: close() would wait for streams a caller never closed.
    jdk.shutdownNow();
    executor.shutdownNow();
    blocking.closeResource();
    deadlines.shutdownNow();
  }
}
