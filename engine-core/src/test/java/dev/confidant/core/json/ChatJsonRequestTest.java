package dev.confidant.core.json;

import static dev.confidant.core.json.JsonAssertions.assertEquivalent;
import static dev.confidant.core.json.JsonAssertions.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.Content;
import dev.confidant.api.ContentPart;
import dev.confidant.api.DeveloperMessage;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.RawJson;
import dev.confidant.api.ResponseFormat;
import dev.confidant.api.ResponseOptions;
import dev.confidant.api.Sampling;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.ToolCall;
import dev.confidant.api.ToolChoice;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.ToolMessage;
import dev.confidant.api.Tools;
import dev.confidant.api.UserMessage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Binding of valid request bodies and writing requests back. */
class ChatJsonRequestTest {

  private static final String FULL = """
      {"model":"gpt-4o",
       "messages":[
         {"role":"system","content":"Be brief.","name":"ops"},
         {"role":"developer","content":[{"type":"text","text":"Use "},{"type":"text","text":"metric units."}]},
         {"role":"user","name":"ada","content":[
           {"type":"text","text":"What is this?"},
           {"type":"image_url","image_url":{"url":"https://x.test/a.png","detail":"low"}},
           {"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}}]},
         {"role":"assistant","content":null,"tool_calls":[
           {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Bern\\"}"}}]},
         {"role":"tool","tool_call_id":"call_1","content":"22 C"},
         {"role":"assistant","content":[{"type":"refusal","refusal":"I cannot."}],"refusal":"I cannot."}],
       "temperature":0.7,"top_p":1,"max_tokens":300.0,"max_completion_tokens":256,"n":1,"stop":["\\n\\n","END"],
       "seed":9007199254740993,"stream":true,"stream_options":{"include_usage":true},
       "frequency_penalty":-0.5,"presence_penalty":0.25,"logit_bias":{"50256":-100,"11":5},
       "logprobs":true,"top_logprobs":3,"user":"user-1234",
       "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather now",
         "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},"strict":true}}],
       "tool_choice":{"type":"function","function":{"name":"get_weather"}},
       "parallel_tool_calls":false,
       "response_format":{"type":"json_schema","json_schema":{"name":"answer","description":"An answer",
         "schema":{"type":"object"},"strict":true}}}""";

  @Test
  void bindsEveryModelledField() {
    ChatCompletionRequest request = ChatJson.readRequest(FULL);

    assertThat(request.model()).isEqualTo("gpt-4o");
    assertThat(request.messages()).hasSize(6);
    assertThat(request.messages().get(0)).isEqualTo(new SystemMessage(Content.of("Be brief."), "ops"));
    assertThat(request.messages().get(1)).isInstanceOf(DeveloperMessage.class);
    assertThat(request.messages().get(1).text()).isEqualTo("Use metric units.");
    UserMessage user = (UserMessage) request.messages().get(2);
    assertThat(user.name()).isEqualTo("ada");
    List<ContentPart> parts = ((Content.Parts) user.content()).parts();
    assertThat(parts.get(0)).isEqualTo(new ContentPart.TextPart("What is this?"));
    assertThat(parts.get(1)).isEqualTo(new ContentPart.ImageUrlPart("https://x.test/a.png", "low"));
    assertThat(parts.get(2)).isInstanceOfSatisfying(ContentPart.OtherPart.class, p -> {
      assertThat(p.type()).isEqualTo("input_audio");
      assertEquivalent(tree(p.json().json()),
          tree("{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"UklGRg==\",\"format\":\"wav\"}}"));
    });
    assertThat(request.messages().get(3)).isEqualTo(
        AssistantMessage.ofToolCalls(List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Bern\"}"))));
    assertThat(request.messages().get(4)).isEqualTo(new ToolMessage("22 C", "call_1"));
    AssistantMessage refusal = (AssistantMessage) request.messages().get(5);
    assertThat(refusal.refusal()).isEqualTo("I cannot.");
    assertThat(refusal.content()).isEqualTo(new Content.Parts(List.of(new ContentPart.RefusalPart("I cannot."))));

    assertThat(request.sampling()).isEqualTo(new Sampling(0.7, 1.0, 300, 256, List.of("\n\n", "END"),
        9007199254740993L, -0.5, 0.25, Map.of("50256", -100, "11", 5)));
    assertThat(request.options()).isEqualTo(new ResponseOptions(1, true, true, true, 3, "user-1234"));
    ToolDefinition tool = request.tools().definitions().get(0);
    assertThat(tool.name()).isEqualTo("get_weather");
    assertThat(tool.description()).isEqualTo("Weather now");
    assertThat(tool.strict()).isTrue();
    assertThat(tree(tool.parameters().json())).isEqualTo(
        tree("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"));
    assertThat(request.tools().choice()).isEqualTo(new ToolChoice.Function("get_weather"));
    assertThat(request.tools().parallelToolCalls()).isFalse();
    assertThat(request.responseFormat()).isEqualTo(
        new ResponseFormat.JsonSchema("answer", "An answer", RawJson.of("{\"type\":\"object\"}"), true));
  }

  @Test
  void writtenRequestReadsBackToTheSameRecordAndJson() {
    ChatCompletionRequest request = ChatJson.readRequest(FULL);
    String written = ChatJson.writeRequest(request);

    assertThat(ChatJson.readRequest(written)).isEqualTo(request);
    // The body differs from FULL only where the record normalizes: 300.0 is written as 300.
    assertEquivalent(tree(written), tree(FULL));
  }

  @Test
  void bytesAreReadAsUtf8WithOrWithoutByteOrderMark() {
    String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"Grüezi 👋\"}]}";
    byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[utf8.length + 3];
    withBom[0] = (byte) 0xef;
    withBom[1] = (byte) 0xbb;
    withBom[2] = (byte) 0xbf;
    System.arraycopy(utf8, 0, withBom, 3, utf8.length);

    assertThat(ChatJson.readRequest(utf8).messages().get(0).text()).isEqualTo("Grüezi 👋");
    assertThat(ChatJson.readRequest(withBom).messages().get(0).text()).isEqualTo("Grüezi 👋");
  }

  @Test
  void unknownTopLevelFieldsAreKeptVerbatimAndOthersAndNullsIgnored() {
    String body = """
        {"messages":[{"role":"user","content":"Hi","future_field":{"x":1},"tool_calls":null}],
         "store":true,"metadata":{"k": "v"},"reasoning_effort":"low","temperature":null,"stop":null,
         "tools":null,"response_format":null,"stream_options":{"include_obfuscation":false},
         "service_tier":null}""";
    ChatCompletionRequest request = ChatJson.readRequest(body);

    Map<String, RawJson> extra = new LinkedHashMap<>();
    extra.put("store", RawJson.of("true"));
    extra.put("metadata", RawJson.of("{\"k\":\"v\"}"));
    extra.put("reasoning_effort", RawJson.of("\"low\""));
    assertThat(request).isEqualTo(ChatCompletionRequest.of(null, new UserMessage("Hi")).withExtraFields(extra));
    assertThat(ChatJson.writeRequest(request)).isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
        + "\"store\":true,\"metadata\":{\"k\":\"v\"},\"reasoning_effort\":\"low\"}");
  }

  @Test
  void singleStopStringAndModeToolChoiceAreAccepted() {
    ChatCompletionRequest request = ChatJson.readRequest("""
        {"messages":[{"role":"user","content":"Hi"}],"stop":"END","tool_choice":"none",
         "response_format":{"type":"json_object"}}""");

    assertThat(request.sampling().stop()).containsExactly("END");
    assertThat(request.tools().choice()).isEqualTo(ToolChoice.Mode.NONE);
    assertThat(request.responseFormat()).isEqualTo(new ResponseFormat.JsonObject());
  }

  @Test
  void integralFloatsAreIntegersButOutOfRangeIntegersAreNot() {
    assertThat(ChatJson.readRequest("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":1e2}")
        .sampling().maxTokens()).isEqualTo(100);
    assertThatThrownBy(() -> ChatJson.readRequest(
        "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":3000000000}"))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
            .singleElement().satisfies(v -> {
              assertThat(v.type()).isEqualTo("less_than_equal");
              assertThat(v.msg()).isEqualTo("Input should be less than or equal to 2147483647");
              assertThat(v.input()).isEqualTo(RawJson.of("3000000000"));
            }));
  }

  @Test
  void writingLeavesUnsetFieldsOut() {
    ChatCompletionRequest request = ChatCompletionRequest.of("m", new UserMessage("Hi"))
        .withTools(new Tools(List.of(new ToolDefinition("f", null, null, null)), ToolChoice.Mode.REQUIRED, null));

    JsonAssertions.assertSameJson(ChatJson.writeRequest(request), """
        {"model":"m","messages":[{"role":"user","content":"Hi"}],
         "tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":"required"}""");
  }

  @Test
  void invalidRawJsonIsRejectedWhenWritten() {
    ChatCompletionRequest request = ChatCompletionRequest.of("m", new UserMessage("Hi"))
        .withTools(Tools.of(new ToolDefinition("f", null, RawJson.of("{not json"), null)));

    assertThatThrownBy(() -> ChatJson.writeRequest(request))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parameters of f");
  }
}
