package dev.confidant.core.json;

/** Reads and writes the Chat Completions wire format. */
public final class ChatJson {
  private ChatJson() {}
}
