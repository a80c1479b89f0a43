package dev.confidant.core.internal.resilience;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A circuit breaker for one backend: closed until {@code threshold} consecutive failures, then open (calls are
 * refused) for {@code openFor}, then half-open: exactly one probe call is let through, whose success closes the
 * circuit and whose failure opens it again. Thread-safe.
 */
public final class CircuitBreaker {
  /** The breaker's state. */
  public enum State { CLOSED, OPEN, HALF_OPEN }

  private final int threshold;
  private final Duration openFor;
  private final Clock clock;
  private State state = State.CLOSED; // guarded by this
  private int failures; // guarded by this
  private @Nullable Instant openedAt; // guarded by this
  private boolean probing; // guarded by this

  public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
    this.threshold = threshold;
    this.openFor = requireNonNull(openFor, "openFor");
    this.clock = requireNonNull(clock, "clock");
  }

  /** Whether a call may go ahead now; in half-open state only the first caller gets through (the probe). */
  public synchronized boolean tryAcquire() {
    switch (state) {
      case CLOSED -> {
        return true;
      }
      case OPEN -> {
        if (openedAt != null && !clock.instant().isBefore(openedAt.plus(openFor))) {
          state = State.HALF_OPEN;
          probing = true;
          return true;
        }
        return false;
      }
      case HALF_OPEN -> {
        if (!probing) {
          probing = true;
          return true;
        }
        return false;
      }
    }
    throw new AssertionError(state);
  }

  /** A call succeeded: closes the circuit. */
  public synchronized void onSuccess() {
    state = State.CLOSED;
    failures = 0;
    probing = false;
    openedAt = null;
  }

  /** A call failed in a way that says the backend is unwell: counts towards opening, or reopens after a probe. */
  public synchronized void onFailure() {
    if (state == State.HALF_OPEN || ++failures >= threshold) {
      state = State.OPEN;
      openedAt = clock.instant();
      probing = false;
    }
  }

  /** A call ended without saying anything about the backend's health (cancelled, invalid request). */
  public synchronized void onIgnored() {
    probing = false;
  }

  /** The current state (an open breaker whose time is up still reports OPEN until the next call). */
  public synchronized State state() {
    return state;
  }
}
