package dev.confidant.testkit;

import static dev.confidant.testkit.CompletionAssertions.assertOpenAiChunkOrder;
import static dev.confidant.testkit.CompletionAssertions.assertWellFormedDeltas;
import static dev.confidant.testkit.CompletionAssertions.assertWellFormedText;
import static dev.confidant.testkit.CompletionAssertions.contentOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.ChatEngineException;
import dev.confidant.api.ChunkChoice;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.FinishReason;
import dev.confidant.api.RequestContext;
import dev.confidant.api.Sampling;
import dev.confidant.api.Usage;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.StageContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * The contract every {@link ModelBackend} must pass: chunk order, usage, streaming equal to collecting,
 * cancellation, thread safety and intact Unicode. Extend it, implement {@link #backend()}, and override the hooks
 * where the backend needs it; opt out of a test (with a reason) by overriding it without {@code @Test}.
 *
 * <p>Adversarial by design (LangChain4j {@code AbstractChatModelIT}, Lucene {@code BaseTokenStreamTestCase}):
 * streams are closed early and from other threads, two streams run at once, and prompts carry surrogate pairs,
 * combining marks and ZWJ sequences. Real models cannot be told what to say, so content-exact checks run only when
 * {@link #repeatsPrompt()} says the backend echoes; every backend must keep each delta well-formed.
 *
 * {@snippet class=dev.confidant.testkit.ScriptedModelBackendContractTest region=contract}
 *
 * <p>Not thread-safe itself; JUnit makes one instance per test method.
 */
public abstract class AbstractModelBackendContractTest {
  /** A prompt with a short answer. */
  protected static final String SHORT_PROMPT = "Say hello to the reader in one short sentence.";
  /** A prompt with a long answer, for cancellation. */
  protected static final String LONG_PROMPT =
      "Count from one to forty in words, separated by spaces, and then explain what you did.";
  /** A prompt whose answer should repeat {@link UnicodeSamples#MIXED}. */
  protected static final String UNICODE_PROMPT = "Repeat exactly, without any other words: " + UnicodeSamples.MIXED;

  /** For subclasses. */
  protected AbstractModelBackendContractTest() {}

  /** The backend under test; called one or more times per test, may return the same instance. */
  protected abstract ModelBackend backend();

  /** The model to ask for, or {@code null} for the backend's default. */
  protected @Nullable String model() {
    return null;
  }

  /**
   * The request for a prompt. The default asks for greedy, seeded sampling (temperature 0, seed 42) and at most
   * {@code 64} tokens, so that two calls give the same answer where the backend is deterministic.
   */
  protected ChatCompletionRequest request(String prompt) {
    Sampling sampling = Sampling.DEFAULT.withTemperature(0.0).withSeed(42L).withMaxTokens(64);
    return ChatCompletionRequest.of(model(), new UserMessage(prompt)).withSampling(sampling);
  }

  /** A fresh per-call context; the default is anonymous. */
  protected StageContext context() {
    return new StageContext(RequestContext.anonymous());
  }

  /** Whether two calls with {@link #request} give the same completion (false skips the comparison test). */
  protected boolean deterministic() {
    return true;
  }

  /** Whether the reply to {@link #request(String)} contains the prompt's last user message verbatim (echo). */
  protected boolean repeatsPrompt() {
    return false;
  }

  /**
   * Whether the backend stops at the request's {@code max_tokens} with finish reason {@code length} (false, with a
   * reason, only for a backend that cannot: a script that replays fixed chunks).
   */
  protected boolean honoursTokenLimit() {
    return true;
  }

  /** The most any one test may take. */
  protected Duration timeout() {
    return Duration.ofSeconds(30);
  }

  /** How soon {@code close()} must return, and a closed stream or a waiting {@code next()} give up. */
  protected Duration cancellationLimit() {
    return Duration.ofSeconds(5);
  }

  /** The name is a valid provider name: {@code [a-z][a-z0-9-]{0,63}}. */
  @Test
  public void nameIsAValidServiceName() {
    assertThat(backend().name()).matches("[a-z][a-z0-9-]{0,63}");
  }

  /**
   * Chunks come in OpenAI's order and end with the usage chunk (see {@link
   * CompletionAssertions#assertOpenAiChunkOrder}).
   */
  @Test
  public void chunksFollowOpenAiOrder() {
    List<ChatCompletionChunk> chunks = within(() -> backend().stream(request(SHORT_PROMPT), context()).drain());
    assertOpenAiChunkOrder(chunks);
  }

  /** The usage is always reported, with prompt and completion tokens that add up to the total. */
  @Test
  public void usageIsReportedAndAddsUp() {
    ChatCompletionResponse response = within(() -> backend().stream(request(SHORT_PROMPT), context()).collect());
    Usage usage = response.usage();
    assertThat(usage).as("usage of the collected response").isNotNull();
    assertThat(usage.promptTokens()).as("prompt tokens").isPositive();
    assertThat(usage.completionTokens()).as("completion tokens").isPositive();
    assertThat(usage.totalTokens()).as("total tokens").isEqualTo(usage.promptTokens() + usage.completionTokens());
  }

  /** The deltas of one call concatenate to what collecting a second, identical call returns. */
  @Test
  public void streamingConcatenatesToTheCollectedResult() {
    assumeTrue(deterministic(), "backend is not deterministic");
    List<ChatCompletionChunk> chunks = within(() -> backend().stream(request(SHORT_PROMPT), context()).drain());
    ChatCompletionResponse collected = within(() -> backend().stream(request(SHORT_PROMPT), context()).collect());
    assertThat(collected.choices()).as("choices of the collected response").hasSize(1);
    assertThat(collected.message().text()).as("collected text vs streamed deltas").isEqualTo(contentOf(chunks));
    assertThat(collected.choices().get(0).finishReason()).as("finish reason").isEqualTo(finishReasonOf(chunks));
    assertThat(callsOf(collected)).as("tool calls (name and arguments)").isEqualTo(callsOf(aggregate(chunks)));
  }

  /**
   * A token limit of 2 ends the long answer with finish reason {@code length} and at most 2 completion tokens: a
   * backend that drops {@code max_tokens} lets a caller's budget run to the model's own limit.
   */
  @Test
  public void theTokenLimitEndsTheAnswerWithLength() {
    assumeTrue(honoursTokenLimit(), "backend cannot honour max_tokens");
    ChatCompletionRequest base = request(LONG_PROMPT);
    ChatCompletionRequest limited = base.withSampling(base.sampling().withMaxTokens(2));
    ChatCompletionResponse response = within(() -> backend().stream(limited, context()).collect());
    assertThat(response.choices().get(0).finishReason()).as("finish reason at max_tokens 2")
        .isEqualTo(FinishReason.LENGTH);
    Usage usage = response.usage();
    assertThat(usage).as("usage of the collected response").isNotNull();
    assertThat(usage.completionTokens()).as("completion tokens at max_tokens 2").isBetween(1, 2);
  }

  /** After the end, {@code next()} keeps returning {@code null} and {@code close()} is harmless. */
  @Test
  public void nextAfterTheEndKeepsReturningNull() {
    within(() -> {
      CompletionStream stream = backend().stream(request(SHORT_PROMPT), context());
      try {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        for (ChatCompletionChunk chunk = stream.next(); chunk != null; chunk = stream.next()) {
          chunks.add(chunk);
        }
        assertOpenAiChunkOrder(chunks);
        assertThat(stream.next()).as("next() after the end").isNull();
        assertThat(stream.next()).as("next() after the end, again").isNull();
      } finally {
        stream.close();
      }
      assertThat(stream.next()).as("next() after the end and close()").isNull();
      return null;
    });
  }

  /**
   * Eight streams abandoned (closed before reading, or after the first content chunk) leave the backend able to
   * answer at once: nothing they held (a connection, a permit, a generation slot) is leaked.
   */
  @Test
  public void abandonedStreamsLeaveTheBackendUsable() {
    within(() -> {
      for (int i = 0; i < 8; i++) {
        CompletionStream stream = backend().stream(request(LONG_PROMPT), context());
        try {
          if (i % 2 == 1) {
            ChatCompletionChunk chunk;
            do {
              chunk = stream.next();
            } while (chunk != null && !hasContent(chunk));
          }
        } finally {
          stream.close();
        }
      }
      List<ChatCompletionChunk> chunks = backend().stream(request(SHORT_PROMPT), context()).drain();
      assertOpenAiChunkOrder(chunks);
      return null;
    });
  }

  /**
   * {@code close()} after the first content chunk returns promptly, is idempotent, and {@code next()} then returns
   * {@code null} at once.
   */
  @Test
  public void closingAfterTheFirstContentChunkStopsTheStream() {
    within(() -> {
      CompletionStream stream = backend().stream(request(LONG_PROMPT), context());
      try {
        ChatCompletionChunk chunk;
        do {
          chunk = stream.next();
        } while (chunk != null && !hasContent(chunk));
        assertThat(chunk).as("a chunk with content before the end of the stream").isNotNull();
        long start = System.nanoTime();
        stream.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time close() took")
            .isLessThan(cancellationLimit());
        start = System.nanoTime();
        assertThat(stream.next()).as("next() after close()").isNull();
        assertThat(stream.next()).as("next() after close(), again").isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time next() took after close()")
            .isLessThan(cancellationLimit());
        stream.close(); // idempotent
      } finally {
        stream.close();
      }
      return null;
    });
  }

  /** A stream closed before its first {@code next()} yields nothing. */
  @Test
  public void closingBeforeReadingEndsTheStream() {
    within(() -> {
      CompletionStream stream = backend().stream(request(LONG_PROMPT), context());
      stream.close();
      assertThat(stream.next()).as("next() on a stream closed before reading").isNull();
      return null;
    });
  }

  /** {@code close()} from another thread ends a consumer pulling chunks, also one blocked in {@code next()}. */
  @Test
  public void closingFromAnotherThreadEndsConsumption() throws Exception {
    CompletionStream stream = within(() -> backend().stream(request(LONG_PROMPT), context()));
    CountDownLatch firstChunk = new CountDownLatch(1);
    AtomicReference<@Nullable Throwable> unexpected = new AtomicReference<>();
    Thread consumer = Thread.ofVirtual().name("contract-consumer").start(() -> {
      try {
        while (stream.next() != null) {
          firstChunk.countDown();
        }
      } catch (ChatEngineException cancelled) {
        // allowed: a backend may report the cancellation as an error to the consumer
      } catch (Throwable t) {
        unexpected.set(t);
      } finally {
        firstChunk.countDown();
      }
    });
    try {
      assertThat(firstChunk.await(timeout().toMillis(), TimeUnit.MILLISECONDS)).as("first chunk in time").isTrue();
      stream.close();
      consumer.join(cancellationLimit());
      assertThat(consumer.isAlive()).as("consumer still blocked in next() after close() from another thread")
          .isFalse();
      assertThat(unexpected.get()).as("exception in the consumer").isNull();
    } finally {
      stream.close();
      consumer.interrupt();
    }
  }

  /** Two streams consumed at once on different threads are each complete and have their own id. */
  @Test
  public void concurrentStreamsKeepTheirChunksApart() throws Exception {
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    try {
      List<Future<List<ChatCompletionChunk>>> futures = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        futures.add(executor.submit(() -> backend().stream(request(SHORT_PROMPT), context()).drain()));
      }
      List<String> ids = new ArrayList<>();
      for (Future<List<ChatCompletionChunk>> future : futures) {
        List<ChatCompletionChunk> chunks = future.get(timeout().toMillis(), TimeUnit.MILLISECONDS);
        assertOpenAiChunkOrder(chunks);
        ids.add(chunks.get(0).id());
      }
      assertThat(ids).as("ids of concurrent completions").doesNotHaveDuplicates();
    } finally {
      executor.shutdownNow();
    }
  }

  /**
   * No delta has a lone surrogate or U+FFFD, nor does their concatenation; an echoing backend returns the sample
   * exactly.
   */
  @Test
  public void unicodeSurvivesChunkBoundaries() {
    List<ChatCompletionChunk> chunks = within(() -> backend().stream(request(UNICODE_PROMPT), context()).drain());
    assertWellFormedDeltas(chunks);
    String text = contentOf(chunks);
    assertWellFormedText(text, "concatenated content");
    if (repeatsPrompt()) {
      assertThat(text).as("echoed Unicode sample").contains(UnicodeSamples.MIXED);
    }
  }

  /** Runs an action with the {@link #timeout()}, failing (not hanging) when something blocks. */
  protected final <T> T within(ThrowingSupplier<T> action) {
    return assertTimeoutPreemptively(timeout(), action);
  }

  private static boolean hasContent(ChatCompletionChunk chunk) {
    for (ChunkChoice choice : chunk.choices()) {
      String content = choice.delta().content();
      if (content != null && !content.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable FinishReason finishReasonOf(List<ChatCompletionChunk> chunks) {
    return aggregate(chunks).choices().get(0).finishReason();
  }

  private static ChatCompletionResponse aggregate(List<ChatCompletionChunk> chunks) {
    return CompletionStream.of(chunks).collect();
  }

  /** Tool calls without their ids, which a backend may generate afresh per call. */
  private static List<String> callsOf(ChatCompletionResponse response) {
    return response.message().toolCalls().stream().map(c -> c.name() + " " + c.arguments()).toList();
  }
}
