package dev.confidant.api;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/** Base of every failure the engine reports. Unchecked; exhaustive over its permitted subclasses. */
public abstract sealed class ChatEngineException extends RuntimeException
    permits InvalidRequestException, AccessDeniedException, ModelNotFoundException, ModelInvocationException,
        ToolExecutionException, EngineConfigException, StorageException, LimitExceededException,
        InternalEngineException {

  private static final long serialVersionUID = 1L;
  private final ErrorType type;

  ChatEngineException(ErrorType type, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.type = requireNonNull(type, "type");
  }

  /** The kind of failure. */
  public final ErrorType type() {
    return type;
  }

  /** Whether a retry of the same request may succeed. */
  public final boolean retryable() {
    return type.retryable();
  }
}
