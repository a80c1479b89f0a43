package dev.confidant.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A message with role {@code assistant}: a reply of the model, in a request's history or in a response.
 *
 * @param content the content; {@code null} when the model only called tools
 * @param name an optional participant name
 * @param refusal a refusal message, if the model refused
 * @param toolCalls the tools the model called (empty if none)
 * @param context retrieval context (citations) attached by Confidant, or {@code null}
 */
public record AssistantMessage(
    @Nullable Content content,
    @Nullable String name,
    @Nullable String refusal,
    List<ToolCall> toolCalls,
    @Nullable MessageContext context) implements ChatMessage {

  public AssistantMessage {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  /** An assistant message with plain text content. */
  public AssistantMessage(String text) {
    this(Content.of(text), null, null, List.of(), null);
  }

  /** An assistant message that only calls tools. */
  public static AssistantMessage ofToolCalls(List<ToolCall> toolCalls) {
    return new AssistantMessage(null, null, null, toolCalls, null);
  }

  @Override
  public Role role() {
    return Role.ASSISTANT;
  }

  @Override
  public AssistantMessage withContent(@Nullable Content content) {
    return new AssistantMessage(content, name, refusal, toolCalls, context);
  }

  /** A copy with other tool calls. */
  public AssistantMessage withToolCalls(List<ToolCall> toolCalls) {
    return new AssistantMessage(content, name, refusal, toolCalls, context);
  }

  /** A copy with a retrieval context. */
  public AssistantMessage withContext(@Nullable MessageContext context) {
    return new AssistantMessage(content, name, refusal, toolCalls, context);
  }
}
