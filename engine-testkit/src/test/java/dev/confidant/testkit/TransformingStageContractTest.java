package dev.confidant.testkit;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.spi.PipelineStage;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The stage contract for a stage that rewrites the stream with a transformer holding back the last code point of
 * every content delta, as a streaming detokenizer does: what it holds back must come out, in order.
 */
class TransformingStageContractTest extends AbstractPipelineStageContractTest {

  @Override
  protected PipelineStage stage() {
    return chain -> chain.proceed(chain.request()).transform(new HoldBackLastCodePoint());
  }

  private static final class HoldBackLastCodePoint implements CompletionStream.ChunkTransformer {
    private String held = "";
    private @Nullable ChatCompletionChunk last;

    @Override
    public void onChunk(ChatCompletionChunk chunk, Consumer<ChatCompletionChunk> out) {
      if (chunk.choices().isEmpty() || chunk.choices().get(0).delta().content() == null
          || chunk.choices().get(0).delta().role() != null) {
        if (!held.isEmpty() && last != null) {
          out.accept(withContent(last, held));
          held = "";
        }
        out.accept(chunk);
        return;
      }
      String text = held + chunk.choices().get(0).delta().content();
      int cut = text.isEmpty() ? 0 : text.offsetByCodePoints(text.length(), -1);
      held = text.substring(cut);
      last = chunk;
      out.accept(withContent(chunk, text.substring(0, cut)));
    }

    private static ChatCompletionChunk withContent(ChatCompletionChunk chunk, String content) {
      return chunk.withChoices(List.of(chunk.choices().get(0)
          .withDelta(chunk.choices().get(0).delta().withContent(content))));
    }
  }
}
