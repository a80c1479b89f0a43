package dev.confidant.api;

import static java.util.Objects.requireNonNull;

/** The {@code tool_choice} of a request: a mode, or one named function. */
public sealed interface ToolChoice permits ToolChoice.Mode, ToolChoice.Function {

  /** {@code "auto"}, {@code "none"} or {@code "required"}. */
  enum Mode implements ToolChoice {
    AUTO("auto"),
    NONE("none"),
    REQUIRED("required");

    private final String wireName;

    Mode(String wireName) {
      this.wireName = wireName;
    }

    /** The wire name. */
    public String wireName() {
      return wireName;
    }
  }

  /** {@code {"type":"function","function":{"name":...}}}: the model must call this function. */
  record Function(String name) implements ToolChoice {
    public Function {
      requireNonNull(name, "name");
    }
  }
}
