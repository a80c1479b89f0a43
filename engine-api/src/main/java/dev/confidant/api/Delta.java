package dev.confidant.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a chunk adds to a choice's message.
 *
 * @param role set in the first delta only
 * @param content a content fragment, or {@code null}
 * @param refusal a refusal fragment, or {@code null}
 * @param toolCalls tool-call fragments
 * @param context retrieval context (citations), sent once before the content, or {@code null}
 */
public record Delta(
    @Nullable Role role,
    @Nullable String content,
    @Nullable String refusal,
    List<ToolCallDelta> toolCalls,
    @Nullable MessageContext context) {

  /** The empty delta ({@code {}}), used with a finish reason. */
  public static final Delta EMPTY = new Delta(null, null, null, List.of(), null);

  public Delta {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  /** A content fragment. */
  public static Delta ofContent(String content) {
    return new Delta(null, content, null, List.of(), null);
  }

  /** The first delta of a choice: the role and empty content, as OpenAI sends it. */
  public static Delta ofRole(Role role) {
    return new Delta(role, "", null, List.of(), null);
  }

  /** A copy with other content. */
  public Delta withContent(@Nullable String content) {
    return new Delta(role, content, refusal, toolCalls, context);
  }

  /** A copy with other tool-call fragments. */
  public Delta withToolCalls(List<ToolCallDelta> toolCalls) {
    return new Delta(role, content, refusal, toolCalls, context);
  }

  /**
   * A fragment of a tool call. The first fragment of a call carries {@code id}, {@code type} and the function
   * name; later ones carry argument fragments only.
   *
   * @param index the call's position in the message's tool calls
   * @param id the call id (first fragment)
   * @param name the function name (first fragment)
   * @param arguments an arguments fragment, or {@code null}
   */
  public record ToolCallDelta(int index, @Nullable String id, @Nullable String name, @Nullable String arguments) {}
}
