package dev.confidant.core.remote;

import java.io.IOException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A model server answered an HTTP status outside 2xx. Keeps the status, the {@code Retry-After} delay the retry
 * logic honours, and the start of the body; the message names the status only, so that a stack trace never
 * shows the body. Immutable.
 */
public final class UpstreamStatusException extends IOException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String body;
  private final transient @Nullable Duration retryAfter;

  /**
   * @param status the HTTP status
   * @param body the start of the response body (the server's error message), or {@code ""}
   * @param retryAfter the parsed {@code Retry-After}, or {@code null}
   */
  public UpstreamStatusException(int status, String body, @Nullable Duration retryAfter) {
    super("HTTP " + status);
    this.status = status;
    this.body = body;
    this.retryAfter = retryAfter;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The start of the response body, or {@code ""}. */
  public String body() {
    return body;
  }

  /** The delay the server asked for, if any. */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }

  /** The same failure without the body: what may be kept for a server the caller chose. */
  public UpstreamStatusException withoutBody() {
    return new UpstreamStatusException(status, "", retryAfter);
  }
}
