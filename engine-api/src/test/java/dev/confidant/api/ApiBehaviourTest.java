package dev.confidant.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.spi.ChunkFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The few pieces of engine-api with behaviour: aggregation, transformation, and secret-free toString. */
class ApiBehaviourTest {
  private final ChunkFactory chunks = new ChunkFactory("chatcmpl-1", "m", 42);

  @Test
  void aggregatorJoinsContentAndToolCallFragmentsByIndex() {
    ChunkAggregator aggregator = new ChunkAggregator();
    List.of(chunks.role(), chunks.content("Hel"), chunks.content("lo"),
            chunks.toolCallStart(1, "call_b", "second"), chunks.toolCallStart(0, "call_a", "first"),
            chunks.toolCallArguments(0, "{\"a\":"), chunks.toolCallArguments(1, "{}"), chunks.toolCallArguments(0, "1}"),
            chunks.finish(FinishReason.TOOL_CALLS), chunks.usage(Usage.of(3, 4)))
        .forEach(aggregator::accept);

    ChatCompletionResponse response = aggregator.toResponse();
    assertThat(response.id()).isEqualTo("chatcmpl-1");
    assertThat(response.created()).isEqualTo(42);
    assertThat(response.message().text()).isEqualTo("Hello");
    assertThat(response.message().toolCalls()).containsExactly(
        new ToolCall("call_a", "first", "{\"a\":1}"), new ToolCall("call_b", "second", "{}"));
    assertThat(response.choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(response.usage()).isEqualTo(new Usage(3, 4, 7, null, null));
  }

  @Test
  void toolCallsWithoutTextHaveNullContent() {
    ChatCompletionResponse response = CompletionStream.of(List.of(chunks.role(),
        chunks.toolCallStart(0, "c", "f"), chunks.finish(FinishReason.TOOL_CALLS))).collect();
    assertThat(response.message().content()).isNull();
  }

  @Test
  void transformCanHoldBackAndReleaseAtTheEnd() {
    List<String> seen = new ArrayList<>();
    CompletionStream held = CompletionStream.of(List.of(chunks.content("a"), chunks.content("b")))
        .transform(new CompletionStream.ChunkTransformer() {
          private final List<ChatCompletionChunk> pending = new ArrayList<>();

          @Override
          public void onChunk(ChatCompletionChunk chunk, java.util.function.Consumer<ChatCompletionChunk> out) {
            pending.add(chunk);
          }

          @Override
          public void onComplete(java.util.function.Consumer<ChatCompletionChunk> out) {
            pending.reversed().forEach(out);
          }
        });
    for (ChatCompletionChunk chunk : held) {
      seen.add(chunk.choices().get(0).delta().content());
    }
    assertThat(seen).containsExactly("b", "a");
    assertThat(held.next()).isNull();
  }

  @Test
  void requestContextNeverPrintsMappingValuesOrKeys() {
    RequestContext context = RequestContext.of("alice", "space")
        .withCallerMapping(Map.of("[NAME_1]", "John Doe"))
        .withModelEndpoint(new ModelApiEndpoint("https://llm.example.com/v1", "sk-secret-key"));
    assertThat(context.toString()).doesNotContain("John Doe").doesNotContain("sk-secret-key")
        .contains("callerMapping=<1 entries>");
  }

  @Test
  void violationsAcceptOnlyStringAndIntegerLocParts() {
    assertThat(Violation.of(List.of("body", "messages", 0), "Field required", "missing").path())
        .isEqualTo("body.messages.0");
    assertThatThrownBy(() -> Violation.of(List.of("body", 1.5), "x", "y"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InvalidRequestException(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void invalidRequestMessageOmitsInputs() {
    InvalidRequestException e = new InvalidRequestException(List.of(
        new Violation(List.of("body", "user"), "Input should be a valid string", "string_type", RawJson.of("\"jane@x.org\""))));
    assertThat(e.getMessage()).contains("body.user").doesNotContain("jane@x.org");
  }

  @Test
  void callerMappingKeepsTheCallersOrderIsImmutableAndIsNotCopiedAgain() {
    java.util.LinkedHashMap<String, String> source = new java.util.LinkedHashMap<>();
    for (int i = 40; i > 0; i--) {
      source.put("[NAME_" + i + "]", "Person " + (i % 7)); // several placeholders per value: order decides
    }
    RequestContext context = RequestContext.anonymous().withCallerMapping(source);
    source.put("[NAME_99]", "Late Entry");

    assertThat(context.callerMapping().keySet()).containsExactlyElementsOf(
        source.keySet().stream().filter(k -> !k.equals("[NAME_99]")).toList());
    assertThat(context.withSpaceId("s").withThreadId("t").callerMapping()).isSameAs(context.callerMapping());
    assertThat(context.callerMapping()).isEqualTo(Map.copyOf(context.callerMapping()))
        .doesNotContainKey("[NAME_99]");
    assertThatThrownBy(() -> context.callerMapping().put("[NAME_1]", "x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(context.callerMapping().toString()).isEqualTo("{40 entries}").doesNotContain("Person");
    java.util.HashMap<String, String> withNull = new java.util.HashMap<>();
    withNull.put("[NAME_1]", null);
    assertThatThrownBy(() -> RequestContext.anonymous().withCallerMapping(withNull))
        .isInstanceOf(NullPointerException.class);
  }
}
