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

  @Test
  void releasesExactlyWhatTheRescanningReferenceReleases() {
    Random random = new Random(3);
    for (int n = 0; n < 5_000; n++) {
      String reply = ReferenceDetokenizer.randomText(random, 14);
      PendingText pending = new PendingText(DetokenizerTest.MORE_LOOKUP);
      ReferenceDetokenizer.Pending reference = new ReferenceDetokenizer.Pending(DetokenizerTest.MORE_REFERENCE);
      for (String part : ReferenceDetokenizer.randomSplit(random, reply, 1 + random.nextInt(9))) {
        assertThat(pending.accept(part)).as("%s, part %s", reply, part).isEqualTo(reference.accept(part));
        assertThat(pending.heldLength()).as("%s, part %s", reply, part).isEqualTo(reference.heldLength());
      }
      assertThat(pending.flush()).as(reply).isEqualTo(reference.flush());
      assertThat(pending.heldLength()).isZero();
    }
  }

  @Test
  void randomTextsWithEdgeCasesAgreeForEverySplit() {
    Random random = new Random(5);
    for (int n = 0; n < 300; n++) {
      String reply = ReferenceDetokenizer.randomText(random, 8);
      String expected = Detokenizer.detokenize(reply, DetokenizerTest.MORE_LOOKUP);
      for (int at = 0; at <= reply.length(); at++) {
        PendingText pending = new PendingText(DetokenizerTest.MORE_LOOKUP);
        String out = pending.accept(reply.substring(0, at)) + pending.accept(reply.substring(at)) + pending.flush();
        assertThat(out).as("split at %d of %s", at, reply).isEqualTo(expected);
      }
    }
  }

  @Test
  void aTagOfTheLongestLengthIsHeldUntilComplete() {
    String reply = "x [" + ReferenceDetokenizer.LONG_TAG + "_1] y " + ReferenceDetokenizer.LONG_TAG + "_2.";
    String expected = "x long one y long two.";
    assertThat(Detokenizer.detokenize(reply, DetokenizerTest.MORE_LOOKUP)).isEqualTo(expected);
    for (int at = 0; at <= reply.length(); at++) {
      PendingText pending = new PendingText(DetokenizerTest.MORE_LOOKUP);
      String out = pending.accept(reply.substring(0, at)) + pending.accept(reply.substring(at)) + pending.flush();
      assertThat(out).as("split at %d", at).isEqualTo(expected);
    }
  }

  @Test
  void unchangedFragmentsAndChunksArePassedOnAsTheSameObjects() {
    PendingText pending = new PendingText(DetokenizerTest.LOOKUP);
    String plain = "Hello there, ";
    assertThat(pending.accept(plain)).isSameAs(plain);
    String known = "[NAME_1] ok. ";
    assertThat(pending.accept(known)).isEqualTo("Anna Weber ok. ");

    StreamingDetokenizer t = new StreamingDetokenizer(DetokenizerTest.LOOKUP);
    List<ChatCompletionChunk> out = new ArrayList<>();
    ChatCompletionChunk unchanged = chunk(Delta.ofContent("Hello, "), null);
    t.onChunk(unchanged, out::add);
    assertThat(out.get(0)).isSameAs(unchanged);
    ChatCompletionChunk held = chunk(Delta.ofContent("dear NAM"), null);
    t.onChunk(held, out::add);
    assertThat(out.get(1).choices().get(0).delta().content()).isEqualTo("dear ");
    ChatCompletionChunk completes = chunk(Delta.ofContent("E_1. "), null);
    t.onChunk(completes, out::add);
    assertThat(out.get(2).choices().get(0).delta().content()).isEqualTo("Anna Weber. ");
    ChatCompletionChunk roleOnly = chunk(Delta.ofRole(dev.confidant.api.Role.ASSISTANT), null);
    t.onChunk(roleOnly, out::add);
    assertThat(out.get(3)).isSameAs(roleOnly);

    ChatCompletionChunk twoChoices = new ChatCompletionChunk("id", 1, "m",
        List.of(new ChunkChoice(0, Delta.ofContent("a "), null, null), new ChunkChoice(1, Delta.ofContent("b "), null,
            null)), null, null);
    t.onChunk(twoChoices, out::add);
    assertThat(out.get(4)).isSameAs(twoChoices);
    ChatCompletionChunk args = chunk(new Delta(null, null, null,
        List.of(new Delta.ToolCallDelta(0, "c1", "send", "{\"to\": 1}")), null), null);
    t.onChunk(args, out::add);
    assertThat(out.get(5)).isSameAs(args);
  }

  @Test
  void severalChoicesAndToolCallsAreRestoredIndependently() {
    StreamingDetokenizer t = new StreamingDetokenizer(DetokenizerTest.LOOKUP);
    List<ChatCompletionChunk> in = List.of(
        new ChatCompletionChunk("id", 1, "m", List.of(
            new ChunkChoice(1, Delta.ofContent("one [NA"), null, null),
            new ChunkChoice(0, new Delta(null, "zero NAME", null, List.of(
                new Delta.ToolCallDelta(1, "c2", "f", "{\"x\":\"<EMA"),
                new Delta.ToolCallDelta(0, "c1", "f", "{\"y\":\"NAME_")), null), null, null)), null, null),
        new ChatCompletionChunk("id", 1, "m", List.of(
            new ChunkChoice(0, new Delta(null, "_12 done", null, List.of(
                new Delta.ToolCallDelta(0, null, null, "1\"}"),
                new Delta.ToolCallDelta(1, null, null, "IL_1>\"}")), null), null, null),
            new ChunkChoice(1, Delta.ofContent("ME_1] end"), FinishReason.STOP, null)), null, null));
    StringBuilder zero = new StringBuilder();
    StringBuilder one = new StringBuilder();
    StringBuilder call0 = new StringBuilder();
    StringBuilder call1 = new StringBuilder();
    CompletionStream.of(in).transform(t).drain().forEach(c -> c.choices().forEach(ch -> {
      String content = ch.delta().content();
      (ch.index() == 0 ? zero : one).append(content == null ? "" : content);
      ch.delta().toolCalls().forEach(tc -> (tc.index() == 0 ? call0 : call1)
          .append(tc.arguments() == null ? "" : tc.arguments()));
    }));
    assertThat(zero.toString()).isEqualTo("zero Bob done");
    assertThat(one.toString()).isEqualTo("one Anna Weber end");
    assertThat(call0.toString()).isEqualTo("{\"y\":\"Anna Weber\"}");
    assertThat(call1.toString()).isEqualTo("{\"x\":\"a@b.org\"}");
  }

  @Test
  void longFragmentsWhileHoldingAreRestoredAndTheBufferDoesNotStayLarge() {
    PendingText pending = new PendingText(DetokenizerTest.LOOKUP);
    String tail = " and [NAME_12] ".repeat(1_000);
    assertThat(pending.accept("Hi [NAM")).isEqualTo("Hi ");
    assertThat(pending.accept("E_1]" + tail + "x [EMA")).isEqualTo("Anna Weber" + " and Bob ".repeat(1_000) + "x ");
    assertThat(pending.heldLength()).isEqualTo(4);
    assertThat(pending.accept("IL_1]")).isEqualTo("a@b.org");
    assertThat(pending.accept(" NAME_1")).isEqualTo(" ");
    assertThat(pending.flush()).isEqualTo("Anna Weber");
  }
}
