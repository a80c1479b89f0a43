package dev.confidant.api;

import static java.util.Objects.requireNonNull;

/**
 * A tool call made by the model ({@code type: "function"}).
 *
 * @param id the call id, echoed by the {@link ToolMessage} that answers it
 * @param name the function name
 * @param arguments the arguments as JSON text, exactly as the model produced them
 */
public record ToolCall(String id, String name, String arguments) {
  public ToolCall {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(arguments, "arguments");
  }

  /** A copy with other arguments. */
  public ToolCall withArguments(String arguments) {
    return new ToolCall(id, name, arguments);
  }
}
