package dev.confidant.core.internal.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.ErrorType;
import dev.confidant.api.FinishReason;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.RawJson;
import dev.confidant.api.ResponseFormat;
import dev.confidant.api.ResponseOptions;
import dev.confidant.api.Usage;
import dev.confidant.api.UserMessage;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import dev.confidant.testkit.ScriptedToolCall;
import dev.confidant.testkit.StageHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Validation and bounded repair of JSON replies, on the scripted backend. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ResponseFormatStageTest {
  private static final ChatCompletionRequest ASK_JSON = ChatCompletionRequest.of(ScriptedModelBackend.NAME,
      new UserMessage("Give me the order as JSON.")).withResponseFormat(new ResponseFormat.JsonObject());
  private static final RawJson ORDER_SCHEMA = RawJson.of("""
      {"type":"object","properties":{
        "id":{"type":"string"},
        "status":{"type":"string","enum":["open","shipped"]},
        "items":{"type":"array","items":{"$ref":"#/$defs/item"}},
        "note":{"type":["string","null"]},
        "contact":{"anyOf":[{"type":"string"},{"$ref":"#/$defs/person"}]}},
       "required":["id","status","items","note","contact"],"additionalProperties":false,
       "$defs":{
        "item":{"type":"object","properties":{"sku":{"type":"string"},"qty":{"type":"integer"}},
                "required":["sku","qty"],"additionalProperties":false},
        "person":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"],
                  "additionalProperties":false}}}""");
  private static final String VALID_ORDER = """
      {"id":"A1","status":"open","items":[{"sku":"X","qty":2}],"note":null,"contact":{"name":"Jane"}}""";

  private static ChatCompletionRequest askSchema(boolean strict) {
    return ASK_JSON.withResponseFormat(new ResponseFormat.JsonSchema("order", null, ORDER_SCHEMA, strict));
  }

  private static StageHarness harness(ScriptedModelBackend backend, int maxRepairs) {
    return StageHarness.builder(backend).toolLoopStage(new ResponseFormatStage(maxRepairs)).build();
  }

  @Test
  void validJsonObjectPassesWithOneModelCall() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("{\"a\": 1}").splitEvery(2));
    ChatCompletionResponse response = harness(backend, 2).complete(ASK_JSON);

    assertThat(response.message().text()).isEqualTo("{\"a\": 1}");
    assertThat(backend.requests()).hasSize(1);
    assertThat(backend.openStreams()).isZero();
  }

  @Test
  void invalidReplyIsRepairedWithTheProblemsAndUsageCountsBothAttempts() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(
        ScriptedReply.text("Sure! ```json\n{\"a\": 1}\n```").withUsage(Usage.of(10, 7)),
        ScriptedReply.text("{\"a\": 1}").splitEvery(3).withUsage(Usage.of(30, 4)));
    ChatCompletionResponse response = harness(backend, 2).complete(ASK_JSON);

    assertThat(response.message().text()).isEqualTo("{\"a\": 1}");
    assertThat(response.usage()).isEqualTo(Usage.of(40, 11));
    assertThat(backend.requests()).hasSize(2);
    List<ChatMessage> second = backend.requests().get(1).messages();
    assertThat(second).hasSize(3);
    assertThat(second.get(1)).isEqualTo(new AssistantMessage("Sure! ```json\n{\"a\": 1}\n```"));
    assertThat(second.get(2)).isInstanceOf(UserMessage.class);
    assertThat(second.get(2).text()).contains("not valid JSON").contains("a single JSON object");
    assertThat(backend.requests().get(1).responseFormat()).isEqualTo(new ResponseFormat.JsonObject());
    assertThat(backend.openStreams()).isZero();
  }

  @Test
  void alwaysInvalidFailsAfterTheBoundedAttemptsWithModelOutputInvalid() {
    ScriptedModelBackend backend = ScriptedModelBackend.builder()
        .responder(request -> ScriptedReply.text("[1, 2, 3]")).build();

    assertThatThrownBy(() -> harness(backend, 2).complete(ASK_JSON))
        .isInstanceOfSatisfying(ModelInvocationException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.MODEL_OUTPUT_INVALID);
          assertThat(e.type().httpStatus()).isEqualTo(502);
          assertThat(e.getMessage()).startsWith("model_output_invalid:")
              .contains("json_object").contains("after 3 attempts").contains("expected a JSON object, got array");
        });
    assertThat(backend.requests()).hasSize(3);
    assertThat(backend.openStreams()).isZero();
  }

  @Test
  void zeroRepairsValidatesOnly() {
    ScriptedModelBackend backend = ScriptedModelBackend.builder()
        .responder(request -> ScriptedReply.text("not json")).build();

    assertThatThrownBy(() -> harness(backend, 0).complete(ASK_JSON))
        .hasMessageContaining("after 1 attempt:");
    assertThat(backend.requests()).hasSize(1);
  }

  @Test
  void strictSchemaIsValidatedWithRefsEnumsNullableAndAnyOf() {
    String wrong = """
        {"id":"A1","status":"lost","items":[{"sku":"X"}],"note":3,"contact":{"nom":"Jane"},"extra":true}""";
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text(wrong),
        ScriptedReply.text(VALID_ORDER).splitEvery(5));
    ChatCompletionResponse response = harness(backend, 1).complete(askSchema(true));

    assertThat(response.message().text()).isEqualTo(VALID_ORDER);
    String repair = backend.requests().get(1).messages().get(2).text();
    assertThat(repair)
        .contains("$.status: does not have a value in the enumeration [\"open\", \"shipped\"]")
        .contains("$.items[0]: required property 'qty' not found")
        .contains("$.note: integer found, [string, null] expected")
        .contains("$.contact: object found, string expected")
        .contains("$.contact: required property 'name' not found")
        .contains("$: property 'extra' is not defined in the schema")
        .contains("valid against this JSON schema");
  }

  @Test
  void strictSchemaWithPatternAndFormatRejectsANonMatchingReply() {
    RawJson schema = RawJson.of("""
        {"type":"object","properties":{"id":{"type":"string","pattern":"^ORD-[0-9]{4}$"},
         "due":{"type":"string","format":"date"}},"required":["id","due"],"additionalProperties":false}""");
    ChatCompletionRequest ask = ASK_JSON.withResponseFormat(new ResponseFormat.JsonSchema("order", null, schema, true));
    ScriptedModelBackend wrong = ScriptedModelBackend.builder()
        .responder(request -> ScriptedReply.text("{\"id\":\"order 17\",\"due\":\"next Friday\"}")).build();

    assertThatThrownBy(() -> harness(wrong, 1).complete(ask))
        .isInstanceOfSatisfying(ModelInvocationException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.MODEL_OUTPUT_INVALID);
          assertThat(e.getMessage()).contains("$.id: does not match the regex pattern ^ORD-[0-9]{4}$")
              .contains("$.due: does not match the date pattern").doesNotContain("order 17");
        });
    assertThat(wrong.requests()).hasSize(2); // the reply, then one repair attempt

    ScriptedModelBackend right = ScriptedModelBackend.of(ScriptedReply.text("{\"id\":\"ORD-0017\",\"due\":\"2026-12-11\"}"));
    assertThat(harness(right, 1).complete(ask).message().text()).isEqualTo("{\"id\":\"ORD-0017\",\"due\":\"2026-12-11\"}");
  }

  @Test
  void problemsNeverQuoteTheReply() {
    // The reply the stage checks is already detokenized: a quoted value could be personal data, and the problems
    // end up in the exception message (and its HTTP detail) and in the repair prompt.
    String badValues = """
        {"id":"A1","status":"Anna Weber","items":[],"note":null,"contact":"x"}""";
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text(badValues),
        ScriptedReply.text("{\"id\": Anna Weber}"));

    assertThatThrownBy(() -> harness(backend, 1).complete(askSchema(true)))
        .isInstanceOfSatisfying(ModelInvocationException.class, e -> assertThat(e.getMessage())
            .contains("not valid JSON (syntax error at line 1, column").doesNotContain("Anna"));
    assertThat(backend.requests().get(1).messages().get(2).text())
        .contains("$.status: does not have a value in the enumeration [\"open\", \"shipped\"]")
        .doesNotContain("Anna");
  }

  @Test
  void nonStrictSchemaOnlyRequiresValidJson() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("{\"whatever\": true}"));
    assertThat(harness(backend, 1).complete(askSchema(false)).message().text()).isEqualTo("{\"whatever\": true}");

    ScriptedModelBackend broken = ScriptedModelBackend.builder()
        .responder(request -> ScriptedReply.text("{\"cut\": ")).build();
    assertThatThrownBy(() -> harness(broken, 1).complete(askSchema(false)))
        .hasMessageContaining("json_schema 'order'").hasMessageContaining("not valid JSON");
  }

  @Test
  void truncatedRepliesToolCallsAndTextFormatsAreNotValidated() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(
        ScriptedReply.text("{\"cut\": ").withFinishReason(FinishReason.LENGTH),
        ScriptedReply.toolCalls(ScriptedToolCall.of("call_1", "lookup", "{}")),
        ScriptedReply.text("plain"));
    StageHarness harness = harness(backend, 2);

    assertThat(harness.complete(ASK_JSON).choices().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(harness.complete(ASK_JSON).message().toolCalls()).hasSize(1);
    assertThat(harness.complete(ASK_JSON.withResponseFormat(new ResponseFormat.Text())).message().text())
        .isEqualTo("plain");
    assertThat(backend.requests()).hasSize(3);
  }

  @Test
  void severalChoicesAreValidatedWithoutRepair() {
    ScriptedModelBackend backend = ScriptedModelBackend.builder()
        .responder(request -> ScriptedReply.text("nope")).build();
    ChatCompletionRequest request = ASK_JSON.withOptions(new ResponseOptions(2, null, null, null, null, null));

    assertThatThrownBy(() -> harness(backend, 2).complete(request)).hasMessageContaining("after 1 attempt:");
    assertThat(backend.requests()).hasSize(1);
  }

  @Test
  void streamReleasesChunksOnlyOnceTheReplyIsValid() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("oops"),
        ScriptedReply.text("{\"ok\": [1, 2]}").splitPerCodePoint());
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (CompletionStream stream = harness(backend, 2).stream(ASK_JSON)) {
      ChatCompletionChunk first = stream.next();
      // By the time the first chunk arrives, both attempts have run.
      assertThat(backend.requests()).hasSize(2);
      for (ChatCompletionChunk c = first; c != null; c = stream.next()) {
        chunks.add(c);
      }
    }
    StringBuilder content = new StringBuilder();
    chunks.forEach(c -> c.choices().forEach(ch -> {
      if (ch.delta().content() != null) {
        content.append(ch.delta().content());
      }
    }));
    assertThat(content).hasToString("{\"ok\": [1, 2]}");
    assertThat(chunks).hasSizeGreaterThan(10); // the valid attempt's chunks, not one merged chunk
  }

  @Test
  void closingWhileAnAttemptRunsClosesTheModelStream() throws Exception {
    ScriptedModelBackend backend = ScriptedModelBackend.of(
        ScriptedReply.text("{\"slow\": true}").splitPerCodePoint().withChunkDelay(Duration.ofMillis(200)));
    CompletionStream stream = harness(backend, 2).stream(ASK_JSON);
    Thread reader = Thread.ofVirtual().start(stream::next);
    Thread.sleep(100);
    stream.close();
    reader.join(2_000);
    assertThat(reader.isAlive()).isFalse();
    assertThat(backend.openStreams()).isZero();
  }
}
