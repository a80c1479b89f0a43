package dev.confidant.api;

import org.jspecify.annotations.Nullable;

/** The caller may not do this in the request's scope (space, collection, tool). HTTP 403. */
public final class AccessDeniedException extends ChatEngineException {
  private static final long serialVersionUID = 1L;

  public AccessDeniedException(String message) {
    this(message, null);
  }

  public AccessDeniedException(String message, @Nullable Throwable cause) {
    super(ErrorType.PERMISSION_DENIED, message, cause);
  }
}
