package dev.confidant.pii.internal.token;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChunkChoice;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.Delta;
import dev.confidant.pii.internal.mapping.PlaceholderLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Restores placeholders in a chunk stream: content and tool-call arguments of every choice. Each field holds
 * back at most one partial placeholder across chunk boundaries; everything else is released in the chunk that
 * brought it. A choice's held text is released with its finish reason, or in a last chunk if the upstream ends
 * without one. Not thread-safe: one instance per stream, as {@link CompletionStream.ChunkTransformer} requires.
 *
 * <p>A chunk in which nothing changes (no placeholder completed, nothing held back or released) is passed on as
 * the same object; otherwise only what changed is copied.
 */
public final class StreamingDetokenizer implements CompletionStream.ChunkTransformer {
  private final PlaceholderLookup lookup;
  /** Per choice index: the pending content. */
  private final IntSlots<PendingText> content = new IntSlots<>();
  /** Per choice index, per tool-call index: the pending arguments. */
  private final IntSlots<IntSlots<PendingText>> arguments = new IntSlots<>();
  private @Nullable ChatCompletionChunk last;

  public StreamingDetokenizer(PlaceholderLookup lookup) {
    this.lookup = lookup;
  }

  @Override
  public void onChunk(ChatCompletionChunk chunk, Consumer<ChatCompletionChunk> out) {
    last = chunk;
    List<ChunkChoice> in = chunk.choices();
    int n = in.size();
    if (n == 0) {
      // The usage chunk comes last: anything still held goes out before it, never after.
      onComplete(out);
      out.accept(chunk);
      return;
    }
    if (n == 1) {
      ChunkChoice choice = in.get(0);
      ChunkChoice restored = restore(choice);
      out.accept(restored == choice ? chunk : chunk.withChoices(List.of(restored)));
      return;
    }
    ChunkChoice[] choices = null;
    for (int i = 0; i < n; i++) {
      ChunkChoice choice = in.get(i);
      ChunkChoice restored = restore(choice);
      if (restored != choice && choices == null) {
        choices = in.toArray(ChunkChoice[]::new);
      }
      if (choices != null) {
        choices[i] = restored;
      }
    }
    out.accept(choices == null ? chunk : chunk.withChoices(List.of(choices)));
  }

  @Override
  public void onComplete(Consumer<ChatCompletionChunk> out) {
    ChatCompletionChunk template = last;
    if (template == null) {
      return;
    }
    List<ChunkChoice> choices = new ArrayList<>();
    for (int index : content.keys()) {
      Delta flushed = flush(index, Delta.EMPTY);
      if (flushed != Delta.EMPTY) {
        choices.add(new ChunkChoice(index, flushed, null, null));
      }
    }
    for (int index : arguments.keys()) {
      Delta flushed = flush(index, Delta.EMPTY);
      if (flushed != Delta.EMPTY) {
        choices.add(new ChunkChoice(index, flushed, null, null));
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
      PendingText pending = content.get(index);
      if (pending == null) {
        pending = new PendingText(lookup);
        content.put(index, pending);
      }
      String released = pending.accept(text);
      if (released != text) {
        restored = restored.withContent(released);
      }
    }
    List<Delta.ToolCallDelta> toolCalls = d.toolCalls();
    if (!toolCalls.isEmpty()) {
      Delta.ToolCallDelta[] calls = null;
      for (int i = 0; i < toolCalls.size(); i++) {
        Delta.ToolCallDelta call = toolCalls.get(i);
        String args = call.arguments();
        if (args == null || args.isEmpty()) {
          continue;
        }
        IntSlots<PendingText> perCall = arguments.get(index);
        if (perCall == null) {
          perCall = new IntSlots<>();
          arguments.put(index, perCall);
        }
        PendingText pending = perCall.get(call.index());
        if (pending == null) {
          pending = new PendingText(lookup);
          perCall.put(call.index(), pending);
        }
        String released = pending.accept(args);
        if (released != args) {
          if (calls == null) {
            calls = toolCalls.toArray(Delta.ToolCallDelta[]::new);
          }
          calls[i] = new Delta.ToolCallDelta(call.index(), call.id(), call.name(), released);
        }
      }
      if (calls != null) {
        restored = restored.withToolCalls(List.of(calls));
      }
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
    IntSlots<PendingText> calls = arguments.remove(index);
    if (calls != null) {
      List<Delta.ToolCallDelta> list = new ArrayList<>(result.toolCalls());
      for (int i = 0; i < calls.size(); i++) {
        PendingText held = calls.valueAt(i);
        if (held.heldLength() > 0) {
          list.add(new Delta.ToolCallDelta(calls.keyAt(i), null, null, held.flush()));
        }
      }
      if (list.size() != result.toolCalls().size()) {
        result = result.withToolCalls(list);
      }
    }
    return result;
  }
}
