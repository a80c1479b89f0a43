package dev.confidant.api;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A message with role {@code tool}: the result of a tool call.
 *
 * @param content the tool's result
 * @param toolCallId the id of the assistant's tool call this message answers
 */
public record ToolMessage(Content content, String toolCallId) implements ChatMessage {
  public ToolMessage {
    requireNonNull(content, "content");
    requireNonNull(toolCallId, "toolCallId");
  }

  /** A tool result with plain text content. */
  public ToolMessage(String text, String toolCallId) {
    this(Content.of(text), toolCallId);
  }

  @Override
  public Role role() {
    return Role.TOOL;
  }

  @Override
  public ToolMessage withContent(@Nullable Content content) {
    return new ToolMessage(requireNonNull(content, "content"), toolCallId);
  }
}
