package dev.confidant.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * A bound the engine keeps was reached: a queue is full, a rate or a budget is used up. Nothing was done, and the
 * same call may succeed later, after {@link #retryAfter()}. The message names the bound and how to raise it. The
 * REST API answers 429 with {@code Retry-After}.
 */
public final class LimitExceededException extends ChatEngineException {
  private static final long serialVersionUID = 1L;
  private final Duration retryAfter;

  /**
   * @param message what was refused and which bound was reached
   * @param retryAfter when a retry may succeed (a hint; at least one second is answered over HTTP)
   */
  public LimitExceededException(String message, Duration retryAfter) {
    super(ErrorType.RATE_LIMITED, message, null);
    this.retryAfter = requireNonNull(retryAfter, "retryAfter");
  }

  /** How long to wait before retrying. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
