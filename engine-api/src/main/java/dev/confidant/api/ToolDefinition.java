package dev.confidant.api;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A function the model may call ({@code tools[].function}).
 *
 * @param name the function name
 * @param description what the function does, for the model
 * @param parameters a JSON schema of the arguments, or {@code null} for none
 * @param strict whether the arguments must follow the schema exactly
 */
public record ToolDefinition(
    String name, @Nullable String description, @Nullable RawJson parameters, @Nullable Boolean strict) {
  public ToolDefinition {
    requireNonNull(name, "name");
  }
}
