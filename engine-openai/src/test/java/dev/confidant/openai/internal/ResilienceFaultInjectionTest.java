package dev.confidant.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.ErrorType;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.RequestContext;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.StageContext;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.core.ResilienceSettings;
import dev.confidant.core.internal.resilience.CircuitBreaker;
import dev.confidant.core.internal.resilience.ResilientInvoker;
import dev.confidant.testkit.FakeModelServer;
import dev.confidant.testkit.Fault;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each resilience rule of engine-core, proven against the OpenAI wire protocol with injected faults. The sleeper records delays
 * instead of sleeping and the clock is moved by hand, so the tests observe backoff without waiting for it.
 */
class ResilienceFaultInjectionTest {
  private static final ModelTimeouts TIMEOUTS =
      new ModelTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10));
  private static final String TEXT = "alpha beta gamma delta";

  private final FakeModelServer server = FakeModelServer.start();
  private final FakeModelServer other = FakeModelServer.start();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final MutableClock clock = new MutableClock();
  private final OpenAiBackend openai = new OpenAiBackend("openai", server.baseUrl() + "/v1", null, TIMEOUTS, clock);
  private final OpenAiBackend second = new OpenAiBackend("second", other.baseUrl() + "/v1", null, TIMEOUTS, clock);

  @AfterEach
  void stop() {
    openai.close();
    second.close();
    server.close();
    other.close();
  }

  private ResilientInvoker invoker(ResilienceSettings settings) {
    return new ResilientInvoker(settings, clock, sleeps::add, () -> 0.75);
  }

  private static ResilientInvoker.Target target(String id, ModelBackend backend) {
    return new ResilientInvoker.Target(id, backend, ChatCompletionRequest.of(id, new UserMessage(TEXT)));
  }

  private static StageContext context() {
    return new StageContext(RequestContext.anonymous());
  }

  private static String text(CompletionStream stream) {
    return stream.collect().message().text();
  }

  private static ModelInvocationException failure(Runnable call) {
    Throwable thrown = catchThrowable(call::run);
    assertThat(thrown).isInstanceOf(ModelInvocationException.class);
    return (ModelInvocationException) thrown;
  }

  @Test
  void retryableStatusesAreRetriedWithJitteredExponentialBackoff() {
    ResilienceSettings settings = ResilienceSettings.DEFAULT.withMaxRetries(3)
        .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(10), 2.0, 0.2);
    server.fail(new Fault.Status(503, null, "overloaded"), new Fault.Status(502, null, "bad gateway"),
        new Fault.Status(504, null, "gateway timeout"));
    String reply = text(invoker(settings).invoke(List.of(target("m", openai)), context()));
    assertThat(reply).isEqualTo(TEXT);
    assertThat(server.calls()).isEqualTo(4);
    // random 0.75 -> factor 1 + 0.2 * (2 * 0.75 - 1) = 1.1
    assertThat(sleeps).containsExactly(Duration.ofMillis(110), Duration.ofMillis(220), Duration.ofMillis(440));
  }

  @Test
  void backoffIsCappedAtTheMaximum() {
    ResilienceSettings settings = ResilienceSettings.DEFAULT.withMaxRetries(3)
        .withBackoff(Duration.ofSeconds(1), Duration.ofMillis(1500), 4.0, 0.0);
    server.fail(new Fault.Status(503, null, "a"), new Fault.Status(503, null, "b"), new Fault.Status(503, null, "c"));
    text(invoker(settings).invoke(List.of(target("m", openai)), context()));
    assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofMillis(1500));
  }

  @Test
  void rateLimitWaitsWhatRetryAfterSays() {
    server.fail(new Fault.Status(429, "7", "slow down"));
    String reply = text(invoker(ResilienceSettings.DEFAULT).invoke(List.of(target("m", openai)), context()));
    assertThat(reply).isEqualTo(TEXT);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    assertThat(server.calls()).isEqualTo(2);
  }

  @Test
  void retryAfterAsAnHttpDateIsMeasuredWithTheClock() {
    server.fail(new Fault.Status(429, "Thu, 01 Jan 2026 00:00:12 GMT", "slow down"));
    text(invoker(ResilienceSettings.DEFAULT).invoke(List.of(target("m", openai)), context()));
    assertThat(sleeps).containsExactly(Duration.ofSeconds(12));
  }

  @Test
  void retryAfterBeyondTheLimitIsNotWaitedFor() {
    server.fail(new Fault.Status(429, "3600", "come back in an hour"));
    ModelInvocationException e = failure(() ->
        invoker(ResilienceSettings.DEFAULT).invoke(List.of(target("m", openai)), context()).drain());
    assertThat(e.type()).isEqualTo(ErrorType.RATE_LIMITED);
    assertThat(e.upstreamStatus()).isEqualTo(429);
    assertThat(sleeps).isEmpty();
    assertThat(server.calls()).isEqualTo(1);
  }

  @Test
  void nonRetryableFailuresAreNotRetried() {
    server.fail(new Fault.Status(500, null, "internal error"));
    ModelInvocationException e = failure(() ->
        invoker(ResilienceSettings.DEFAULT).invoke(List.of(target("m", openai)), context()).drain());
    assertThat(e.type()).isEqualTo(ErrorType.BACKEND_ERROR);
    assertThat(e.getMessage()).contains("internal error");
    assertThat(server.calls()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void retriesStopAtTheLimitAndReportTheLastFailure() {
    server.fail(new Fault.Status(503, null, "one"), new Fault.Status(503, null, "two"),
        new Fault.Status(503, null, "three"));
    ModelInvocationException e = failure(() ->
        invoker(ResilienceSettings.DEFAULT.withMaxRetries(2)).invoke(List.of(target("m", openai)), context()).drain());
    assertThat(e.type()).isEqualTo(ErrorType.BACKEND_UNAVAILABLE);
    assertThat(e.getMessage()).contains("three");
    assertThat(e.getSuppressed()).hasSize(2);
    assertThat(server.calls()).isEqualTo(3);
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void connectionDroppedBeforeTheFirstTokenIsRetried() {
    server.fail(new Fault.ResetMidStream(0));
    assertThat(text(invoker(ResilienceSettings.DEFAULT).invoke(List.of(target("m", openai)), context())))
        .isEqualTo(TEXT);
    assertThat(server.calls()).isEqualTo(2);
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void slowFirstTokenTimesOutAndIsRetried() {
    text(invoker(ResilienceSettings.NONE).invoke(List.of(target("m", openai)), context())); // warm-up
    ModelTimeouts tight = TIMEOUTS.withFirstToken(Duration.ofMillis(300));
    try (OpenAiBackend impatient = new OpenAiBackend("openai", server.baseUrl() + "/v1", null, tight, clock)) {
      server.reset();
      server.fail(new Fault.SlowFirstByte(Duration.ofSeconds(2)));
      assertThat(text(invoker(ResilienceSettings.DEFAULT).invoke(List.of(target("m", impatient)), context())))
          .isEqualTo(TEXT);
    }
    assertThat(server.calls()).isEqualTo(2);
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void nothingIsRetriedOnceTheFirstTokenReachedTheCaller() {
    server.fail(new Fault.ResetMidStream(3));
    CompletionStream stream = invoker(ResilienceSettings.DEFAULT.withMaxRetries(5))
        .invoke(List.of(target("m", openai), target("fallback", second)), context());
    ChatCompletionChunk first = stream.next();
    assertThat(first).isNotNull();
    ModelInvocationException e = failure(stream::drain);
    assertThat(e.type()).isEqualTo(ErrorType.BACKEND_UNAVAILABLE);
    assertThat(server.calls()).isEqualTo(1);
    assertThat(other.calls()).as("fallback calls").isZero();
    assertThat(sleeps).isEmpty();
  }

  @Test
  void theNextModelOfTheChainTakesOverWhenOneFails() {
    server.fail(new Fault.Status(500, null, "broken"));
    String reply = text(invoker(ResilienceSettings.DEFAULT)
        .invoke(List.of(target("gpt", openai), target("llama", second)), context()));
    assertThat(reply).isEqualTo(TEXT);
    assertThat(server.calls()).isEqualTo(1);
    assertThat(other.calls()).isEqualTo(1);
    assertThat(other.requests().get(0).path("model").asText()).isEqualTo("llama");
  }

  @Test
  void fallbackComesAfterTheRetries() {
    server.fail(new Fault.Status(503, null, "a"), new Fault.Status(503, null, "b"));
    String reply = text(invoker(ResilienceSettings.DEFAULT.withMaxRetries(1))
        .invoke(List.of(target("gpt", openai), target("llama", second)), context()));
    assertThat(reply).isEqualTo(TEXT);
    assertThat(server.calls()).isEqualTo(2);
    assertThat(other.calls()).isEqualTo(1);
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void breakerOpensAfterRepeatedFailuresAndRecoversAfterAProbe() {
    ResilienceSettings settings = ResilienceSettings.NONE.withBreakerThreshold(2)
        .withBreakerOpenFor(Duration.ofSeconds(30));
    ResilientInvoker invoker = invoker(settings);
    server.fail(new Fault.Status(503, null, "down"), new Fault.Status(503, null, "down"));
    for (int i = 0; i < 2; i++) {
      failure(() -> invoker.invoke(List.of(target("m", openai)), context()).drain());
    }
    assertThat(invoker.breaker("openai").state()).isEqualTo(CircuitBreaker.State.OPEN);

    // Open: the backend is not called at all; with a fallback, the fallback answers.
    ModelInvocationException open = failure(() -> invoker.invoke(List.of(target("m", openai)), context()).drain());
    assertThat(open.getMessage()).contains("circuit is open");
    assertThat(text(invoker.invoke(List.of(target("m", openai), target("llama", second)), context())))
        .isEqualTo(TEXT);
    assertThat(server.calls()).isEqualTo(2);

    // After the open period one probe goes through; it fails, so the circuit opens again.
    clock.advance(Duration.ofSeconds(31));
    server.fail(new Fault.Status(503, null, "still down"));
    failure(() -> invoker.invoke(List.of(target("m", openai)), context()).drain());
    assertThat(server.calls()).isEqualTo(3);
    assertThat(invoker.breaker("openai").state()).isEqualTo(CircuitBreaker.State.OPEN);

    // The next probe succeeds and closes it.
    clock.advance(Duration.ofSeconds(31));
    assertThat(text(invoker.invoke(List.of(target("m", openai)), context()))).isEqualTo(TEXT);
    assertThat(invoker.breaker("openai").state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(server.calls()).isEqualTo(4);
  }

  @Test
  void clientErrorsDoNotOpenTheBreaker() {
    ResilientInvoker invoker = invoker(ResilienceSettings.NONE.withBreakerThreshold(1));
    server.fail(new Fault.Status(400, null, "bad request"), new Fault.Status(429, null, "limit"));
    failure(() -> invoker.invoke(List.of(target("m", openai)), context()).drain());
    failure(() -> invoker.invoke(List.of(target("m", openai)), context()).drain());
    assertThat(invoker.breaker("openai").state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  /** A clock moved by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
