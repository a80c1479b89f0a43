package dev.confidant.api;

import java.util.Optional;

/** Why generation ended, with the wire names of the Chat Completions API. */
public enum FinishReason {
  STOP("stop"),
  LENGTH("length"),
  TOOL_CALLS("tool_calls"),
  CONTENT_FILTER("content_filter"),
  FUNCTION_CALL("function_call");

  private final String wireName;

  FinishReason(String wireName) {
    this.wireName = wireName;
  }

  /** The wire name. */
  public String wireName() {
    return wireName;
  }

  /** The reason with this wire name. */
  public static Optional<FinishReason> fromWireName(String name) {
    for (FinishReason r : values()) {
      if (r.wireName.equals(name)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
