package dev.confidant.api;

import org.jspecify.annotations.Nullable;

/** The engine is misconfigured: duplicate stage names, a missing or broken model directory, an unknown option. The message says how to fix it. */
public final class EngineConfigException extends ChatEngineException {
  private static final long serialVersionUID = 1L;

  public EngineConfigException(String message) {
    this(message, null);
  }

  public EngineConfigException(String message, @Nullable Throwable cause) {
    super(ErrorType.CONFIGURATION, message, cause);
  }
}
