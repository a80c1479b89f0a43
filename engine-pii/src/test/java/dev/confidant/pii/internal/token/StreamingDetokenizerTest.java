package dev.confidant.pii.internal.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChunkChoice;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.Delta;
import dev.confidant.api.FinishReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamingDetokenizerTest {
  private static final List<String> REPLIES = List.of(
      "Hello [NAME_1]! [NAME_1]'s mail is [EMAIL_1].",
      "NAME_1 met [Name_12] and [NAME 1] at <EMAIL_1>; [NAME_7] stays, NAME_123 too",
      "[[NAME_1]] <[NAME_1> [NAME_1 x NAME_1_ NAME__1 name_1x [COMPANY_ID_1]",
      "no placeholders here, just [brackets] and <tags> and snake_case",
      "😀[NAME_1]😀 Grüße [EMAIL_1]");

  private static String streamed(List<String> fragments) {
    StreamingDetokenizer t = new StreamingDetokenizer(DetokenizerTest.LOOKUP);
    List<ChatCompletionChunk> in = new ArrayList<>();
    for (String f : fragments) {
      in.add(chunk(Delta.ofContent(f), null));
    }
    in.add(chunk(Delta.EMPTY, FinishReason.STOP));
    StringBuilder out = new StringBuilder();
    CompletionStream.of(in).transform(t).drain().forEach(c -> c.choices().forEach(ch -> {
      if (ch.delta().content() != null) {
        out.append(ch.delta().content());
      }
    }));
    return out.toString();
  }

  private static ChatCompletionChunk chunk(Delta delta, FinishReason finish) {
    return new ChatCompletionChunk("id", 1, "m", List.of(new ChunkChoice(0, delta, finish, null)), null, null);
  }

  @Test
  void everySplitIntoTwoEqualsTheNonStreamingResult() {
    for (String reply : REPLIES) {
      String expected = Detokenizer.detokenize(reply, DetokenizerTest.LOOKUP);
      for (int at = 0; at <= reply.length(); at++) {
        assertThat(streamed(List.of(reply.substring(0, at), reply.substring(at))))
            .as("split at %d of %s", at, reply).isEqualTo(expected);
      }
    }
  }

  @Test
  void everySplitIntoThreeAndSingleCharsEqualsTheNonStreamingResult() {
    for (String reply : REPLIES) {
      String expected = Detokenizer.detokenize(reply, DetokenizerTest.LOOKUP);
      for (int a = 0; a <= reply.length(); a++) {
        for (int b = a; b <= reply.length(); b++) {
          assertThat(streamed(List.of(reply.substring(0, a), reply.substring(a, b), reply.substring(b))))
              .isEqualTo(expected);
        }
      }
      List<String> chars = new ArrayList<>();
      reply.chars().forEach(c -> chars.add(String.valueOf((char) c)));
      assertThat(streamed(chars)).isEqualTo(expected);
    }
  }

  @Test
  void randomTextsAndSplitsAgree() {
    Random random = new Random(42);
    String[] atoms = {"[NAME_1]", "NAME_1", "[NAME 1]", "<EMAIL_1>", "[", "]", "<", "_", "1", " ", "NAME", "x",
        "Name_12", "[FOO_3]", "'s", "\n"};
    for (int n = 0; n < 500; n++) {
      StringBuilder b = new StringBuilder();
      for (int k = random.nextInt(12); k >= 0; k--) {
        b.append(atoms[random.nextInt(atoms.length)]);
      }
      String reply = b.toString();
      List<String> parts = new ArrayList<>();
      int at = 0;
      while (at < reply.length()) {
        int next = Math.min(reply.length(), at + 1 + random.nextInt(5));
        parts.add(reply.substring(at, next));
        at = next;
      }
      assertThat(streamed(parts)).as(reply).isEqualTo(Detokenizer.detokenize(reply, DetokenizerTest.LOOKUP));
    }
  }

  @Test
  void holdsBackAtMostOnePartialPlaceholder() {
    PendingText pending = new PendingText(DetokenizerTest.LOOKUP);
    assertThat(pending.accept("Hello there, [NAM")).isEqualTo("Hello there, ");
    assertThat(pending.heldLength()).isEqualTo(4);
    assertThat(pending.accept("E_1] and more text ")).isEqualTo("Anna Weber and more text ");
    assertThat(pending.heldLength()).isZero();
    String longWord = "x".repeat(200);
    assertThat(pending.accept(longWord).length()).isGreaterThanOrEqualTo(200 - Detokenizer.MAX_PLACEHOLDER);
  }

  @Test
  void toolCallArgumentsAreRestoredToo() {
    StreamingDetokenizer t = new StreamingDetokenizer(DetokenizerTest.LOOKUP);
    List<ChatCompletionChunk> in = List.of(
        chunk(new Delta(null, null, null, List.of(new Delta.ToolCallDelta(0, "c1", "send", "{\"to\":\"[NA")), null),
            null),
        chunk(new Delta(null, null, null, List.of(new Delta.ToolCallDelta(0, null, null, "ME_1]\"}")), null),
            FinishReason.TOOL_CALLS));
    StringBuilder args = new StringBuilder();
    CompletionStream.of(in).transform(t).drain().forEach(c -> c.choices().forEach(ch ->
        ch.delta().toolCalls().forEach(tc -> args.append(tc.arguments() == null ? "" : tc.arguments()))));
    assertThat(args.toString()).isEqualTo("{\"to\":\"Anna Weber\"}");
  }

  @Test
  void heldTextIsReleasedBeforeTheUsageChunkWhenNoFinishReasonCame() {
    StreamingDetokenizer t = new StreamingDetokenizer(DetokenizerTest.LOOKUP);
    ChatCompletionChunk usage = new ChatCompletionChunk("id", 1, "m", List.of(),
        dev.confidant.api.Usage.of(1, 2), null);
    List<ChatCompletionChunk> out = CompletionStream.of(List.of(chunk(Delta.ofContent("Hi NAME_1"), null), usage))
        .transform(t).drain();
    assertThat(out.get(out.size() - 1)).isEqualTo(usage);
    StringBuilder text = new StringBuilder();
    out.forEach(c -> c.choices().forEach(ch -> text.append(ch.delta().content() == null ? "" : ch.delta().content())));
    assertThat(text.toString()).isEqualTo("Hi Anna Weber");
  }
}
