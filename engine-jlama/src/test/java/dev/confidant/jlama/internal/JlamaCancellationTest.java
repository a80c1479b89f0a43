package dev.confidant.jlama.internal;

import static dev.confidant.jlama.internal.JlamaFixtures.ask;
import static dev.confidant.jlama.internal.JlamaFixtures.context;
import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.Sampling;
import dev.confidant.testkit.Cancellation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Closing a Jlama stream mid-generation ends the generation (its virtual thread returns and frees the KV cache)
 * within 100 ms, measured, whether the reader is pulling or has stopped pulling and the queue is full, and also
 * when it is closed while the prompt is being read; no thread is left behind.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JlamaCancellationTest {
  static final Duration BOUND = Duration.ofMillis(100);
  private static final String PROMPT = "Tell me a long story about the robot, the cat and the old lighthouse.";
  /** End-of-sequence is banned so that generation runs until the token limit unless it is cancelled. */
  private static final Sampling LONG = new Sampling(0.0, null, 300, null, List.of(), null, null, null,
      Map.of("2", -100));

  private enum When { PROMPT_READING, READER_PULLING, READER_STALLED }

  @Test
  void closingMidGenerationStopsTheGenerationWithin100Ms() throws Exception {
    JlamaBackend backend = new JlamaBackend(new JlamaSettings(null, JlamaFixtures.CACHE, 0.7));
    try {
      for (int i = 0; i < 3; i++) { // load the model and let the JIT compile the forward pass
        backend.stream(ask(PROMPT, LONG.withMaxTokens(40)), context()).drain();
      }
      Set<Thread> before = Cancellation.liveThreads();
      for (When when : When.values()) {
        CompletionStream stream = backend.stream(ask(PROMPT, LONG), context());
        ChatCompletionChunk chunk = stream.next(); // the role chunk, sent before the prompt is read
        if (when != When.PROMPT_READING) {
          while (chunk != null && chunk.choices().stream().noneMatch(
              c -> c.delta().content() != null && !c.delta().content().isEmpty())) {
            chunk = stream.next();
          }
        }
        assertThat(chunk).isNotNull();
        if (when == When.READER_STALLED) {
          Thread.sleep(300); // the producer fills the queue and waits for the reader
        }
        assertThat(backend.activeGenerations()).as("generating when closed").isEqualTo(1);
        long closedAt = System.nanoTime();
        stream.close();
        Duration took = Cancellation.awaitStop(closedAt, () -> backend.activeGenerations() == 0,
            Duration.ofSeconds(5));
        System.out.printf("jlama backend (%s): close() to generation ended: %.1f ms%n", when,
            took.toNanos() / 1e6);
        assertThat(took).as("close() to generation ended, %s", when).isLessThanOrEqualTo(BOUND);
        assertThat(stream.next()).isNull();
      }
      assertThat(Cancellation.leftoverThreads(before, Duration.ofSeconds(1))).isEmpty();
    } finally {
      backend.close();
    }
  }
}
