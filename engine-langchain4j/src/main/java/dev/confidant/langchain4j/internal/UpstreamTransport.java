package dev.confidant.langchain4j.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.core.remote.StreamProtocolException;
import dev.confidant.core.remote.UpstreamExchange;
import dev.confidant.core.remote.UpstreamStatusException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP transport of one streamed request, given to a LangChain4j model in place of its own client. It does
 * what LangChain4j's {@code JdkHttpClient} does not: keeps {@code Retry-After}, bounds the wait for the response
 * head, checks that every event is well-formed JSON, notices a stream that ends without its terminator, and can be
 * cancelled from any thread (closing the body unblocks the reader at once). Failures go to the {@link Sink} before
 * LangChain4j hears of them, so the sink sees the precise cause; LangChain4j's own later callbacks are then ignored
 * by the sink. One instance per request; thread-safe.
 */
final class UpstreamTransport implements HttpClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How a stream marks its end: OpenAI's SSE {@code data: [DONE]}, Ollama's NDJSON {@code "done": true}, or
   * whatever the model's own parser understands ({@code OPAQUE}: events are not checked, and the end of the body
   * is left to the model to judge).
   */
  public enum Protocol { SSE, NDJSON, OPAQUE }

  /** Receives the transport's verdicts. Implementations must be thread-safe and idempotent. */
  public interface Sink {
    /** The request failed; the first failure wins. */
    void fail(Throwable failure);

    /** The body ended (after LangChain4j saw every event). */
    void ended();
  }

  private final java.net.http.HttpClient http;
  private final Protocol protocol;
  private final Duration headTimeout;
  private final Clock clock;
  private volatile @Nullable Sink sink;
  private volatile @Nullable UpstreamExchange exchange;
  private volatile boolean cancelled;

  /**
   * @param http the shared JDK client (its connect timeout applies)
   * @param protocol the stream's framing
   * @param headTimeout the longest wait for the response status and headers
   * @param clock reads {@code Retry-After} dates
   */
  public UpstreamTransport(java.net.http.HttpClient http, Protocol protocol, Duration headTimeout, Clock clock) {
    this.http = requireNonNull(http, "http");
    this.protocol = requireNonNull(protocol, "protocol");
    this.headTimeout = requireNonNull(headTimeout, "headTimeout");
    this.clock = requireNonNull(clock, "clock");
  }

  /** Sets who hears failures and the end; call before the model executes the request. */
  public void attach(Sink sink) {
    this.sink = requireNonNull(sink, "sink");
  }

  /** A LangChain4j builder that returns this transport (its timeouts are ours, so its settings are ignored). */
  public HttpClientBuilder asBuilder() {
    UpstreamTransport self = this;
    return new HttpClientBuilder() {
      private @Nullable Duration connect;
      private @Nullable Duration read;

      @Override
      public @Nullable Duration connectTimeout() {
        return connect;
      }

      @Override
      public HttpClientBuilder connectTimeout(@Nullable Duration timeout) {
        connect = timeout;
        return this;
      }

      @Override
      public @Nullable Duration readTimeout() {
        return read;
      }

      @Override
      public HttpClientBuilder readTimeout(@Nullable Duration timeout) {
        read = timeout;
        return this;
      }

      @Override
      public HttpClient build() {
        return self;
      }
    };
  }

  /** Stops the exchange: aborts a pending request or closes the body being read. Idempotent. */
  public void cancel() {
    cancelled = true;
    UpstreamExchange started = exchange;
    if (started != null) {
      started.cancel();
    }
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    // The remote backends always stream; a blocking call would escape cancellation and timeouts.
    throw new IllegalStateException("the Confidant transport only streams");
  }

  @Override
  public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    UpstreamExchange started = UpstreamExchange.send(http, toJdk(request), clock);
    exchange = started;
    if (cancelled) {
      started.cancel();
    }
    // Never on the caller's thread: the caller of the model's chat() must not read the body itself, out of reach
    // of the first-token and total timeouts its consumer enforces.
    http.executor().orElse(READERS).execute(() -> {
      InputStream in;
      try {
        in = started.body();
      } catch (IOException e) {
        report(e, listener);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        report(e, listener);
        return;
      }
      stream(in, parser, listener);
    });
  }

  /** Reads bodies when the JDK client has no executor of its own: a virtual thread per stream. */
  private static final Executor READERS = task -> Thread.ofVirtual().name("confidant-upstream-body").start(task);

  private void stream(InputStream in, ServerSentEventParser parser, ServerSentEventListener listener) {
    listener.onOpen(SuccessfulHttpResponse.builder().statusCode(200).build());
    CheckingListener checking = new CheckingListener(listener);
    try {
      parser.parse(in, checking);
    } catch (RuntimeException e) {
      report(e, listener);
      return;
    } finally {
      closeQuietly(in);
    }
    if (checking.failure != null) {
      return; // already reported
    }
    if (!checking.terminated && !cancelled && protocol != Protocol.OPAQUE) {
      report(new IOException("the stream ended before its " + (protocol == Protocol.SSE
          ? "'data: [DONE]'" : "'\"done\": true' line") + " (truncated)"), listener);
      return;
    }
    listener.onClose();
    Sink s = sink;
    if (s != null) {
      s.ended();
    }
  }

  private void report(Throwable failure, ServerSentEventListener listener) {
    Sink s = sink;
    if (s != null) {
      s.fail(failure);
    }
    try {
      listener.onError(failure);
    } catch (RuntimeException ignored) {
      // LangChain4j's handler only forwards to the sink, which already has the failure
    }
  }

  private java.net.http.HttpRequest toJdk(HttpRequest request) {
    java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder()
        .uri(URI.create(request.url()))
        .timeout(headTimeout); // for the JDK this is the wait for the response head, not for the whole body
    request.headers().forEach((name, values) -> {
      if (values != null && !"content-length".equalsIgnoreCase(name) && !"host".equalsIgnoreCase(name)) {
        values.forEach(value -> builder.header(name, value));
      }
    });
    String text = request.body();
    builder.method(request.method().name(), text == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
        : java.net.http.HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
    return builder.build();
  }

  private static void closeQuietly(@Nullable InputStream in) {
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // closing to cancel: nothing left to do
      }
    }
  }

  /** Checks each event before LangChain4j sees it: LangChain4j's Ollama client swallows unparsable lines. */
  private final class CheckingListener implements ServerSentEventListener {
    private final ServerSentEventListener delegate;
    private volatile boolean terminated;
    private volatile @Nullable Throwable failure;

    CheckingListener(ServerSentEventListener delegate) {
      this.delegate = delegate;
    }

    @Override
    public void onEvent(ServerSentEvent event) {
      throw new IllegalStateException("the parser must pass a context");
    }

    @Override
    public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
      if (failure != null || cancelled) {
        context.parsingHandle().cancel();
        return;
      }
      String data = event.data();
      if (protocol == Protocol.OPAQUE) {
        delegate.onEvent(event, context);
        return;
      }
      if (protocol == Protocol.NDJSON && (data == null || data.isBlank())) {
        return; // blank lines between NDJSON records carry nothing
      }
      if (protocol == Protocol.SSE && "[DONE]".equals(data)) {
        terminated = true;
        delegate.onEvent(event, context);
        return;
      }
      JsonNode node;
      try {
        node = JSON.readTree(data);
      } catch (IOException | RuntimeException e) {
        fail(new StreamProtocolException("malformed JSON in the model's stream",
            data == null ? "" : data.length() > 80 ? data.substring(0, 80) + "..." : data), context);
        return;
      }
      if (node == null || !node.isObject()) {
        fail(new StreamProtocolException("the model's stream sent a non-object event"), context);
        return;
      }
      if (protocol == Protocol.NDJSON && node.path("done").asBoolean(false)) {
        terminated = true;
      }
      if (node.has("error")) {
        // Both protocols report errors that occur after the status line inside the stream.
        fail(new UpstreamStatusException(500, data, null), context);
        return;
      }
      delegate.onEvent(event, context);
    }

    private void fail(Throwable error, ServerSentEventContext context) {
      failure = error;
      context.parsingHandle().cancel();
      report(error, delegate);
    }

    @Override
    public void onError(Throwable throwable) {
      if (failure == null) {
        failure = throwable;
        report(throwable, delegate);
      }
    }

    @Override
    public void onClose() {
      // the transport decides when the stream closed properly
    }
  }
}
