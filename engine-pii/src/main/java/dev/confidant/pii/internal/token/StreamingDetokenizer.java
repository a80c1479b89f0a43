package dev.confidant.pii.internal.token;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChunkChoice;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.Delta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Restores placeholders in a chunk stream: content and tool-call arguments of every choice. Each field holds
 * back at most one partial placeholder across chunk boundaries; everything else is released in the chunk that
 * brought it. A choice's held text is released with its finish reason, or in a last chunk if the upstream ends
 * without one. Not thread-safe: one instance per stream, as {@link CompletionStream.ChunkTransformer} requires.
 */
public final class StreamingDetokenizer implements CompletionStream.ChunkTransformer {
  private final Function<String, @Nullable String> lookup;
  private final Map<Integer, PendingText> content = new HashMap<>();
  /** Per choice, per tool-call index: the pending arguments. */
  private final Map<Integer, Map<Integer, PendingText>> arguments = new HashMap<>();
  private @Nullable ChatCompletionChunk last;

  public StreamingDetokenizer(Function<String, @Nullable String> lookup) {
    this.lookup = lookup;
  }

  @Override
  public void onChunk(ChatCompletionChunk chunk, Consumer<ChatCompletionChunk> out) {
    last = chunk;
    if (chunk.choices().isEmpty()) {
      // The usage chunk comes last: anything still held goes out before it, never after.
      onComplete(out);
      out.accept(chunk);
      return;
    }
    List<ChunkChoice> choices = new ArrayList<>(chunk.choices().size());
    for (ChunkChoice choice : chunk.choices()) {
      choices.add(restore(choice));
    }
    out.accept(chunk.withChoices(choices));
  }

  @Override
  public void onComplete(Consumer<ChatCompletionChunk> out) {
    ChatCompletionChunk template = last;
    if (template == null) {
      return;
    }
    List<ChunkChoice> choices = new ArrayList<>();
    for (Integer index : new TreeMap<>(content).keySet()) {
      Delta flushed = flush(index, Delta.EMPTY);
      if (flushed != Delta.EMPTY) {
        choices.add(new ChunkChoice(index, flushed, null, null));
      }
    }
    for (Integer index : new TreeMap<>(arguments).keySet()) {
      if (!content.containsKey(index)) {
        Delta flushed = flush(index, Delta.EMPTY);
        if (flushed != Delta.EMPTY) {
          choices.add(new ChunkChoice(index, flushed, null, null));
        }
      }
    }
    if (!choices.isEmpty()) {
      out.accept(new ChatCompletionChunk(template.id(), template.created(), template.model(), choices, null,
          template.systemFingerprint()));
    }
  }

  private ChunkChoice restore(ChunkChoice choice) {
    Delta d = choice.delta();
    int index = choice.index();
    String text = d.content();
    Delta restored = d;
    if (text != null && !text.isEmpty()) {
      restored = restored.withContent(content.computeIfAbsent(index, i -> new PendingText(lookup)).accept(text));
    }
    if (!d.toolCalls().isEmpty()) {
      List<Delta.ToolCallDelta> calls = new ArrayList<>(d.toolCalls().size());
      for (Delta.ToolCallDelta call : d.toolCalls()) {
        String args = call.arguments();
        if (args == null || args.isEmpty()) {
          calls.add(call);
          continue;
        }
        PendingText pending = arguments.computeIfAbsent(index, i -> new HashMap<>())
            .computeIfAbsent(call.index(), i -> new PendingText(lookup));
        calls.add(new Delta.ToolCallDelta(call.index(), call.id(), call.name(), pending.accept(args)));
      }
      restored = restored.withToolCalls(calls);
    }
    if (choice.finishReason() != null) {
      restored = flush(index, restored);
    }
    return restored == d ? choice : choice.withDelta(restored);
  }

  /** Appends what a choice holds to a delta and forgets the choice's state; returns the same delta if none. */
  private Delta flush(int index, Delta d) {
    Delta result = d;
    PendingText pending = content.remove(index);
    if (pending != null && pending.heldLength() > 0) {
      String rest = pending.flush();
      result = result.withContent(result.content() == null ? rest : result.content() + rest);
    }
    Map<Integer, PendingText> calls = arguments.remove(index);
    if (calls != null) {
      List<Delta.ToolCallDelta> list = new ArrayList<>(result.toolCalls());
      for (Map.Entry<Integer, PendingText> e : new TreeMap<>(calls).entrySet()) {
        if (e.getValue().heldLength() > 0) {
          list.add(new Delta.ToolCallDelta(e.getKey(), null, null, e.getValue().flush()));
        }
      }
      if (list.size() != result.toolCalls().size()) {
        result = result.withToolCalls(list);
      }
    }
    return result;
  }
}
