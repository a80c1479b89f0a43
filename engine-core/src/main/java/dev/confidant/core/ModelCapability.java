package dev.confidant.core;

import java.util.Optional;

/** What a model can do, as listed by {@code GET /v1/models}; a request that needs a missing one is rejected. */
public enum ModelCapability {
  /** Chat completions (every model). */
  CHAT("chat"),
  /** Streamed replies. */
  STREAMING("streaming"),
  /** Function calling ({@code tools}). */
  TOOLS("tools"),
  /** {@code response_format: json_object}. */
  JSON_MODE("json_mode"),
  /** {@code response_format: json_schema}. */
  JSON_SCHEMA("json_schema"),
  /** Image inputs. */
  VISION("vision");

  private final String wireName;

  ModelCapability(String wireName) {
    this.wireName = wireName;
  }

  /** The name in registry files and {@code /v1/models}. */
  public String wireName() {
    return wireName;
  }

  /** The capability with this wire name. */
  public static Optional<ModelCapability> fromWireName(String name) {
    for (ModelCapability c : values()) {
      if (c.wireName.equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
