package dev.confidant.testkit;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.ToolCall;
import java.util.List;

/**
 * A tool call a {@link ScriptedReply} streams: one chunk with the id and name, then one chunk per arguments
 * fragment. Fragments never split a surrogate pair (they may split anything else, such as a JSON string or a
 * combining sequence). Immutable and thread-safe.
 *
 * {@snippet class=dev.confidant.testkit.TestkitSnippets region=scripted-tool-call}
 *
 * @param id the call id ({@code call_...})
 * @param name the function name
 * @param argumentFragments the arguments JSON, one element per chunk
 */
public record ScriptedToolCall(String id, String name, List<String> argumentFragments) {

  /**
   * Checks and copies the components.
   *
   * @throws IllegalArgumentException if a fragment has a lone surrogate
   */
  public ScriptedToolCall {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    argumentFragments = List.copyOf(argumentFragments);
    for (int i = 0; i < argumentFragments.size(); i++) {
      Utf16.requireWellFormed(argumentFragments.get(i), "arguments fragment " + i + " of tool call " + id);
    }
  }

  /** A call whose arguments stream in one fragment (none when {@code arguments} is empty). */
  public static ScriptedToolCall of(String id, String name, String arguments) {
    return new ScriptedToolCall(id, name, arguments.isEmpty() ? List.of() : List.of(arguments));
  }

  /** The whole arguments JSON. */
  public String arguments() {
    return String.join("", argumentFragments);
  }

  /**
   * A copy whose arguments stream in fragments of {@code codePoints} code points.
   *
   * @throws IllegalArgumentException if {@code codePoints < 1}
   */
  public ScriptedToolCall splitEvery(int codePoints) {
    return new ScriptedToolCall(id, name, Utf16.splitEvery(arguments(), codePoints));
  }

  /**
   * A copy whose arguments are split at these char offsets.
   *
   * @throws IllegalArgumentException if the offsets do not increase, leave the text or split a surrogate pair
   */
  public ScriptedToolCall splitAt(int... offsets) {
    return new ScriptedToolCall(id, name, Utf16.splitAt(arguments(), offsets));
  }

  /** The call as the aggregated response carries it. */
  public ToolCall toToolCall() {
    return new ToolCall(id, name, arguments());
  }
}
