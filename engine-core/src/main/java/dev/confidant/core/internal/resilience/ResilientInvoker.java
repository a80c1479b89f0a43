package dev.confidant.core.internal.resilience;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatEngineException;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.ErrorType;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.StageContext;
import dev.confidant.core.ResilienceSettings;
import dev.confidant.core.remote.UpstreamFailures;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Invokes a model chain with retries, fallbacks and a circuit breaker per backend (see {@link ResilienceSettings}).
 * The returned stream retries and falls back only until its first chunk reaches the caller. Thread-safe: one
 * instance per engine, shared by all requests; the breakers are its state.
 */
public final class ResilientInvoker {
  private final ResilienceSettings settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  /**
   * @param settings retry, backoff and breaker settings
   * @param clock the breakers' clock
   * @param sleeper waits between attempts
   * @param random uniform numbers in [0, 1) for the jitter
   */
  public ResilientInvoker(ResilienceSettings settings, Clock clock, Sleeper sleeper, DoubleSupplier random) {
    this.settings = requireNonNull(settings, "settings");
    this.clock = requireNonNull(clock, "clock");
    this.sleeper = requireNonNull(sleeper, "sleeper");
    this.random = requireNonNull(random, "random");
  }

  /** An invoker with the system clock, real sleeps and a thread-local random. */
  public static ResilientInvoker of(ResilienceSettings settings) {
    return new ResilientInvoker(settings, Clock.systemUTC(), Sleeper.SYSTEM,
        () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
  }

  /**
   * One model of a chain, ready to call.
   *
   * @param modelId the public model id, for messages
   * @param backend the backend serving it
   * @param request the request as this backend gets it (backend model name, model defaults applied)
   */
  public record Target(String modelId, ModelBackend backend, ChatCompletionRequest request) {
    public Target {
      requireNonNull(modelId, "modelId");
      requireNonNull(backend, "backend");
      requireNonNull(request, "request");
    }
  }

  /**
   * Starts the first target at once, so that a request the backend rejects fails here; everything else happens
   * as the caller pulls.
   *
   * @throws dev.confidant.api.InvalidRequestException if the first backend rejects the request
   */
  public CompletionStream invoke(List<Target> chain, StageContext context) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("empty model chain");
    }
    return new ResilientStream(this, List.copyOf(chain), context);
  }

  /** The breaker of a backend (created closed on first use). */
  public CircuitBreaker breaker(String backend) {
    return breakers.computeIfAbsent(backend,
        name -> new CircuitBreaker(settings.breakerThreshold(), settings.breakerOpenFor(), clock));
  }

  ResilienceSettings settings() {
    return settings;
  }

  /**
   * The wait before retry number {@code retry} (1-based) after {@code failure}, or {@code null} if it must not
   * be retried: not retryable, out of retries, or a {@code Retry-After} longer than we accept.
   */
  @Nullable Duration delayBeforeRetry(ChatEngineException failure, int retry) {
    if (!failure.retryable() || retry > settings.maxRetries()) {
      return null;
    }
    Duration retryAfter = UpstreamFailures.retryAfter(failure);
    if (retryAfter != null) {
      return retryAfter.compareTo(settings.maxRetryAfter()) > 0 ? null : retryAfter;
    }
    double base = settings.initialBackoff().toNanos() * Math.pow(settings.multiplier(), retry - 1);
    double jittered = base * (1 + settings.jitter() * (2 * random.getAsDouble() - 1));
    long nanos = (long) Math.min(jittered, settings.maxBackoff().toNanos());
    return Duration.ofNanos(Math.max(0, nanos));
  }

  void sleep(Duration delay) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelInvocationException(ErrorType.CANCELLED, "interrupted while waiting to retry", 0, e);
    }
  }

  /** Whether a failure says something about the backend's health (and so counts for its breaker). */
  static boolean isBackendFault(ChatEngineException failure) {
    if (!(failure instanceof ModelInvocationException m)) {
      return false;
    }
    return switch (m.type()) {
      case BACKEND_UNAVAILABLE, TIMEOUT -> true;
      case BACKEND_ERROR -> m.upstreamStatus() == 0 || m.upstreamStatus() >= 500;
      default -> false;
    };
  }
}
