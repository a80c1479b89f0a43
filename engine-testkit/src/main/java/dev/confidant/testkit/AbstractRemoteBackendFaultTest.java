package dev.confidant.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.ErrorType;
import dev.confidant.api.FinishReason;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.RawJson;
import dev.confidant.api.RequestContext;
import dev.confidant.api.Sampling;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.Tools;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.StageContext;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fault contract of a remote backend: what it must do with a misbehaving {@link FakeModelServer}. Each fault
 * ends in the right {@link ModelInvocationException} (status, upstream message, retryability, timeouts), and no
 * message ever shows the API key. Extend it, and implement {@link #backend} (pointed at {@link #server}) and
 * {@link #retryAfter}.
 *
 * {@snippet class=dev.confidant.testkit.TestkitSnippets region=fault-test}
 *
 * <p>Not thread-safe; JUnit makes one instance, and one server, per test method.
 */
public abstract class AbstractRemoteBackendFaultTest {
  /** The key the backends under test send; it must never appear in an error. */
  protected static final String SECRET = "sk-test-0123456789abcdef";
  /** Generous limits for the tests that are not about time. */
  protected static final Timeouts FAST =
      new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10));
  /** Tight limits for the timeout tests, which warm the backend up first (a first call loads many classes). */
  protected static final Timeouts TIGHT =
      new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(3000));

  /** The server of this test; closed after it. */
  protected final FakeModelServer server = FakeModelServer.start();

  /**
   * A remote backend's time limits.
   *
   * @param connect the longest wait for the connection
   * @param firstToken the longest wait for the first chunk
   * @param total the longest a whole completion may take
   */
  public record Timeouts(Duration connect, Duration firstToken, Duration total) {}

  /** For subclasses. */
  protected AbstractRemoteBackendFaultTest() {}

  /** A backend talking to {@link #server} with these limits and {@link #SECRET} as its key. */
  protected abstract ModelBackend backend(Timeouts timeouts);

  /** The {@code Retry-After} delay a failure keeps for the engine's retries, or {@code null}. */
  protected abstract @Nullable Duration retryAfter(ModelInvocationException failure);

  @AfterEach
  void stopServer() {
    server.close();
  }

  /** A request the fake echoes word by word. */
  protected static ChatCompletionRequest hello() {
    return ChatCompletionRequest.of("fake-model", new UserMessage("one two three four five six"));
  }

  /** A fresh anonymous per-call context. */
  protected static StageContext context() {
    return new StageContext(RequestContext.anonymous());
  }

  /** The failure of a second call with {@code fault} (the first warms the backend up). */
  protected final ModelInvocationException failure(Fault fault, Timeouts timeouts) {
    try (ModelBackend backend = backend(timeouts)) {
      backend.stream(hello(), context()).drain(); // warm-up, so that class loading does not count as latency
      server.fail(fault);
      CompletionStream stream = backend.stream(hello(), context());
      Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(stream::drain);
      assertThat(thrown).isInstanceOf(ModelInvocationException.class);
      assertThat(thrown.getMessage()).doesNotContain(SECRET);
      return (ModelInvocationException) thrown;
    }
  }

  /** The reply comes in OpenAI's chunk order with the fake's usage. */
  @Test
  public void replyStreamsInOpenAiOrderWithUsage() {
    try (ModelBackend backend = backend(FAST)) {
      List<ChatCompletionChunk> chunks = backend.stream(hello(), context()).drain();
      CompletionAssertions.assertOpenAiChunkOrder(chunks);
      assertThat(CompletionAssertions.contentOf(chunks)).isEqualTo("one two three four five six");
      assertThat(chunks.get(chunks.size() - 1).usage().completionTokens()).isEqualTo(6);
    }
  }

  /**
   * Whether the backend carries a request's {@code seed} (false, with a reason, for one that rejects it, as
   * LangChain4j's provider-neutral parameters do): the stop test then asks without one.
   */
  protected boolean carriesSeed() {
    return true;
  }

  /** {@code stop}, {@code seed}, {@code temperature} and the token limit reach the server; finish reasons come back. */
  @Test
  public void stopAndTokenLimitReachTheServer() {
    Sampling stop = Sampling.DEFAULT.withStop(List.of(" four")).withTemperature(0.0);
    try (ModelBackend backend = backend(FAST)) {
      ChatCompletionResponse stopped = backend.stream(hello().withSampling(carriesSeed() ? stop.withSeed(7L) : stop),
          context()).collect();
      assertThat(stopped.message().text()).isEqualTo("one two three");
      assertThat(stopped.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
      ChatCompletionResponse limited = backend.stream(hello().withSampling(Sampling.DEFAULT.withMaxTokens(2)),
          context()).collect();
      assertThat(limited.message().text()).isEqualTo("one two ");
      assertThat(limited.choices().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
    }
  }

  /** Tools reach the server with every schema keyword; the call comes back as tool-call chunks. */
  @Test
  public void toolCallsArriveAsOpenAiToolCallChunks() {
    ToolDefinition weather = new ToolDefinition("get_weather", "Weather by city", RawJson.of(
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\",\"minLength\":1},"
            + "\"days\":{\"type\":\"integer\",\"minimum\":1}},\"required\":[\"city\"]}"), null);
    try (ModelBackend backend = backend(FAST)) {
      List<ChatCompletionChunk> chunks = backend.stream(hello().withTools(Tools.of(weather)), context()).drain();
      CompletionAssertions.assertOpenAiChunkOrder(chunks);
      ChatCompletionResponse response = CompletionStream.of(chunks).collect();
      assertThat(response.choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
      assertThat(response.message().toolCalls()).singleElement().satisfies(call -> {
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.arguments()).isEqualToIgnoringWhitespace(FakeReplies.TOOL_ARGUMENTS);
        assertThat(call.id()).isNotBlank();
      });
    }
    // The schema's keywords travel verbatim, including those LangChain4j has no type for.
    assertThat(server.requests().get(0).toString()).contains("\"minLength\":1").contains("\"minimum\":1");
  }

  /** A 429 is retryable and keeps its status, message and Retry-After. */
  @Test
  public void rateLimitKeepsStatusMessageAndRetryAfter() {
    ModelInvocationException e = failure(new Fault.Status(429, "7", "Rate limit reached for requests"), FAST);
    assertThat(e.type()).isEqualTo(ErrorType.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.upstreamStatus()).isEqualTo(429);
    assertThat(e.getMessage()).contains("429").contains("Rate limit reached for requests");
    assertThat(retryAfter(e)).isEqualTo(Duration.ofSeconds(7));
  }

  /** Error statuses map to error types. */
  @Test
  public void serverErrorsMapByStatus() {
    assertThat(failure(new Fault.Status(500, null, "boom"), FAST).type()).isEqualTo(ErrorType.BACKEND_ERROR);
    assertThat(failure(new Fault.Status(503, null, "overloaded"), FAST).type())
        .isEqualTo(ErrorType.BACKEND_UNAVAILABLE);
    assertThat(failure(new Fault.Status(504, null, "gateway"), FAST).type()).isEqualTo(ErrorType.TIMEOUT);
    assertThat(failure(new Fault.Status(404, null, "model 'x' not found"), FAST).type())
        .isEqualTo(ErrorType.NOT_FOUND);
  }

  /** A server that echoes the key does not get it into the message. */
  @Test
  public void secretsEchoedByTheServerAreRemoved() {
    ModelInvocationException e = failure(new Fault.Status(401, null, "Incorrect API key provided: " + SECRET
        + ". Authorization: Bearer " + SECRET), FAST);
    assertThat(e.type()).isEqualTo(ErrorType.AUTHENTICATION);
    assertThat(e.getMessage()).contains("Incorrect API key provided").doesNotContain(SECRET);
  }

  /** A connection dropped mid-stream fails the stream after the chunks already read. */
  @Test
  public void connectionDroppedMidStreamFailsAfterTheFirstChunks() {
    server.fail(new Fault.ResetMidStream(3));
    try (ModelBackend backend = backend(FAST); CompletionStream stream = backend.stream(hello(), context())) {
      assertThat(stream.next()).isNotNull();
      Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> {
        while (stream.next() != null) {
          // drain until the break
        }
      });
      assertThat(thrown).isInstanceOf(ModelInvocationException.class);
      assertThat(((ModelInvocationException) thrown).type()).isEqualTo(ErrorType.BACKEND_UNAVAILABLE);
    }
  }

  /** An event that is not JSON fails the stream as a backend error. */
  @Test
  public void malformedJsonIsAnError() {
    ModelInvocationException e = failure(new Fault.MalformedJson(2), FAST);
    assertThat(e.getMessage()).contains("malformed JSON");
    assertThat(e.type()).isEqualTo(ErrorType.BACKEND_ERROR);
  }

  /** A body that ends without the stream terminator is a failure, not a short answer. */
  @Test
  public void truncatedStreamIsAnError() {
    ModelInvocationException e = failure(new Fault.Truncated(3), FAST);
    assertThat(e.getMessage()).contains("truncated");
    assertThat(e.type()).isEqualTo(ErrorType.BACKEND_UNAVAILABLE);
  }

  /** A server that takes too long to answer hits the first-token timeout, on time. */
  @Test
  public void slowFirstByteHitsTheFirstTokenTimeout() {
    long start = System.nanoTime();
    ModelInvocationException e = failure(new Fault.SlowFirstByte(Duration.ofSeconds(6)), TIGHT);
    assertThat(e.type()).isEqualTo(ErrorType.TIMEOUT);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
  }

  /** A server that stalls after some tokens hits the total timeout. */
  @Test
  public void stallAfterTheFirstTokensHitsTheTotalTimeout() {
    ModelInvocationException e = failure(new Fault.StallAfter(2, Duration.ofSeconds(8)), TIGHT);
    assertThat(e.type()).isEqualTo(ErrorType.TIMEOUT);
    assertThat(e.getMessage()).contains("total timeout");
  }

  /** A closed port is a retryable unavailability or timeout. */
  @Test
  public void unreachableServerIsUnavailable() {
    String url = server.baseUrl();
    server.close();
    ModelInvocationException e;
    try (ModelBackend backend = backend(FAST)) {
      Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> backend.stream(hello(), context()).drain());
      assertThat(thrown).as("failure against closed %s", url).isInstanceOf(ModelInvocationException.class);
      e = (ModelInvocationException) thrown;
    }
    assertThat(e.type()).isIn(ErrorType.BACKEND_UNAVAILABLE, ErrorType.TIMEOUT);
    assertThat(e.retryable()).isTrue();
  }
}
