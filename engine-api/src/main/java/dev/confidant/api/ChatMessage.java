package dev.confidant.api;

import org.jspecify.annotations.Nullable;

/**
 * A message of the conversation. Exhaustive over the five roles of the Chat Completions API; handle it with a
 * pattern {@code switch}.
 */
public sealed interface ChatMessage
    permits SystemMessage, DeveloperMessage, UserMessage, AssistantMessage, ToolMessage {

  /** The role of this message. */
  Role role();

  /** The content, or {@code null} (only assistant messages with tool calls may have none). */
  @Nullable Content content();

  /** The text of the content, or the empty string when there is none. */
  default String text() {
    Content c = content();
    return c == null ? "" : c.text();
  }

  /** A copy of this message with other content. */
  ChatMessage withContent(@Nullable Content content);
}
