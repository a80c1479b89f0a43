package dev.confidant.api;

import org.jspecify.annotations.Nullable;

/**
 * The engine's own storage could not be read or written: a PII vault file or database, an index. A server-side
 * failure (the REST API answers 500), never the caller's mistake. The message names what failed (a file, a store)
 * and never holds the stored values.
 */
public final class StorageException extends ChatEngineException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, @Nullable Throwable cause) {
    super(ErrorType.STORAGE_ERROR, message, cause);
  }
}
