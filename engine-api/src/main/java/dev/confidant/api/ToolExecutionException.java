package dev.confidant.api;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/** A server tool failed in a way the tool loop could not hand back to the model. */
public final class ToolExecutionException extends ChatEngineException {
  private static final long serialVersionUID = 1L;
  private final String toolName;

  public ToolExecutionException(String toolName, String message, @Nullable Throwable cause) {
    super(ErrorType.TOOL_ERROR, message, cause);
    this.toolName = requireNonNull(toolName, "toolName");
  }

  /** The failing tool. */
  public String toolName() {
    return toolName;
  }
}
