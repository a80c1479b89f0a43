package dev.confidant.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChunkChoice;
import dev.confidant.api.Delta;
import dev.confidant.api.Role;
import dev.confidant.api.Usage;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ-based checks of streamed chunks, shared by the contract tests and usable in any stage or backend test.
 * Stateless and thread-safe.
 */
public final class CompletionAssertions {
  private CompletionAssertions() {}

  /** The content of choice 0, the delta fragments joined. */
  public static String contentOf(List<ChatCompletionChunk> chunks) {
    StringBuilder text = new StringBuilder();
    for (ChatCompletionChunk chunk : chunks) {
      for (ChunkChoice choice : chunk.choices()) {
        if (choice.index() == 0 && choice.delta().content() != null) {
          text.append(choice.delta().content());
        }
      }
    }
    return text.toString();
  }

  /**
   * Asserts OpenAI's chunk order: one id, creation time and model in every chunk; the first delta of each choice
   * has role {@code assistant} and later ones none; every choice gets exactly one finish reason, on its last chunk,
   * and the last choice chunk carries one; the last chunk has no choices and the usage, with
   * {@code total = prompt + completion > 0}; no other chunk has usage or lacks choices.
   *
   * @throws AssertionError on the first violation
   */
  public static void assertOpenAiChunkOrder(List<ChatCompletionChunk> chunks) {
    assertThat(chunks).as("chunks of one stream").isNotEmpty();
    ChatCompletionChunk first = chunks.get(0);
    int last = chunks.size() - 1;
    for (int i = 0; i <= last; i++) {
      ChatCompletionChunk chunk = chunks.get(i);
      assertThat(chunk.id()).as("id of chunk %d", i).isEqualTo(first.id());
      assertThat(chunk.created()).as("created of chunk %d", i).isEqualTo(first.created());
      assertThat(chunk.model()).as("model of chunk %d", i).isEqualTo(first.model());
    }
    Set<Integer> started = new HashSet<>();
    Map<Integer, Integer> finishedAt = new TreeMap<>();
    for (int i = 0; i < last; i++) {
      ChatCompletionChunk chunk = chunks.get(i);
      assertThat(chunk.choices()).as("choices of chunk %d of %d (only the last, the usage chunk, has none)", i,
          chunks.size()).isNotEmpty();
      assertThat(chunk.usage()).as("usage of chunk %d (only the last chunk carries usage)", i).isNull();
      for (ChunkChoice choice : chunk.choices()) {
        int index = choice.index();
        assertThat(finishedAt).as("chunk %d of choice %d after the choice's finish chunk", i, index)
            .doesNotContainKey(index);
        if (started.add(index)) {
          assertThat(choice.delta().role()).as("role of the first delta of choice %d (chunk %d)", index, i)
              .isEqualTo(Role.ASSISTANT);
        } else {
          assertThat(choice.delta().role()).as("role of delta %d of choice %d (only the first has one)", i, index)
              .isNull();
        }
        if (choice.finishReason() != null) {
          finishedAt.put(index, i);
        }
      }
    }
    assertThat(finishedAt.keySet()).as("choices with a finish reason").isEqualTo(started);
    assertThat(finishedAt.values()).as("chunks with a finish reason (the last choice chunk must have one)")
        .contains(last - 1);
    ChatCompletionChunk usageChunk = chunks.get(last);
    assertThat(usageChunk.choices()).as("choices of the last chunk (the usage chunk)").isEmpty();
    Usage usage = usageChunk.usage();
    assertThat(usage).as("usage of the last chunk").isNotNull();
    assertThat(usage.totalTokens()).as("total tokens of %s", usage)
        .isEqualTo(usage.promptTokens() + usage.completionTokens())
        .isPositive();
  }

  /**
   * Asserts that text is well-formed: no lone surrogate and no U+FFFD (the mark of a decoding error).
   * {@code null} passes.
   *
   * @param description what the text is, for the failure message
   */
  public static void assertWellFormedText(@Nullable String text, String description) {
    if (text == null) {
      return;
    }
    int lone = Utf16.loneSurrogateAt(text);
    assertThat(lone).as("%s has a lone surrogate at char %d: \"%s\"", description, lone, Utf16.escape(text))
        .isEqualTo(-1);
    int replacement = text.indexOf('\uFFFD');
    assertThat(replacement).as("%s has U+FFFD (a decoding error) at char %d: \"%s\"", description, replacement,
        Utf16.escape(text)).isEqualTo(-1);
  }

  /** Asserts {@link #assertWellFormedText} for every content, refusal and tool-call fragment of every chunk. */
  public static void assertWellFormedDeltas(List<ChatCompletionChunk> chunks) {
    for (int i = 0; i < chunks.size(); i++) {
      for (ChunkChoice choice : chunks.get(i).choices()) {
        Delta delta = choice.delta();
        assertWellFormedText(delta.content(), "content of chunk " + i);
        assertWellFormedText(delta.refusal(), "refusal of chunk " + i);
        for (Delta.ToolCallDelta call : delta.toolCalls()) {
          assertWellFormedText(call.name(), "tool name of chunk " + i);
          assertWellFormedText(call.arguments(), "tool arguments of chunk " + i);
        }
      }
    }
  }
}
