package dev.confidant.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.RequestContext;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.StageContext;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Closing a scripted stream mid-reply, from another thread while the reader waits out a chunk delay, stops it
 * within 100 ms (measured): the stream is closed and the reader has returned; no thread is left behind.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ScriptedCancellationTest {
  static final Duration BOUND = Duration.ofMillis(100);

  @Test
  void closingMidReplyStopsTheStreamAndItsReaderWithin100Ms() throws Exception {
    ScriptedModelBackend backend = ScriptedModelBackend.of(
        ScriptedReply.text("one two three four five six seven").splitEvery(4).withChunkDelay(Duration.ofMillis(500)));
    Set<Thread> before = Cancellation.liveThreads();
    CompletionStream stream = backend.stream(ChatCompletionRequest.of(ScriptedModelBackend.NAME,
        new UserMessage("Count.")), new StageContext(RequestContext.anonymous()));
    CountDownLatch firstChunk = new CountDownLatch(1);
    Thread reader = Thread.ofPlatform().name("scripted-reader").start(() -> {
      while (stream.next() != null) {
        firstChunk.countDown();
      }
    });
    assertThat(firstChunk.await(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(50); // the reader is now waiting out the chunk delay
    long closedAt = System.nanoTime();
    stream.close();
    Duration took = Cancellation.awaitStop(closedAt,
        () -> backend.openStreams() == 0 && !reader.isAlive(), Duration.ofSeconds(5));
    System.out.printf("scripted backend: close() to stream closed and reader returned: %.1f ms%n",
        took.toNanos() / 1e6);

    assertThat(took).isLessThanOrEqualTo(BOUND);
    assertThat(backend.cancelledStreams()).isEqualTo(1);
    assertThat(Cancellation.leftoverThreads(before, Duration.ofSeconds(1))).isEmpty();
  }
}
