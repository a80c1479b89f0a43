package dev.confidant.langchain4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.sse.DefaultServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

class UpstreamTransportTest {
  /** A JDK client whose response head is already there when sendAsync returns: the race, made certain. */
  private static final class AnsweredClient extends HttpClient {
    private final PipedInputStream body;

    AnsweredClient(PipedInputStream body) {
      this.body = body;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(java.net.http.HttpRequest request,
        HttpResponse.BodyHandler<T> handler) {
      @SuppressWarnings("unchecked")
      HttpResponse<T> response = (HttpResponse<T>) new Response(request, body);
      return CompletableFuture.completedFuture(response);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(java.net.http.HttpRequest request,
        HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> push) {
      return sendAsync(request, handler);
    }

    @Override
    public <T> HttpResponse<T> send(java.net.http.HttpRequest request, HttpResponse.BodyHandler<T> handler) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
      return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
      return Optional.empty();
    }

    @Override
    public Redirect followRedirects() {
      return Redirect.NEVER;
    }

    @Override
    public Optional<ProxySelector> proxy() {
      return Optional.empty();
    }

    @Override
    public SSLContext sslContext() {
      throw new UnsupportedOperationException();
    }

    @Override
    public SSLParameters sslParameters() {
      return new SSLParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
      return Optional.empty();
    }

    @Override
    public Version version() {
      return Version.HTTP_1_1;
    }

    @Override
    public Optional<Executor> executor() {
      return Optional.empty();
    }
  }

  private record Response(java.net.http.HttpRequest request, PipedInputStream body)
      implements HttpResponse<PipedInputStream> {
    @Override
    public int statusCode() {
      return 200;
    }

    @Override
    public Optional<HttpResponse<PipedInputStream>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
      return HttpHeaders.of(Map.of("content-type", List.of("text/event-stream")), (a, b) -> true);
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }

  @Test
  void aResponseThatIsAlreadyThereIsStillReadOffTheCallersThread() throws Exception {
    PipedOutputStream server = new PipedOutputStream();
    PipedInputStream body = new PipedInputStream(server);
    UpstreamTransport transport = new UpstreamTransport(new AnsweredClient(body),
        UpstreamTransport.Protocol.SSE, Duration.ofSeconds(5), Clock.systemUTC());
    AtomicReference<Thread> reader = new AtomicReference<>();
    CountDownLatch event = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    ServerSentEventListener listener = new ServerSentEventListener() {
      @Override
      public void onEvent(ServerSentEvent e) {
        reader.set(Thread.currentThread());
        event.countDown();
      }

      @Override
      public void onError(Throwable error) {
        closed.countDown();
      }

      @Override
      public void onClose() {
        closed.countDown();
      }
    };
    HttpRequest request = HttpRequest.builder().method(HttpMethod.POST).url("http://localhost:1/v1/chat/completions")
        .body("{}").build();

    // The body never ends on its own: before the fix, execute() read it right here and never returned.
    CompletableFuture<Void> call = CompletableFuture.runAsync(
        () -> transport.execute(request, new DefaultServerSentEventParser(), listener));
    call.get(5, TimeUnit.SECONDS);

    server.write("data: {\"choices\":[]}\n\n".getBytes());
    server.flush();
    assertThat(event.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(reader.get()).isNotNull();
    assertThat(reader.get().isVirtual()).as("read on a reader thread, not the caller's").isTrue();

    server.close(); // the body ends without "data: [DONE]": reported on the reader thread, the caller long gone
    assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
  }
}
