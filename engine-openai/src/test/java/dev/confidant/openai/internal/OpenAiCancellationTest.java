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
 * away within 100 ms (measured), and no thread is left behind.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OpenAiCancellationTest {
  static final Duration BOUND = Duration.ofMillis(100);

  @Test
  void closingMidStreamClosesTheResponseWithin100Ms() {
    try (FakeModelServer server = FakeModelServer.start().tokenDelayMillis(25);
        OpenAiBackend backend = new OpenAiBackend("openai", server.baseUrl() + "/v1", "sk-test-cancel-0123456789",
            new ModelTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)),
            Clock.systemUTC())) {
      ChatCompletionRequest request = ChatCompletionRequest.of("fake-model", new UserMessage("Count slowly."));
      StageContext context = new StageContext(RequestContext.anonymous());
      backend.stream(request, context).drain(); // the HTTP client's own threads start here, once
      Set<Thread> before = Cancellation.liveThreads();

      CompletionStream stream = backend.stream(request, context);
      Cancellation.untilContent(stream);
      assertThat(server.openStreams()).isEqualTo(1);
      long closedAt = System.nanoTime();
      stream.close();
      Duration took = Cancellation.awaitStop(closedAt, () -> server.openStreams() == 0, Duration.ofSeconds(5));
      System.out.printf("openai backend: close() to response closed at the server: %.1f ms%n",
          took.toNanos() / 1e6);

      assertThat(took).as("close() to the server seeing the response closed").isLessThanOrEqualTo(BOUND);
      assertThat(server.abortedStreams()).as("the server saw the client go away").isEqualTo(1);
      assertThat(stream.next()).isNull();
      assertThat(Cancellation.leftoverThreads(before, Duration.ofSeconds(1))).isEmpty();
    }
  }
}
