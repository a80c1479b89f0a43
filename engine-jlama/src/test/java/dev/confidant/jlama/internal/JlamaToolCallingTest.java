package dev.confidant.jlama.internal;

import static dev.confidant.jlama.internal.JlamaFixtures.context;
import static dev.confidant.jlama.internal.JlamaFixtures.greedy;
import static dev.confidant.jlama.internal.JlamaFixtures.tiny;
import static dev.confidant.testkit.CompletionAssertions.assertOpenAiChunkOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.ChunkAggregator;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.FinishReason;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.RawJson;
import dev.confidant.api.ToolCall;
import dev.confidant.api.ToolChoice;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.ToolMessage;
import dev.confidant.api.Tools;
import dev.confidant.api.Usage;
import dev.confidant.api.UserMessage;
import dev.confidant.api.Violation;
import dev.confidant.api.spi.ChunkFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tool calling on the jlama backend: extraction from streamed text, rendering, request checks. */
class JlamaToolCallingTest {
  private static final ToolDefinition WEATHER = new ToolDefinition("weather", "Weather of a city.", RawJson.of(
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"), null);

  /** Streams text one code point per chunk through the extractor, as the generation loop would. */
  private static List<ChatCompletionChunk> extract(String generated) {
    ChunkFactory factory = ChunkFactory.start("m");
    List<ChatCompletionChunk> in = new ArrayList<>();
    in.add(factory.role());
    generated.codePoints().forEach(cp -> in.add(factory.content(Character.toString(cp))));
    in.add(factory.finish(FinishReason.STOP));
    in.add(factory.usage(Usage.of(3, 4)));
    return CompletionStream.of(in).transform(new ToolCallExtractor(Set.of("weather"))).drain();
  }

  private static ChatCompletionResponse collect(List<ChatCompletionChunk> chunks) {
    ChunkAggregator aggregator = new ChunkAggregator();
    chunks.forEach(aggregator::accept);
    return aggregator.toResponse();
  }

  @Test
  void hermesCallsBecomeToolCallChunksAndTextBeforeThemStreams() {
    List<ChatCompletionChunk> chunks = extract(
        "Checking.<tool_call>{\"name\": \"weather\", \"arguments\": {\"city\": \"Köln\"}}</tool_call>"
            + "<tool_call>{\"name\": \"weather\", \"arguments\": {\"city\": \"Bonn\"}}</tool_call>");
    assertOpenAiChunkOrder(chunks);
    ChatCompletionResponse response = collect(chunks);
    assertThat(response.message().text()).isEqualTo("Checking.");
    assertThat(response.message().toolCalls()).extracting(ToolCall::name, ToolCall::arguments).containsExactly(
        tuple("weather", "{\"city\":\"Köln\"}"),
        tuple("weather", "{\"city\":\"Bonn\"}"));
    assertThat(response.choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    // "Checking." streamed before the call was complete: it arrives in several content chunks.
    assertThat(chunks.stream().filter(c -> !c.choices().isEmpty() && "C".equals(c.choices().get(0).delta().content())))
        .hasSize(1);
  }

  @Test
  void bareJsonReplyIsACall() {
    ChatCompletionResponse response = collect(extract(" {\"name\": \"weather\", \"parameters\": {\"city\": \"Oslo\"}}"));
    assertThat(response.message().toolCalls()).extracting(ToolCall::arguments).containsExactly("{\"city\":\"Oslo\"}");
    assertThat(response.message().content()).isNull();
  }

  @Test
  void textWithoutCallsComesOutUnchanged() {
    for (String text : List.of("Plain answer <to be> continued.", "{not a call}", "  ends with <tool_c",
        "[TOOL_CALLS] nothing", "")) {
      List<ChatCompletionChunk> chunks = extract(text);
      assertOpenAiChunkOrder(chunks);
      ChatCompletionResponse response = collect(chunks);
      assertThat(response.message().text()).as(text).isEqualTo(text);
      assertThat(response.message().toolCalls()).isEmpty();
      assertThat(response.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
    }
  }

  @Test
  void fallbackPromptDescribesToolsCallsAndResults() {
    String prompt = PromptRenderer.render(Optional.empty(), List.of(new UserMessage("Weather?"),
        AssistantMessage.ofToolCalls(List.of(new ToolCall("call_1", "weather", "{\"city\":\"Köln\"}"))),
        new ToolMessage("sunny", "call_1")), List.of(WEATHER));
    assertThat(prompt).startsWith("Tools: to call a function, answer with <tool_call>")
        .contains("{\"name\": \"weather\", \"description\": \"Weather of a city.\", \"parameters\": {")
        .contains("User: Weather?\nAssistant: <tool_call>{\"name\": \"weather\", \"arguments\": {\"city\":\"Köln\"}}"
            + "</tool_call>\nTool: sunny\nAssistant:");
  }

  @Test
  void tinyModelTakesToolsAndAToolConversation() {
    ChatCompletionRequest request = new ChatCompletionRequest(null, List.of(new UserMessage("Weather?"),
            AssistantMessage.ofToolCalls(List.of(new ToolCall("call_1", "weather", "{\"city\":\"Köln\"}"))),
            new ToolMessage("sunny", "call_1")),
        greedy(5), Tools.of(WEATHER), null, null);
    List<ChatCompletionChunk> chunks = tiny().stream(request, context()).drain();
    assertOpenAiChunkOrder(chunks);
    // The tiny model's template knows no tools: they are described in a system message instead.
    String prompt = PromptRenderer.render(tiny().model().promptSupport(), request.messages(), List.of(WEATHER));
    assertThat(prompt).startsWith("System: Tools: to call a function").contains("{\"name\": \"weather\"")
        .contains("User: Weather?\nAssistant: <tool_call>\n{\"name\": \"weather\", \"arguments\": {\"city\":\"Köln\"}}");
  }

  @Test
  void forcingAToolCallIsRejected() {
    for (ToolChoice choice : List.of(ToolChoice.Mode.REQUIRED, new ToolChoice.Function("weather"))) {
      ChatCompletionRequest request = ChatCompletionRequest.of(null, new UserMessage("Weather?"))
          .withTools(new Tools(List.of(WEATHER), choice, null));
      assertThatThrownBy(() -> tiny().stream(request, context()))
          .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
              .extracting(Violation::loc).containsExactly(List.of("tool_choice")));
    }
  }
}
