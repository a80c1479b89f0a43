package dev.confidant.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.spi.ChunkFactory;
import java.util.ArrayList;
import java.util.List;
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

  /** A module's option: a record whose toString would print its secret. */
  private record Secret(String value) {
    static final RequestContext.Option<Secret> KEY = new RequestContext.Option<>("test.secret", Secret.class);
  }

  @Test
  void requestContextNamesItsOptionsButNeverPrintsTheirValues() {
    RequestContext context = RequestContext.of("alice", "space").with(Secret.KEY, new Secret("sk-secret-key"));
    assertThat(context.toString()).doesNotContain("sk-secret-key").contains("options=[test.secret]");
    assertThat(context.option(Secret.KEY)).contains(new Secret("sk-secret-key"));
    assertThat(context.withThreadId("t").withSpaceId("s").option(Secret.KEY)).contains(new Secret("sk-secret-key"));
    assertThat(context.with(Secret.KEY, null).option(Secret.KEY)).isEmpty();
    assertThat(RequestContext.anonymous().option(Secret.KEY)).isEmpty();
  }

  @Test
  void requestContextRefusesAnOptionValueOfTheWrongType() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    RequestContext.Option<Object> wrong = (RequestContext.Option) Secret.KEY;
    assertThatThrownBy(() -> RequestContext.anonymous().with(wrong, "not a secret"))
        .isInstanceOf(ClassCastException.class);
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

}
