package dev.confidant.api;

import org.jspecify.annotations.Nullable;

/**
 * The model backend failed: unavailable, rate limited, timed out, answered an error, or kept answering outside the
 * requested {@code response_format} ({@link ErrorType#MODEL_OUTPUT_INVALID}). Keeps the upstream status (0 when there
 * is none) and message, never secrets.
 */
public final class ModelInvocationException extends ChatEngineException {
  private static final long serialVersionUID = 1L;
  private final int upstreamStatus;

  /**
   * @param type one of the backend types ({@link ErrorType#BACKEND_ERROR}, {@link ErrorType#BACKEND_UNAVAILABLE},
   *     {@link ErrorType#RATE_LIMITED}, {@link ErrorType#TIMEOUT}, {@link ErrorType#CANCELLED}), or
   *     {@link ErrorType#MODEL_OUTPUT_INVALID} when the reply does not follow the requested {@code response_format}
   */
  public ModelInvocationException(ErrorType type, String message, int upstreamStatus, @Nullable Throwable cause) {
    super(type, message, cause);
    this.upstreamStatus = upstreamStatus;
  }

  /** A backend failure without an upstream status. */
  public ModelInvocationException(String message, @Nullable Throwable cause) {
    this(ErrorType.BACKEND_ERROR, message, 0, cause);
  }

  /** The upstream HTTP status, or 0. */
  public int upstreamStatus() {
    return upstreamStatus;
  }
}
