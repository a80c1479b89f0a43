package dev.confidant.api;

import org.jspecify.annotations.Nullable;

/**
 * A stage or backend failed in a way it did not report as one of the other exceptions: a bug or an unexpected state
 * of an extension, never the caller's mistake ({@link ErrorType#INTERNAL}; the REST API answers 500). The message
 * names the stage or backend and the kind of failure, never request content; the cause is kept.
 */
public final class InternalEngineException extends ChatEngineException {
  private static final long serialVersionUID = 1L;

  public InternalEngineException(String message, @Nullable Throwable cause) {
    super(ErrorType.INTERNAL, message, cause);
  }
}
