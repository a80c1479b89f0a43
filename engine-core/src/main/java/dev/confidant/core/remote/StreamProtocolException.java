package dev.confidant.core.remote;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The model server broke its streaming protocol (an event that is not JSON, not a chunk, or too long; a stream
 * that ends before its terminator): a server fault, not a transport one, so {@link UpstreamFailures} reports it as
 * {@link dev.confidant.api.ErrorType#BACKEND_ERROR}, which is not retried. The message says what was wrong and
 * never quotes the stream; {@link #excerpt()} holds the offending text, for configured servers only.
 * Immutable.
 */
public final class StreamProtocolException extends IOException {
  private static final long serialVersionUID = 1L;
  private final @Nullable String excerpt;

  /**
   * @param message what was wrong, without the stream's text
   * @param excerpt the offending text (shortened by the caller), or {@code null}
   */
  public StreamProtocolException(String message, @Nullable String excerpt) {
    super(message);
    this.excerpt = excerpt;
  }

  /** What was wrong, without the stream's text. */
  public StreamProtocolException(String message) {
    this(message, null);
  }

  /** The offending text, if the parser kept it. */
  public @Nullable String excerpt() {
    return excerpt;
  }
}
