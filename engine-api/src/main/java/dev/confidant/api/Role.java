package dev.confidant.api;

/** Message roles of the Chat Completions API, with their wire names. */
public enum Role {
  SYSTEM("system"),
  DEVELOPER("developer"),
  USER("user"),
  ASSISTANT("assistant"),
  TOOL("tool");

  private final String wireName;

  Role(String wireName) {
    this.wireName = wireName;
  }

  /** The lower-case name used in JSON. */
  public String wireName() {
    return wireName;
  }
}
