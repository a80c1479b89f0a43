package dev.confidant.core.internal.validation;

import static dev.confidant.core.internal.validation.Checks.at;

import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.ToolCall;
import dev.confidant.api.ToolMessage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks that tool calls and tool messages pair up, the rule every chat template and OpenAI itself rely on:
 * <ol>
 *   <li>a {@code tool} message answers a call of the closest preceding assistant message with {@code tool_calls},
 *       by {@code tool_call_id};
 *   <li>each call is answered exactly once;
 *   <li>the answers come right after that assistant message, before any other message; a conversation that ends
 *       with unanswered calls is invalid too, because no model can continue it.
 * </ol>
 * A late answer (after an intervening message) is reported once, at the tool message, and not again as an
 * unanswered call: one mistake, one violation. Stateless; {@link #check} keeps its state on the stack.
 */
final class ToolCallPairing {
  private ToolCallPairing() {}

  static void check(List<ChatMessage> messages, Checks checks) {
    @Nullable Block block = null;
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage message = messages.get(i);
      if (message instanceof ToolMessage tool) {
        answer(block, tool, i, checks);
        continue;
      }
      if (block != null && block.closedBy < 0) {
        block.closedBy = i;
      }
      if (message instanceof AssistantMessage assistant && !assistant.toolCalls().isEmpty()) {
        if (block != null) {
          block.reportUnanswered(checks);
        }
        block = Block.of(assistant, i, checks);
      }
    }
    if (block != null) {
      block.reportUnanswered(checks);
    }
  }

  private static void answer(@Nullable Block block, ToolMessage tool, int position, Checks checks) {
    List<Object> loc = at("messages", position, "tool_call_id");
    String id = tool.toolCallId();
    if (block == null) {
      checks.valueError(loc, "a 'tool' message must answer a tool call, but no assistant message with "
          + "'tool_calls' precedes it", id);
      return;
    }
    Integer call = block.calls.get(id);
    if (call == null) {
      checks.valueError(loc, "tool_call_id '" + id + "' matches no tool call of the closest preceding assistant "
          + "message with 'tool_calls' (messages[" + block.position + "]); expected one of "
          + block.calls.keySet(), id);
      return;
    }
    Integer earlier = block.answeredBy.putIfAbsent(id, position);
    if (earlier != null) {
      checks.valueError(loc, "tool call '" + id + "' is already answered by messages[" + earlier + "]", id);
    } else if (block.closedBy >= 0) {
      checks.valueError(loc, "the answer to tool call '" + id + "' must come right after messages["
          + block.position + "], before messages[" + block.closedBy + "]", id);
    }
  }

  /** The calls of one assistant message and what answered them. Mutable, local to one check. */
  private static final class Block {
    final int position;
    final Map<String, Integer> calls = new LinkedHashMap<>(); // id -> index in tool_calls
    final Map<String, Integer> answeredBy = new HashMap<>(); // id -> message position
    int closedBy = -1; // the first non-tool message after the block

    private Block(int position) {
      this.position = position;
    }

    static Block of(AssistantMessage assistant, int position, Checks checks) {
      Block block = new Block(position);
      List<ToolCall> toolCalls = assistant.toolCalls();
      for (int j = 0; j < toolCalls.size(); j++) {
        String id = toolCalls.get(j).id();
        Integer first = block.calls.putIfAbsent(id, j);
        if (first != null) {
          checks.valueError(at("messages", position, "tool_calls", j, "id"),
              "duplicate tool call id '" + id + "' (also tool_calls[" + first + "])", id);
        }
      }
      return block;
    }

    void reportUnanswered(Checks checks) {
      calls.forEach((id, j) -> {
        if (!answeredBy.containsKey(id)) {
          String where = closedBy >= 0 ? "before messages[" + closedBy + "]" : "at the end of the conversation";
          checks.valueError(at("messages", position, "tool_calls", j, "id"),
              "tool call '" + id + "' has no 'tool' message answering it " + where, id);
        }
      });
    }
  }
}
