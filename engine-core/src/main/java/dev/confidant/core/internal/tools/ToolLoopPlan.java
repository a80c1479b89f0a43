package dev.confidant.core.internal.tools;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.ToolChoice;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.Tools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How one request runs through the tool loop: the client's request, the server tools it is offered and the
 * limits. Immutable and thread-safe.
 *
 * @param original the request as the stage received it
 * @param serverTools the server tools offered to the model (allowed in the request's space, not shadowed by a
 *     client tool of the same name)
 * @param maxRounds turns with server calls before the last turn
 * @param maxTotalTime the time budget of the server tools
 */
record ToolLoopPlan(ChatCompletionRequest original, List<ToolDefinition> serverTools, int maxRounds,
    Duration maxTotalTime) {

  ToolLoopPlan {
    serverTools = List.copyOf(serverTools);
  }

  /** The names of {@link #serverTools()}. */
  Set<String> serverToolNames() {
    Set<String> names = new LinkedHashSet<>();
    serverTools.forEach(t -> names.add(t.name()));
    return names;
  }

  /**
   * The request of one turn.
   *
   * <ul>
   *   <li>Server tools are offered after the client's, except in the last turn, which offers the client's only.
   *   <li>The client's {@code tool_choice} holds for the first turn. Later turns use {@code auto} where it was
   *       {@code required} or a function: the first turn met that obligation, and keeping it would force a tool
   *       call in every turn until the limit.
   * </ul>
   *
   * @param history the conversation so far: the client's messages plus earlier turns and tool results
   * @param round how many turns with server calls came before
   * @param lastTurn whether this is the last turn
   */
  ChatCompletionRequest request(List<ChatMessage> history, int round, boolean lastTurn) {
    Tools client = original.tools();
    List<ToolDefinition> definitions = new ArrayList<>(client.definitions());
    if (!lastTurn) {
      definitions.addAll(serverTools);
    }
    ToolChoice choice = client.choice();
    if (round > 0 && (choice == ToolChoice.Mode.REQUIRED || choice instanceof ToolChoice.Function)) {
      choice = ToolChoice.Mode.AUTO;
    }
    Tools tools = definitions.isEmpty() ? Tools.NONE : new Tools(definitions, choice, client.parallelToolCalls());
    return original.withMessages(history).withTools(tools);
  }

  /** The limits, for messages. */
  String limitDescription() {
    return maxRounds + " rounds, " + maxTotalTime.toSeconds() + " s";
  }
}
