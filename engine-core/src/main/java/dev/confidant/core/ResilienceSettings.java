package dev.confidant.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How the engine survives model failures: retries with jittered exponential backoff on retryable failures (HTTP
 * 429, 502, 503, 504, timeouts, dropped connections) and only before the first chunk reached the caller; then the
 * next model of the chain; and a circuit breaker per backend. Immutable and thread-safe.
 *
 * @param maxRetries retries per model after the first attempt (0 disables retries)
 * @param initialBackoff the delay before the first retry
 * @param maxBackoff the longest delay between two attempts
 * @param multiplier how much the delay grows per retry
 * @param jitter the random spread of each delay, 0..1 (0.2 means +-20%)
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a server asking for more is not retried
 * @param breakerThreshold consecutive failures of a backend that open its circuit
 * @param breakerOpenFor how long an open circuit rejects calls before one probe is let through
 * @param guardedBackends the backends whose calls are retried and guarded by a breaker; others (in-process ones,
 *     whose failures do not pass by themselves) fail straight to the fallback or the caller
 */
public record ResilienceSettings(int maxRetries, Duration initialBackoff, Duration maxBackoff, double multiplier,
    double jitter, Duration maxRetryAfter, int breakerThreshold, Duration breakerOpenFor,
    Set<String> guardedBackends) {

  /**
   * 2 retries from 250 ms doubling to at most 8 s with 20% jitter, Retry-After up to 30 s, breaker 5 / 30 s, for
   * the remote backends {@code openai} and {@code ollama}.
   */
  public static final ResilienceSettings DEFAULT = new ResilienceSettings(2, Duration.ofMillis(250),
      Duration.ofSeconds(8), 2.0, 0.2, Duration.ofSeconds(30), 5, Duration.ofSeconds(30),
      Set.of("openai", "ollama"));

  /** No retries and a breaker that never opens: every failure goes straight to the fallback or the caller. */
  public static final ResilienceSettings NONE = DEFAULT.withMaxRetries(0).withBreakerThreshold(Integer.MAX_VALUE);

  public ResilienceSettings {
    requireNonNull(initialBackoff, "initialBackoff");
    requireNonNull(maxBackoff, "maxBackoff");
    requireNonNull(maxRetryAfter, "maxRetryAfter");
    requireNonNull(breakerOpenFor, "breakerOpenFor");
    guardedBackends = Set.copyOf(guardedBackends);
    if (maxRetries < 0 || multiplier < 1 || jitter < 0 || jitter > 1 || breakerThreshold < 1
        || initialBackoff.isNegative() || maxBackoff.isNegative() || maxRetryAfter.isNegative()
        || breakerOpenFor.isNegative()) {
      throw new IllegalArgumentException("invalid resilience settings: " + maxRetries + " retries, multiplier "
          + multiplier + ", jitter " + jitter + ", breaker threshold " + breakerThreshold);
    }
  }

  /** A copy with another number of retries per model. */
  public ResilienceSettings withMaxRetries(int maxRetries) {
    return copy(c -> c.maxRetries = maxRetries);
  }

  /** A copy with another backoff: the first delay, the longest, its growth per retry and its random spread. */
  public ResilienceSettings withBackoff(Duration initial, Duration max, double multiplier, double jitter) {
    return copy(c -> {
      c.initialBackoff = initial;
      c.maxBackoff = max;
      c.multiplier = multiplier;
      c.jitter = jitter;
    });
  }

  /** A copy that honours {@code Retry-After} up to another limit. */
  public ResilienceSettings withMaxRetryAfter(Duration maxRetryAfter) {
    return copy(c -> c.maxRetryAfter = maxRetryAfter);
  }

  /** A copy whose breakers open after another number of consecutive failures. */
  public ResilienceSettings withBreakerThreshold(int breakerThreshold) {
    return copy(c -> c.breakerThreshold = breakerThreshold);
  }

  /** The backends whose calls are retried and guarded by a breaker. */
  public ResilienceSettings withGuardedBackends(Set<String> guardedBackends) {
    return copy(c -> c.guardedBackends = guardedBackends);
  }

  /** Whether calls to this backend are retried and guarded by a breaker. */
  public boolean guards(String backend) {
    return guardedBackends.contains(backend);
  }

  /** A copy whose open breakers reject calls for another time before a probe. */
  public ResilienceSettings withBreakerOpenFor(Duration breakerOpenFor) {
    return copy(c -> c.breakerOpenFor = breakerOpenFor);
  }

  private ResilienceSettings copy(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /** A mutable copy, so that each {@code with*} names only what it changes. Lives in one call. */
  private static final class Copy {
    int maxRetries;
    Duration initialBackoff;
    Duration maxBackoff;
    double multiplier;
    double jitter;
    Duration maxRetryAfter;
    int breakerThreshold;
    Duration breakerOpenFor;
    Set<String> guardedBackends;

    Copy(ResilienceSettings s) {
      maxRetries = s.maxRetries;
      initialBackoff = s.initialBackoff;
      maxBackoff = s.maxBackoff;
      multiplier = s.multiplier;
      jitter = s.jitter;
      maxRetryAfter = s.maxRetryAfter;
      breakerThreshold = s.breakerThreshold;
      breakerOpenFor = s.breakerOpenFor;
      guardedBackends = s.guardedBackends;
    }

    ResilienceSettings build() {
      return new ResilienceSettings(maxRetries, initialBackoff, maxBackoff, multiplier, jitter, maxRetryAfter,
          breakerThreshold, breakerOpenFor, guardedBackends);
    }
  }
}
