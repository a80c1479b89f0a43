package dev.confidant.api;

import org.jspecify.annotations.Nullable;

/** No model with the requested id; the message lists the available ids. HTTP 404. */
public final class ModelNotFoundException extends ChatEngineException {
  private static final long serialVersionUID = 1L;

  public ModelNotFoundException(String message) {
    this(message, null);
  }

  public ModelNotFoundException(String message, @Nullable Throwable cause) {
    super(ErrorType.NOT_FOUND, message, cause);
  }
}
