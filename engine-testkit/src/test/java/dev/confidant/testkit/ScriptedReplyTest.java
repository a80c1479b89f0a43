package dev.confidant.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.FinishReason;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.UserMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptedReplyTest {

  @Test
  void splitEveryCountsCodePointsNotChars() {
    ScriptedReply reply = ScriptedReply.text("a😀b😀c");
    assertThat(reply.splitEvery(1).content()).containsExactly("a", "😀", "b", "😀", "c");
    assertThat(reply.splitEvery(2).content()).containsExactly("a😀", "b😀", "c");
    assertThat(reply.splitPerCodePoint().text()).isEqualTo("a😀b😀c");
  }

  @Test
  void splitsMayBreakCombiningAndZwjSequences() {
    assertThat(ScriptedReply.text("e\u0301").splitAt(1).content()).containsExactly("e", "\u0301");
    assertThat(ScriptedReply.text("👨\u200D👩").splitPerCodePoint().content()).containsExactly("👨", "\u200D", "👩");
    assertThat(ScriptedReply.text("\uD83C\uDDE9\uD83C\uDDEA").splitAt(2).content())
        .containsExactly("\uD83C\uDDE9", "\uD83C\uDDEA");
  }

  @Test
  void splittingInsideASurrogatePairIsRejected() {
    assertThatThrownBy(() -> ScriptedReply.text("a😀").splitAt(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inside the surrogate pair of U+1F600");
    assertThatThrownBy(() -> ScriptedReply.chunks("a\uD83D", "\uDE00"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lone surrogate");
    assertThatThrownBy(() -> ScriptedToolCall.of("c", "f", "{\"x\":\"😀\"}").splitAt(7))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void splitOffsetsMustIncreaseAndStayInsideTheText() {
    ScriptedReply reply = ScriptedReply.text("abcdef");
    assertThat(reply.splitAt(1, 3).content()).containsExactly("a", "bc", "def");
    assertThatThrownBy(() -> reply.splitAt(3, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> reply.splitAt(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> reply.splitAt(6)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> reply.splitEvery(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emptyTextHasNoContentChunk() {
    assertThat(ScriptedReply.text("").content()).isEmpty();
    assertThat(ScriptedReply.text("").chunkCount()).isEqualTo(3);
    assertThat(ScriptedReply.text("").splitPerCodePoint().content()).isEmpty();
  }

  @Test
  void finishReasonDefaultsToStopOrToolCalls() {
    ScriptedToolCall call = ScriptedToolCall.of("call_1", "f", "{}");
    assertThat(ScriptedReply.text("x").effectiveFinishReason()).isEqualTo(FinishReason.STOP);
    assertThat(ScriptedReply.toolCalls(call).effectiveFinishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(ScriptedReply.toolCalls(call).withFinishReason(FinishReason.LENGTH).effectiveFinishReason())
        .isEqualTo(FinishReason.LENGTH);
    assertThat(ScriptedReply.toolCalls(call).chunkCount()).isEqualTo(1 + 2 + 2);
  }

  @Test
  void failureCannotComeAfterTheLastChunk() {
    ModelInvocationException failure = new ModelInvocationException("boom", null);
    ScriptedReply reply = ScriptedReply.chunks("a", "b");
    assertThat(reply.failingAfter(5, failure).failure()).isEqualTo(new ScriptedReply.Failure(5, failure));
    assertThatThrownBy(() -> reply.failingAfter(6, failure))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only 5");
    assertThatThrownBy(() -> reply.failingAfter(-1, failure)).isInstanceOf(IllegalArgumentException.class);
    assertThat(reply.failingOnStart(failure).failure().onStart()).isTrue();
  }

  @Test
  void negativeDelaysAreRejected() {
    assertThatThrownBy(() -> ScriptedReply.text("x").withChunkDelay(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void echoTakesTheLastUserMessage() {
    ChatCompletionRequest request = ChatCompletionRequest.of("m", new UserMessage("first"),
        new UserMessage("second"), new SystemMessage("not me"));
    assertThat(ScriptedReply.echo(request).text()).isEqualTo("second");
    assertThat(ScriptedReply.echo(ChatCompletionRequest.of("m", new SystemMessage("x"))).content()).isEmpty();
  }

  @Test
  void contentIsCopied() {
    List<String> fragments = new ArrayList<>(List.of("a"));
    ScriptedReply reply = ScriptedReply.chunks(fragments);
    fragments.add("b");
    assertThat(reply.content()).containsExactly("a");
  }
}
