package dev.confidant.core.internal.resilience;

import java.io.IOException;

/**
 * The model server broke its streaming protocol (an event that is not JSON): a server fault, not a transport
 * one, so it is reported as {@link dev.confidant.api.ErrorType#BACKEND_ERROR} and not retried.
 */
public final class StreamProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  public StreamProtocolException(String message, Throwable cause) {
    super(message, cause);
  }

  public StreamProtocolException(String message) {
    super(message);
  }
}
