package dev.confidant.core.internal.tools;

import dev.confidant.api.AssistantMessage;
import dev.confidant.api.Content;
import dev.confidant.api.Delta;
import dev.confidant.api.FinishReason;
import dev.confidant.api.ToolCall;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What one model turn of the tool loop produced: its content, its tool calls (split into server and client calls
 * as their names arrive) and its finish reason. Client calls get consecutive indexes of their own, so that the
 * client sees {@code 0, 1, ...} even when server calls came between them. Not thread-safe: used by the pulling
 * thread only.
 */
final class Round {
  private final Set<String> serverTools;
  private final StringBuilder content = new StringBuilder();
  private final TreeMap<Integer, Call> calls = new TreeMap<>();
  private int clientCalls;
  private @Nullable FinishReason finishReason;

  /** @param serverTools the names that are server tools in this turn */
  Round(Set<String> serverTools) {
    this.serverTools = serverTools;
  }

  void appendContent(String text) {
    content.append(text);
  }

  void finish(FinishReason reason) {
    finishReason = reason;
  }

  @Nullable FinishReason finishReason() {
    return finishReason;
  }

  /**
   * Adds one tool-call fragment of the model and returns what the client should see of it now: a client call's
   * fragments re-indexed (its first one with id, type and name), nothing of a server call.
   */
  List<Delta.ToolCallDelta> accept(Delta.ToolCallDelta fragment) {
    Call call = calls.computeIfAbsent(fragment.index(), i -> new Call());
    if (fragment.id() != null && !fragment.id().isEmpty()) {
      call.id = fragment.id();
    }
    if (fragment.arguments() != null) {
      call.arguments.append(fragment.arguments());
    }
    boolean named = fragment.name() != null && !fragment.name().isEmpty() && call.name == null;
    if (named) {
      call.name = fragment.name();
      call.server = serverTools.contains(call.name);
      if (!call.server) {
        call.clientIndex = clientCalls++;
        // The arguments so far (usually none) go with the first fragment.
        return List.of(new Delta.ToolCallDelta(call.clientIndex, call.id(), call.name, call.arguments.toString()));
      }
      return List.of();
    }
    if (call.name == null || call.server || fragment.arguments() == null || fragment.arguments().isEmpty()) {
      return List.of(); // not yet known, a server call, or nothing to add
    }
    return List.of(new Delta.ToolCallDelta(call.clientIndex, null, null, fragment.arguments()));
  }

  /** The server calls, in the model's order. */
  List<ToolCall> serverCalls() {
    return calls.values().stream().filter(c -> c.server).map(Call::toToolCall).toList();
  }

  /** Whether the model called a tool that is not a server tool. */
  boolean hasClientCalls() {
    return clientCalls > 0;
  }

  /** The assistant message of this turn in the history sent back to the model: its content and server calls. */
  AssistantMessage asHistory() {
    Content text = content.isEmpty() ? null : Content.of(content.toString());
    return new AssistantMessage(text, null, null, serverCalls(), null);
  }

  /** One call being assembled. */
  private static final class Call {
    private @Nullable String id;
    private @Nullable String name;
    private final StringBuilder arguments = new StringBuilder();
    private boolean server;
    private int clientIndex = -1;

    String id() {
      if (id == null) { // some backends send no id: make one, since tool messages must answer by id
        id = "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
      }
      return id;
    }

    ToolCall toToolCall() {
      return new ToolCall(id(), name == null ? "" : name, arguments.toString());
    }
  }
}
