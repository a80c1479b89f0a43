package dev.confidant.core.internal.resilience;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * An error status from a model server, with what LangChain4j's own {@link HttpException} loses: the
 * {@code Retry-After} delay. Extends it so that LangChain4j's exception mapper still recognises the status.
 * Immutable.
 */
public final class UpstreamHttpException extends HttpException {
  private static final long serialVersionUID = 1L;
  private final transient @Nullable Duration retryAfter;

  /**
   * @param statusCode the HTTP status
   * @param body the response body (may hold the upstream's error message; never our request)
   * @param retryAfter the parsed {@code Retry-After}, or {@code null}
   */
  public UpstreamHttpException(int statusCode, String body, @Nullable Duration retryAfter) {
    super(statusCode, body);
    this.retryAfter = retryAfter;
  }

  /** The delay the server asked for, if any. */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
