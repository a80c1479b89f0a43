package dev.confidant.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.RequestContext;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.StageContext;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.testkit.Cancellation;
import dev.confidant.testkit.FakeModelServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Closing an {@code openai} stream mid-generation closes the HTTP response: the local SSE server sees the client go
 * away before the reply is done (the time it took is printed, not asserted), and no thread and no deadline task is
 * left behind.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OpenAiCancellationTest {
  @Test
  void closingMidStreamClosesTheResponse() {
    try (FakeModelServer server = FakeModelServer.start().tokenDelayMillis(25);
        OpenAiBackend backend = new OpenAiBackend("openai", server.baseUrl() + "/v1", "sk-test-cancel-0123456789",
            new ModelTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)),
            Clock.systemUTC())) {
      StageContext context = new StageContext(RequestContext.anonymous());
      // The HTTP client's own threads start here, once.
      backend.stream(ChatCompletionRequest.of("fake-model", new UserMessage("Warm up.")), context).drain();
      Set<Thread> before = Cancellation.liveThreads();
      assertThat(backend.pendingDeadlines()).as("a finished stream leaves no deadline task").isZero();

      // A reply of 10 s. The old two-word reply was done 75 ms after its first word: where close() was still cold
      // (this test first in its JVM, the cancellation path not yet loaded) the server finished before the client
      // went away, and saw no abort.
      CompletionStream stream = backend.stream(
          ChatCompletionRequest.of("fake-model", new UserMessage("count ".repeat(400).strip())), context);
      Cancellation.untilContent(stream);
      assertThat(server.openStreams()).isEqualTo(1);
      assertThat(backend.pendingDeadlines()).as("the open stream's deadline").isEqualTo(1);
      long closedAt = System.nanoTime();
      stream.close();
      Duration took = Cancellation.awaitStop(closedAt, () -> server.openStreams() == 0, Duration.ofSeconds(8));
      System.out.printf("openai backend: close() to response closed at the server: %.1f ms%n",
          took.toNanos() / 1e6);

      assertThat(server.abortedStreams()).as("the server saw the client go away").isEqualTo(1);
      assertThat(stream.next()).isNull();
      assertThat(backend.pendingDeadlines()).as("a closed stream leaves no deadline task").isZero();
      assertThat(Cancellation.leftoverThreads(before, Duration.ofSeconds(1))).isEmpty();
    }
  }
}
