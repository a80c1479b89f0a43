package dev.confidant.core.internal.backend.remote;

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
import dev.confidant.core.ModelTimeouts;
import dev.confidant.core.internal.resilience.UpstreamFailures;
import dev.confidant.testkit.CompletionAssertions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What both remote backends must do with a misbehaving server: each fault ends in the right
 * {@link ModelInvocationException}, with the upstream status and message and no secret.
 */
public abstract class AbstractRemoteBackendFaultTest {
  /** The key the backends under test send; it must never appear in an error. */
  protected static final String SECRET = "sk-test-0123456789abcdef";
  protected static final ModelTimeouts FAST =
      new ModelTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10));
  /** Tight limits for the timeout tests, which warm LangChain4j up first (its first call loads many classes). */
  protected static final ModelTimeouts TIGHT =
      new ModelTimeouts(Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(3000));

  protected final FakeModelServer server = FakeModelServer.start();

  /** A backend talking to {@link #server} with these timeouts. */
  protected abstract ModelBackend backend(ModelTimeouts timeouts);

  @AfterEach
  void stopServer() {
    server.close();
  }

  protected static ChatCompletionRequest hello() {
    return ChatCompletionRequest.of("fake-model", new UserMessage("one two three four five six"));
  }

  protected static StageContext context() {
    return new StageContext(RequestContext.anonymous());
  }

  private ModelInvocationException failure(Fault fault, ModelTimeouts timeouts) {
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

  @Test
  void replyStreamsInOpenAiOrderWithUsage() {
    try (ModelBackend backend = backend(FAST)) {
      List<ChatCompletionChunk> chunks = backend.stream(hello(), context()).drain();
      CompletionAssertions.assertOpenAiChunkOrder(chunks);
      assertThat(CompletionAssertions.contentOf(chunks)).isEqualTo("one two three four five six");
      assertThat(chunks.get(chunks.size() - 1).usage().completionTokens()).isEqualTo(6);
    }
  }

  @Test
  void stopAndTokenLimitReachTheServer() {
    try (ModelBackend backend = backend(FAST)) {
      ChatCompletionResponse stopped = backend.stream(hello().withSampling(Sampling.DEFAULT.withStop(List.of(" four"))
          .withSeed(7L).withTemperature(0.0)), context()).collect();
      assertThat(stopped.message().text()).isEqualTo("one two three");
      assertThat(stopped.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
      ChatCompletionResponse limited = backend.stream(hello().withSampling(Sampling.DEFAULT.withMaxTokens(2)),
          context()).collect();
      assertThat(limited.message().text()).isEqualTo("one two ");
      assertThat(limited.choices().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
    }
  }

  @Test
  void toolCallsArriveAsOpenAiToolCallChunks() {
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

  @Test
  void rateLimitKeepsStatusMessageAndRetryAfter() {
    ModelInvocationException e = failure(new Fault.Status(429, "7", "Rate limit reached for requests"), FAST);
    assertThat(e.type()).isEqualTo(ErrorType.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.upstreamStatus()).isEqualTo(429);
    assertThat(e.getMessage()).contains("429").contains("Rate limit reached for requests");
    assertThat(UpstreamFailures.retryAfter(e)).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void serverErrorsMapByStatus() {
    assertThat(failure(new Fault.Status(500, null, "boom"), FAST).type()).isEqualTo(ErrorType.BACKEND_ERROR);
    assertThat(failure(new Fault.Status(503, null, "overloaded"), FAST).type())
        .isEqualTo(ErrorType.BACKEND_UNAVAILABLE);
    assertThat(failure(new Fault.Status(504, null, "gateway"), FAST).type()).isEqualTo(ErrorType.TIMEOUT);
    assertThat(failure(new Fault.Status(404, null, "model 'x' not found"), FAST).type())
        .isEqualTo(ErrorType.NOT_FOUND);
  }

  @Test
  void secretsEchoedByTheServerAreRemoved() {
    ModelInvocationException e = failure(new Fault.Status(401, null, "Incorrect API key provided: " + SECRET
        + ". Authorization: Bearer " + SECRET), FAST);
    assertThat(e.type()).isEqualTo(ErrorType.AUTHENTICATION);
    assertThat(e.getMessage()).contains("Incorrect API key provided").doesNotContain(SECRET);
  }

  @Test
  void connectionDroppedMidStreamFailsAfterTheFirstChunks() {
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

  @Test
  void malformedJsonIsAnError() {
    ModelInvocationException e = failure(new Fault.MalformedJson(2), FAST);
    assertThat(e.getMessage()).contains("malformed JSON");
    assertThat(e.type()).isEqualTo(ErrorType.BACKEND_ERROR);
  }

  @Test
  void truncatedStreamIsAnError() {
    ModelInvocationException e = failure(new Fault.Truncated(3), FAST);
    assertThat(e.getMessage()).contains("truncated");
    assertThat(e.type()).isEqualTo(ErrorType.BACKEND_UNAVAILABLE);
  }

  @Test
  void slowFirstByteHitsTheFirstTokenTimeout() {
    long start = System.nanoTime();
    ModelInvocationException e = failure(new Fault.SlowFirstByte(Duration.ofSeconds(6)), TIGHT);
    assertThat(e.type()).isEqualTo(ErrorType.TIMEOUT);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void stallAfterTheFirstTokensHitsTheTotalTimeout() {
    ModelInvocationException e = failure(new Fault.StallAfter(2, Duration.ofSeconds(8)), TIGHT);
    assertThat(e.type()).isEqualTo(ErrorType.TIMEOUT);
    assertThat(e.getMessage()).contains("total timeout");
  }

  @Test
  void unreachableServerIsUnavailable() {
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
