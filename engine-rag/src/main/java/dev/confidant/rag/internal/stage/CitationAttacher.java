package dev.confidant.rag.internal.stage;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChunkChoice;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.Delta;
import dev.confidant.api.MessageContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Puts the citations on the first delta of each choice, so that they arrive once, before the content, and a
 * collected response carries them as {@code message.context}. One instance per stream; not thread-safe.
 */
final class CitationAttacher implements CompletionStream.ChunkTransformer {
  private final MessageContext context;
  private final Set<Integer> attached = new HashSet<>();

  CitationAttacher(MessageContext context) {
    this.context = context;
  }

  @Override
  public void onChunk(ChatCompletionChunk chunk, Consumer<ChatCompletionChunk> out) {
    if (chunk.choices().stream().allMatch(c -> attached.contains(c.index()))) {
      out.accept(chunk);
      return;
    }
    List<ChunkChoice> choices = new ArrayList<>(chunk.choices().size());
    for (ChunkChoice choice : chunk.choices()) {
      if (attached.add(choice.index())) {
        Delta d = choice.delta();
        choices.add(choice.withDelta(new Delta(d.role(), d.content(), d.refusal(), d.toolCalls(), context)));
      } else {
        choices.add(choice);
      }
    }
    out.accept(chunk.withChoices(choices));
  }
}
