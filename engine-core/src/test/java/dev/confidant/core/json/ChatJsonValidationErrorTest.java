package dev.confidant.core.json;

import static dev.confidant.core.json.JsonAssertions.assertSameJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.RequestContext;
import dev.confidant.api.Violation;
import dev.confidant.core.ChatEngines;
import dev.confidant.testkit.ScriptedModelBackend;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The exact 422 bodies ({@code {"detail":[...]}}) for invalid requests, as FastAPI would write them once an HTTP
 * adapter has put the request-relative locations under {@code "body"} (as engine-server does): ChatJson's for a body
 * that does not bind, the engine's validation stage's (with {@link ChatJson#asSent}) for one that does.
 */
class ChatJsonValidationErrorTest {
  private static final ChatCompletionEngine ENGINE = ChatEngines.builder()
      .addBackend(ScriptedModelBackend.echo()).defaultBackend(ScriptedModelBackend.NAME).build();

  @AfterAll
  static void close() {
    ENGINE.close();
  }

  private static String detailOf(String body) {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> {
      ChatCompletionRequest request = ChatJson.readRequest(body);
      try {
        ENGINE.complete(request, RequestContext.of("tester", null));
      } catch (InvalidRequestException engineFailure) {
        throw ChatJson.asSent(engineFailure, body.getBytes(StandardCharsets.UTF_8));
      }
    });
    assertThat(e).as("exception for %s", body).isNotNull();
    return ChatJson.writeValidationError(e.violations().stream().map(v -> {
      List<Object> loc = new ArrayList<>(List.of("body"));
      loc.addAll(v.loc());
      return new Violation(loc, v.msg(), v.type(), v.input());
    }).toList());
  }

  @Test
  void locationsAreRelativeToTheRequest() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> ChatJson.readRequest("{\"messages\":[{\"content\":\"hi\"}],\"temperature\":3}"));
    assertThat(e.violations()).extracting(Violation::path).containsExactly("messages.0.role", "temperature");
    assertThat(catchThrowableOfType(InvalidRequestException.class, () -> ChatJson.readRequest("{\"a\" 1}"))
        .violations()).extracting(Violation::loc).containsExactly(List.of(5));
  }

  @Test
  void aBodyThatBindsIsLeftToTheEngineWhichChecksEachRuleOnce() {
    String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":3,\"n\":0}";
    ChatCompletionRequest request = ChatJson.readRequest(body); // the codec checks the shape only

    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> ENGINE.complete(request, RequestContext.of("tester", null)));
    assertThat(e.violations()).extracting(Violation::path).containsExactly("temperature", "n");
    assertThat(ChatJson.asSent(e, body.getBytes(StandardCharsets.UTF_8)).violations())
        .extracting(v -> v.path() + "=" + v.input()).containsExactly("temperature=3", "n=0");
  }

  @Test
  void aBodyThatDoesNotBindReportsTheRulesItBreaksOnceToo() {
    // Message 2 does not bind: the pairing rule must not call the tool call unanswered, and the range rule on
    // temperature is reported once, next to the binding violation.
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> ChatJson.readRequest("""
        {"messages":[
          {"role":"user","content":"Weather in Bern?"},
          {"role":"assistant","tool_calls":[
            {"id":"call_1","type":"function","function":{"name":"weather","arguments":"{}"}}]},
          {"role":"tool","tool_call_id":"call_1","content":7}],
         "temperature":3}"""));
    assertThat(e.violations()).extracting(Violation::path)
        .containsExactly("messages.2.content", "temperature");
  }

  @Test
  void missingMessagesIsTheOnlyViolation() {
    String expected = """
        {"detail":[{"loc":["body","messages"],"msg":"Field required","type":"missing"}]}""";
    assertThat(detailOf("{\"model\":\"gpt-4o\"}")).isEqualTo(expected);
    assertThat(detailOf("{}")).isEqualTo(expected);
  }

  @Test
  void everyViolationIsReportedAtOnceInFieldOrder() {
    assertSameJson(detailOf("""
        {"top_p":"x","temperature":3,"messages":[{"content":"Hi"}]}"""), """
        {"detail":[
          {"loc":["body","messages",0,"role"],"msg":"Field required","type":"missing"},
          {"loc":["body","temperature"],"msg":"Input should be less than or equal to 2","type":"less_than_equal",
           "input":3},
          {"loc":["body","top_p"],"msg":"Input should be a valid number","type":"float_type","input":"x"}]}""");
  }

  @Test
  void contentOfTheWrongTypeIsAStringTypeError() {
    assertSameJson(detailOf("""
        {"messages":[{"role":"user","content":42}]}"""), """
        {"detail":[{"loc":["body","messages",0,"content"],"msg":"Input should be a valid string",
                    "type":"string_type","input":42}]}""");
  }

  @Test
  void contentPartOfAnUnknownTypeIsALiteralError() {
    assertSameJson(detailOf("""
        {"messages":[{"role":"user","content":[{"type":"text","text":"Look"},{"type":"video","url":"v.mp4"}]}]}"""),
        """
        {"detail":[{"loc":["body","messages",0,"content",1,"type"],
                    "msg":"Input should be 'text', 'image_url', 'input_audio' or 'file'",
                    "type":"literal_error","input":"video"}]}""");
  }

  @Test
  void unknownRoleIsALiteralError() {
    assertSameJson(detailOf("""
        {"messages":[{"role":"bot","content":"Hi"}]}"""), """
        {"detail":[{"loc":["body","messages",0,"role"],
                    "msg":"Input should be 'system', 'developer', 'user', 'assistant' or 'tool'",
                    "type":"literal_error","input":"bot"}]}""");
  }

  @Test
  void toolMessageAnsweringAnUnknownCallIdIsReportedWithTheCallLeftUnanswered() {
    assertSameJson(detailOf("""
        {"messages":[
          {"role":"user","content":"Weather in Bern?"},
          {"role":"assistant","content":null,"tool_calls":[
            {"id":"call_1","type":"function","function":{"name":"weather","arguments":"{}"}}]},
          {"role":"tool","tool_call_id":"call_9","content":"22 C"}]}"""), """
        {"detail":[
          {"loc":["body","messages",1,"tool_calls",0,"id"],
           "msg":"Value error, tool call 'call_1' has no 'tool' message answering it at the end of the conversation",
           "type":"value_error","input":"call_1"},
          {"loc":["body","messages",2,"tool_call_id"],
           "msg":"Value error, tool_call_id 'call_9' matches no tool call of the closest preceding \
        assistant message with 'tool_calls' (messages[1]); expected one of [call_1]",
           "type":"value_error","input":"call_9"}]}""");
  }

  @Test
  void toolMessageWithoutAPrecedingToolCallIsReported() {
    assertSameJson(detailOf("""
        {"messages":[{"role":"user","content":"Hi"},{"role":"tool","tool_call_id":"call_1","content":"x"}]}"""), """
        {"detail":[{"loc":["body","messages",1,"tool_call_id"],
                    "msg":"Value error, a 'tool' message must answer a tool call, but no assistant \
        message with 'tool_calls' precedes it",
                    "type":"value_error","input":"call_1"}]}""");
  }

  @Test
  void malformedJsonIsJsonInvalidAtTheCharacterOffset() {
    // Python's json.loads stops at the '}' after the trailing comma: char 14.
    assertSameJson(detailOf("{\"model\": \"x\",}"), """
        {"detail":[{"loc":["body",14],"msg":"JSON decode error","type":"json_invalid","input":{}}]}""");
    assertSameJson(detailOf("{\"messages\": ["), """
        {"detail":[{"loc":["body",14],"msg":"JSON decode error","type":"json_invalid","input":{}}]}""");
    assertSameJson(detailOf("{} []"), """
        {"detail":[{"loc":["body",3],"msg":"JSON decode error","type":"json_invalid","input":{}}]}""");
  }

  @Test
  void aDuplicateKeyIsJsonInvalidNotTheLastValue() {
    // A proxy that reads the first "model" would check another request than the engine runs with the last one.
    String detail = detailOf("{\"model\":\"a\",\"messages\":[],\"model\":\"b\"}");
    assertThat(detail).contains("\"type\":\"json_invalid\"", "\"loc\":[\"body\",");
  }

  @Test
  void invalidUtf8IsJsonInvalidAtTheCharacterBeforeIt() {
    byte[] body = "{\"model\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8);
    body[11] = (byte) 0xff; // breaks the two-byte sequence of 'é' (bytes 10-11), which starts at char 10
    InvalidRequestException e =
        catchThrowableOfType(InvalidRequestException.class, () -> ChatJson.readRequest(body));
    assertSameJson(ChatJson.writeValidationError(e.violations()), """
        {"detail":[{"loc":[10],"msg":"JSON decode error","type":"json_invalid","input":{}}]}""");
  }

  @Test
  void emptyAndNullBodiesAreMissing() {
    String expected = """
        {"detail":[{"loc":["body"],"msg":"Field required","type":"missing"}]}""";
    assertThat(detailOf("")).isEqualTo(expected);
    assertThat(detailOf("null")).isEqualTo(expected);
  }

  @Test
  void bodyThatIsNotAnObjectIsAModelAttributesTypeError() {
    assertSameJson(detailOf("[1]"), """
        {"detail":[{"loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from",
                    "type":"model_attributes_type","input":[1]}]}""");
  }

  @Test
  void wrongScalarTypesUsePydanticTypesAndKeepTheInput() {
    assertSameJson(detailOf("""
        {"model":7,"messages":[{"role":"user","content":"Hi"}],"temperature":true,"max_tokens":"5",
         "n":1.5,"stream":"yes","stop":["a",1],"tools":{},"logit_bias":{"50256":"x"}}"""), """
        {"detail":[
          {"loc":["body","model"],"msg":"Input should be a valid string","type":"string_type","input":7},
          {"loc":["body","temperature"],"msg":"Input should be a valid number","type":"float_type","input":true},
          {"loc":["body","n"],"msg":"Input should be a valid integer, got a number with a fractional part",
           "type":"int_from_float","input":1.5},
          {"loc":["body","max_tokens"],"msg":"Input should be a valid integer","type":"int_type","input":"5"},
          {"loc":["body","stop",1],"msg":"Input should be a valid string","type":"string_type","input":1},
          {"loc":["body","stream"],"msg":"Input should be a valid boolean","type":"bool_type","input":"yes"},
          {"loc":["body","logit_bias","50256"],"msg":"Input should be a valid integer","type":"int_type",
           "input":"x"},
          {"loc":["body","tools"],"msg":"Input should be a valid list","type":"list_type","input":{}}]}""");
  }

  @Test
  void knownFieldsOfAnotherRoleAreForbidden() {
    assertSameJson(detailOf("""
        {"messages":[{"role":"user","content":"Hi","tool_call_id":"call_1",
                      "tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]}]}"""), """
        {"detail":[
          {"loc":["body","messages",0,"tool_calls"],"msg":"Extra inputs are not permitted","type":"extra_forbidden",
           "input":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]},
          {"loc":["body","messages",0,"tool_call_id"],"msg":"Extra inputs are not permitted",
           "type":"extra_forbidden","input":"call_1"}]}""");
  }

  @Test
  void semanticViolationsPointAtWirePositionsWhenEarlierMessagesFailedToBind() {
    // messages[0] does not bind, so the record's message 0 is the wire's message 1: the empty part array must
    // be reported at messages.1, and the list is not "too short" although the record holds one message.
    assertSameJson(detailOf("""
        {"messages":[{"role":"user"},{"role":"user","content":[]}],
         "tools":[{"type":"function"},{"type":"function","function":{"name":"bad name"}}]}"""), """
        {"detail":[
          {"loc":["body","messages",0,"content"],"msg":"Field required","type":"missing"},
          {"loc":["body","messages",1,"content"],"msg":"List should have at least 1 item after validation, not 0",
           "type":"too_short","input":[]},
          {"loc":["body","tools",0,"function"],"msg":"Field required","type":"missing"},
          {"loc":["body","tools",1,"function","name"],"msg":"String should match pattern '^[a-zA-Z0-9_-]{1,64}$'",
           "type":"string_pattern_mismatch","input":"bad name"}]}""");
  }

  @Test
  void toolChoiceAndResponseFormatLiteralsAreChecked() {
    assertSameJson(detailOf("""
        {"messages":[{"role":"user","content":"Hi"}],"tool_choice":"any",
         "response_format":{"type":"yaml"}}"""), """
        {"detail":[
          {"loc":["body","tool_choice"],"msg":"Input should be 'none', 'auto' or 'required'","type":"literal_error",
           "input":"any"},
          {"loc":["body","response_format","type"],"msg":"Input should be 'text', 'json_object' or 'json_schema'",
           "type":"literal_error","input":"yaml"}]}""");
  }
}
