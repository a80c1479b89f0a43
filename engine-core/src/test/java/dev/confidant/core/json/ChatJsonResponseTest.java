package dev.confidant.core.json;

import static dev.confidant.core.json.JsonAssertions.assertSameJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.Choice;
import dev.confidant.api.Content;
import dev.confidant.api.FinishReason;
import dev.confidant.api.MessageContext;
import dev.confidant.api.RawJson;
import dev.confidant.api.ToolCall;
import dev.confidant.api.Usage;
import dev.confidant.api.spi.ChunkFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code chat.completion} and {@code chat.completion.chunk} exactly as OpenAI writes them, and read back. */
class ChatJsonResponseTest {
  private static final ChunkFactory CHUNKS = new ChunkFactory("chatcmpl-1", "tiny", 1700000000L);

  @Test
  void responseHasOpenAisShapeWithNullRefusalAndLogprobs() {
    var response = new ChatCompletionResponse("chatcmpl-1", 1700000000L, "tiny",
        List.of(new Choice(0, new AssistantMessage("Hello!"), FinishReason.STOP, null)),
        Usage.of(5, 2), "fp_1", null);

    assertSameJson(ChatJson.writeResponse(response), """
        {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"tiny",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Hello!","refusal":null},
                     "logprobs":null,"finish_reason":"stop"}],
         "usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7},
         "system_fingerprint":"fp_1"}""");
  }

  @Test
  void toolCallsCitationsAndRawFieldsAreWrittenAndReadBack() {
    var message = new AssistantMessage(null, null, null,
        List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Bern\"}")),
        new MessageContext(List.of(new MessageContext.Citation("Bern is sunny.", "Forecast", "src_1", "c_3", 0.75))));
    var usage = new Usage(82, 17, 99, RawJson.of("{\"cached_tokens\":0}"), RawJson.of("{\"reasoning_tokens\":0}"));
    var response = new ChatCompletionResponse("chatcmpl-2", 1L, "gpt-4o",
        List.of(new Choice(0, message, FinishReason.TOOL_CALLS, RawJson.of("{\"content\":[],\"refusal\":null}"))),
        usage, null, "default");

    String json = ChatJson.writeResponse(response);

    assertSameJson(json, """
        {"id":"chatcmpl-2","object":"chat.completion","created":1,"model":"gpt-4o",
         "choices":[{"index":0,
           "message":{"role":"assistant","content":null,"refusal":null,
             "tool_calls":[{"id":"call_1","type":"function",
                            "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Bern\\"}"}}],
             "context":{"citations":[{"content":"Bern is sunny.","title":"Forecast","source_id":"src_1",
                                      "chunk_id":"c_3","score":0.75}]}},
           "logprobs":{"content":[],"refusal":null},"finish_reason":"tool_calls"}],
         "usage":{"prompt_tokens":82,"completion_tokens":17,"total_tokens":99,
                  "prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}},
         "service_tier":"default","system_fingerprint":null}""");
    assertThat(ChatJson.readResponse(json)).isEqualTo(response);
  }

  @Test
  void chunksFollowOpenAisStreamShape() {
    assertSameJson(ChatJson.writeChunk(CHUNKS.role()), """
        {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"tiny",
         "choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}""");
    assertSameJson(ChatJson.writeChunk(CHUNKS.content("Hel")), """
        {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"tiny",
         "choices":[{"index":0,"delta":{"content":"Hel"},"logprobs":null,"finish_reason":null}]}""");
    assertSameJson(ChatJson.writeChunk(CHUNKS.finish(FinishReason.STOP)), """
        {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"tiny",
         "choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}""");
    assertSameJson(ChatJson.writeChunk(CHUNKS.usage(Usage.of(3, 4))), """
        {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"tiny","choices":[],
         "usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}""");
  }

  @Test
  void toolCallDeltasCarryIdTypeAndNameOnlyInTheFirstFragment() {
    List<ChatCompletionChunk> chunks = CHUNKS.toolCall(1, new ToolCall("call_7", "lookup", "{\"q\":1}"));

    assertSameJson(ChatJson.writeChunk(chunks.get(0)), """
        {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"tiny",
         "choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_7","type":"function",
           "function":{"name":"lookup","arguments":""}}]},"logprobs":null,"finish_reason":null}]}""");
    assertSameJson(ChatJson.writeChunk(chunks.get(1)), """
        {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"tiny",
         "choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{\\"q\\":1}"}}]},
           "logprobs":null,"finish_reason":null}]}""");
  }

  @Test
  void everyChunkReadsBackToItself() {
    List<ChatCompletionChunk> chunks = List.of(CHUNKS.role(), CHUNKS.content("Hi"),
        CHUNKS.toolCallStart(0, "call_1", "f"), CHUNKS.toolCallArguments(0, "{}"),
        CHUNKS.finish(FinishReason.TOOL_CALLS), CHUNKS.usage(Usage.of(1, 2)));

    for (ChatCompletionChunk chunk : chunks) {
      assertThat(ChatJson.readChunk(ChatJson.writeChunk(chunk))).isEqualTo(chunk);
    }
  }

  @Test
  void bytesAreTheTextInUtf8() {
    // Latin-1, a CJK character and a surrogate pair: the byte writers encode what the text writers write.
    var response = new ChatCompletionResponse("chatcmpl-1", 1700000000L, "tiny",
        List.of(new Choice(0, new AssistantMessage("Hallo Jürgen, 你好 \uD83D\uDE00 \"q\"\n"), FinishReason.STOP,
            null)), Usage.of(5, 2), null, null);
    ChatCompletionChunk chunk = CHUNKS.content("Jürgen \uD83D\uDE00");

    assertThat(new String(ChatJson.writeResponseBytes(response), StandardCharsets.UTF_8))
        .isEqualTo(ChatJson.writeResponse(response));
    assertThat(ChatJson.readResponse(ChatJson.writeResponseBytes(response))).isEqualTo(response);
    assertThat(new String(ChatJson.writeChunkBytes(chunk, true), StandardCharsets.UTF_8))
        .isEqualTo(ChatJson.writeChunk(chunk, true));
    assertThat(ChatJson.readChunk(ChatJson.writeChunkBytes(chunk, false))).isEqualTo(chunk);
  }

  @Test
  void partContentIsWrittenAsTheResponseString() {
    var message = new AssistantMessage(new Content.Parts(List.of(new dev.confidant.api.ContentPart.TextPart("a"),
        new dev.confidant.api.ContentPart.TextPart("b"))), null, null, List.of(), null);
    var response = new ChatCompletionResponse("id", 0, "m", List.of(new Choice(0, message, null, null)),
        null, null, null);

    assertThat(JsonAssertions.tree(ChatJson.writeResponse(response)).at("/choices/0/message/content").textValue())
        .isEqualTo("ab");
  }

  @Test
  void malformedResponsesAreRejectedWithEveryProblem() {
    assertThatThrownBy(() -> ChatJson.readResponse("{\"object\":\"chat.completion.chunk\",\"id\":1,\"choices\":[]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("object: Input should be 'chat.completion' [literal_error]")
        .hasMessageContaining("id: Input should be a valid string [string_type]")
        .hasMessageContaining("created: Field required [missing]")
        .hasMessageContaining("model: Field required [missing]");
    assertThatThrownBy(() -> ChatJson.readChunk("{\"id\":"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid JSON at character 6");
  }

  @Test
  void validationErrorsOmitInputOnlyWhereThereIsNone() {
    var violations = List.of(
        dev.confidant.api.Violation.of(List.of("body", "messages"), "Field required", "missing"),
        new dev.confidant.api.Violation(List.of("body", "messages", 0, "role"), "Input should be 'user'",
            "literal_error", RawJson.of("\"bot\"")));

    assertThat(ChatJson.writeValidationError(violations)).isEqualTo("""
        {"detail":[{"loc":["body","messages"],"msg":"Field required","type":"missing"},\
        {"loc":["body","messages",0,"role"],"msg":"Input should be 'user'","type":"literal_error","input":"bot"}]}""");
  }
}
