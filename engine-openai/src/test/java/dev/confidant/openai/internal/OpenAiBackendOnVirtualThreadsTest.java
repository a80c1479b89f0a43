package dev.confidant.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.RequestContext;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.StageContext;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.core.remote.UpstreamFailures;
import dev.confidant.testkit.AbstractRemoteBackendFaultTest;
import dev.confidant.testkit.Cancellation;
import dev.confidant.testkit.FakeModelServer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The {@code openai} backend's fault contract with every call made on a virtual thread, as the server makes them:
 * the path through Helidon's blocking client ({@link BlockingExchange}), where timeouts interrupt the wait for the
 * response head and close the response after it.
 */
class OpenAiBackendOnVirtualThreadsTest extends AbstractRemoteBackendFaultTest {
  @Override
  protected ModelBackend backend(Timeouts t) {
    return onVirtualThreads(new OpenAiBackend("openai", server.baseUrl() + "/v1", SECRET,
        new ModelTimeouts(t.connect(), t.firstToken(), t.total()), Clock.systemUTC()));
  }

  @Override
  protected @Nullable Duration retryAfter(ModelInvocationException failure) {
    return UpstreamFailures.retryAfter(failure);
  }

  /** {@link OpenAiCancellationTest} on a virtual thread: close() from another thread ends the blocking read. */
  @Test
  void closingMidStreamClosesTheResponse() {
    try (FakeModelServer slow = FakeModelServer.start().tokenDelayMillis(25);
        OpenAiBackend backend = new OpenAiBackend("openai", slow.baseUrl() + "/v1", null,
            new ModelTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)),
            Clock.systemUTC())) {
      ModelBackend virtual = onVirtualThreads(backend);
      StageContext context = new StageContext(RequestContext.anonymous());
      virtual.stream(ChatCompletionRequest.of("fake-model", new UserMessage("Warm up.")), context).drain();
      CompletionStream stream = virtual.stream(
          ChatCompletionRequest.of("fake-model", new UserMessage("count ".repeat(400).strip())), context);
      Cancellation.untilContent(stream);
      assertThat(slow.openStreams()).isEqualTo(1);
      long closedAt = System.nanoTime();
      stream.close();
      Duration took = Cancellation.awaitStop(closedAt, () -> slow.openStreams() == 0, Duration.ofSeconds(8));
      System.out.printf("openai backend, virtual thread: close() to response closed at the server: %.1f ms%n",
          took.toNanos() / 1e6);
      assertThat(slow.abortedStreams()).as("the server saw the client go away").isEqualTo(1);
      assertThat(stream.next()).isNull();
      assertThat(backend.pendingDeadlines()).as("a closed stream leaves no deadline task").isZero();
    }
  }

  /** Runs {@code stream} and every {@code next} on a virtual thread of its own; {@code close} where it is called. */
  static ModelBackend onVirtualThreads(ModelBackend backend) {
    return new ModelBackend() {
      @Override
      public String name() {
        return backend.name();
      }

      @Override
      public CompletionStream stream(ChatCompletionRequest request, StageContext context) {
        CompletionStream stream = onVirtualThread(() -> backend.stream(request, context));
        return new CompletionStream() {
          @Override
          public @Nullable ChatCompletionChunk next() {
            return onVirtualThread(stream::next);
          }

          @Override
          public void close() {
            stream.close();
          }
        };
      }

      @Override
      public void close() {
        backend.close();
      }
    };
  }

  private static <T> T onVirtualThread(Callable<T> work) {
    Object[] result = new Object[1];
    Throwable[] failure = new Throwable[1];
    Thread thread = Thread.ofVirtual().start(() -> {
      assertThat(Thread.currentThread().isVirtual()).isTrue();
      try {
        result[0] = work.call();
      } catch (Throwable t) {
        failure[0] = t;
      }
    });
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (failure[0] instanceof RuntimeException e) {
      throw e;
    }
    if (failure[0] instanceof Error e) {
      throw e;
    }
    if (failure[0] != null) {
      throw new IllegalStateException(failure[0]);
    }
    @SuppressWarnings("unchecked")
    T value = (T) result[0];
    return value;
  }
}
