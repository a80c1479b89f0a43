package dev.confidant.jlama.internal;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChunkChoice;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.Delta;
import dev.confidant.api.FinishReason;
import dev.confidant.api.ToolCall;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Turns tool calls written as text into OpenAI tool-call chunks, for a request that offers tools. Content streams
 * through until a tool-call marker ({@code <tool_call>}, {@code [TOOL_CALLS]}, {@code <|python_tag|>}) or a reply
 * that opens with {@code {} or {@code [} (bare JSON calls); from there the text is held back and parsed with
 * {@link ToolCallParser} when the finish chunk comes. Found calls are emitted as a start chunk (id, type, name)
 * and an arguments chunk each, and the finish reason becomes {@code tool_calls}; held text that is no call after
 * all is emitted as content. A partial marker at the end of a chunk is held until the next one decides. Not
 * thread-safe: one instance per stream.
 */
final class ToolCallExtractor implements CompletionStream.ChunkTransformer {
  private static final List<String> MARKERS =
      List.of(ToolCallParser.HERMES_OPEN, ToolCallParser.MISTRAL, ToolCallParser.PYTHON_TAG);

  private final Set<String> toolNames;
  private final StringBuilder pending = new StringBuilder(); // possible marker start, or leading whitespace
  private final StringBuilder held = new StringBuilder();
  private boolean holding;
  private boolean seenText;
  private boolean finished;

  /** @param toolNames the offered tools' names */
  ToolCallExtractor(Set<String> toolNames) {
    this.toolNames = Set.copyOf(toolNames);
  }

  @Override
  public void onChunk(ChatCompletionChunk chunk, Consumer<ChatCompletionChunk> out) {
    if (chunk.choices().isEmpty()) {
      out.accept(chunk);
      return;
    }
    ChunkChoice choice = chunk.choices().get(0);
    Delta delta = choice.delta();
    String text = delta.content();
    if (delta.role() != null) {
      out.accept(chunk.withChoices(List.of(choice.withDelta(delta.withContent(text == null ? null : "")))));
      if (text != null && !text.isEmpty()) {
        accept(chunk, text, out);
      }
    } else if (text != null) {
      accept(chunk, text, out);
    }
    if (choice.finishReason() != null) {
      finish(chunk, choice.finishReason(), out);
    }
  }

  @Override
  public void onComplete(Consumer<ChatCompletionChunk> out) {
    // Normally the finish chunk flushed everything; a stream cut short never reaches here with a template.
  }

  private void accept(ChatCompletionChunk chunk, String fragment, Consumer<ChatCompletionChunk> out) {
    if (holding) {
      held.append(fragment);
      return;
    }
    pending.append(fragment);
    String text = pending.toString();
    if (!seenText) {
      String stripped = text.stripLeading();
      if (stripped.isEmpty()) {
        return; // only whitespace so far: a bare JSON call may follow
      }
      seenText = true;
      if (stripped.startsWith("{") || stripped.startsWith("[")) {
        hold(text);
        return;
      }
    }
    int marker = firstMarker(text);
    if (marker >= 0) {
      emit(chunk, text.substring(0, marker), out);
      hold(text.substring(marker));
      return;
    }
    int keep = partialMarkerSuffix(text);
    emit(chunk, text.substring(0, text.length() - keep), out);
    pending.delete(0, text.length() - keep);
  }

  private void hold(String text) {
    holding = true;
    held.append(text);
    pending.setLength(0);
  }

  private void finish(ChatCompletionChunk chunk, FinishReason reason, Consumer<ChatCompletionChunk> out) {
    if (finished) {
      return;
    }
    finished = true;
    FinishReason effective = reason;
    if (holding) {
      ToolCallParser.Parsed parsed = ToolCallParser.parse(held.toString(), toolNames);
      if (parsed.calls().isEmpty()) {
        emit(chunk, held.toString(), out);
      } else {
        emit(chunk, parsed.content(), out);
        List<ToolCall> calls = parsed.calls();
        for (int i = 0; i < calls.size(); i++) {
          ToolCall call = calls.get(i);
          out.accept(withDelta(chunk, Delta.EMPTY.withToolCalls(
              List.of(new Delta.ToolCallDelta(i, call.id(), call.name(), ""))), null));
          out.accept(withDelta(chunk, Delta.EMPTY.withToolCalls(
              List.of(new Delta.ToolCallDelta(i, null, null, call.arguments()))), null));
        }
        effective = FinishReason.TOOL_CALLS;
      }
    } else {
      emit(chunk, pending.toString(), out);
    }
    held.setLength(0);
    pending.setLength(0);
    out.accept(withDelta(chunk, Delta.EMPTY, effective));
  }

  private static void emit(ChatCompletionChunk chunk, String text, Consumer<ChatCompletionChunk> out) {
    if (!text.isEmpty()) {
      out.accept(withDelta(chunk, Delta.ofContent(text), null));
    }
  }

  private static ChatCompletionChunk withDelta(ChatCompletionChunk chunk, Delta delta,
      @Nullable FinishReason reason) {
    return chunk.withChoices(List.of(new ChunkChoice(0, delta, reason, null)));
  }

  private static int firstMarker(String text) {
    int first = -1;
    for (String marker : MARKERS) {
      int at = text.indexOf(marker);
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    }
    return first;
  }

  /** The length of the longest end of {@code text} that could begin a marker. */
  private static int partialMarkerSuffix(String text) {
    int longest = 0;
    for (String marker : MARKERS) {
      for (int n = Math.min(marker.length() - 1, text.length()); n > longest; n--) {
        if (text.endsWith(marker.substring(0, n))) {
          longest = n;
          break;
        }
      }
    }
    return longest;
  }
}
