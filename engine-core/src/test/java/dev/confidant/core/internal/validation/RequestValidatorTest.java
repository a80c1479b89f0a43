package dev.confidant.core.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.Content;
import dev.confidant.api.ContentPart;
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
import dev.confidant.api.Violation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {
  private final RequestValidator validator = new RequestValidator();

  private static ChatCompletionRequest chat(ChatMessage... messages) {
    return ChatCompletionRequest.of("m", messages);
  }

  private static AssistantMessage calls(String... ids) {
    return AssistantMessage.ofToolCalls(List.of(ids).stream().map(id -> new ToolCall(id, "f", "{}")).toList());
  }

  private List<Violation> validate(ChatCompletionRequest request) {
    return validator.validate(request);
  }

  @Test
  void blankModelIdIsTooShort() {
    assertThat(validate(chat(new UserMessage("Hi")).withModel(" \t")))
        .singleElement()
        .satisfies(v -> {
          assertThat(v.loc()).containsExactly("model");
          assertThat(v.type()).isEqualTo("string_too_short");
          assertThat(v.input()).hasToString("\" \\t\"");
        });
  }

  @Test
  void validRequestHasNoViolations() {
    ChatCompletionRequest request = chat(new UserMessage("Hi"), calls("c1", "c2"), new ToolMessage("1", "c2"),
        new ToolMessage("2", "c1"), new AssistantMessage("Done"), new UserMessage("Thanks"))
        .withSampling(new Sampling(2.0, 0.0, 1, 1, List.of("a", "b", "c", "d"), Long.MIN_VALUE, -2.0, 2.0,
            Map.of("0", -100, "50256", 100)))
        .withOptions(new ResponseOptions(128, true, true, true, 20, "u"))
        .withTools(new Tools(List.of(new ToolDefinition("f", null, null, null),
            new ToolDefinition("get-Weather_2", null, null, null)), new ToolChoice.Function("f"), true))
        .withResponseFormat(new ResponseFormat.JsonSchema("answer_1", null, null, null));

    assertThat(validate(request)).isEmpty();
  }

  @Test
  void emptyMessagesAreTooShort() {
    assertThat(validate(chat())).containsExactly(new Violation(List.of("messages"),
        "List should have at least 1 item after validation, not 0", "too_short", RawJson.of("[]")));
  }

  @Test
  void rangesUsePydanticBoundTypesAndMessages() {
    ChatCompletionRequest request = chat(new UserMessage("Hi"))
        .withSampling(new Sampling(-0.1, 1.5, 0, -3, List.of("1", "2", "3", "4", "5"), null, -2.5, Double.NaN,
            Map.of("7", 101, "x", 0)))
        .withOptions(new ResponseOptions(129, null, null, true, 21, null));

    assertThat(validate(request)).extracting(v -> v.path(), Violation::type, Violation::msg, v -> v.input().json())
        .containsExactly(
            tuple("temperature", "greater_than_equal", "Input should be greater than or equal to 0", "-0.1"),
            tuple("top_p", "less_than_equal", "Input should be less than or equal to 1", "1.5"),
            tuple("n", "less_than_equal", "Input should be less than or equal to 128", "129"),
            tuple("max_tokens", "greater_than_equal", "Input should be greater than or equal to 1", "0"),
            tuple("max_completion_tokens", "greater_than_equal", "Input should be greater than or equal to 1",
                "-3"),
            tuple("stop", "too_long", "List should have at most 4 items after validation, not 5",
                "[\"1\",\"2\",\"3\",\"4\",\"5\"]"),
            tuple("frequency_penalty", "greater_than_equal", "Input should be greater than or equal to -2",
                "-2.5"),
            tuple("presence_penalty", "finite_number", "Input should be a finite number", "\"NaN\""),
            tuple("logit_bias.7", "less_than_equal", "Input should be less than or equal to 100", "101"),
            tuple("logit_bias.x.[key]", "int_parsing",
                "Input should be a valid integer, unable to parse string as an integer", "\"x\""),
            tuple("top_logprobs", "less_than_equal", "Input should be less than or equal to 20", "21"));
  }

  @Test
  void topLogprobsNeedsLogprobs() {
    ChatCompletionRequest request = chat(new UserMessage("Hi"))
        .withOptions(new ResponseOptions(null, null, null, null, 2, null));

    assertThat(validate(request)).containsExactly(new Violation(List.of("top_logprobs"),
        "Value error, top_logprobs requires logprobs to be true", "value_error", RawJson.of("2")));
  }

  @Test
  void toolNamesMustMatchThePatternAndBeUnique() {
    ChatCompletionRequest request = chat(new UserMessage("Hi")).withTools(Tools.of(
        new ToolDefinition("search", null, null, null), new ToolDefinition("web search", null, null, null),
        new ToolDefinition("search", null, null, null), new ToolDefinition("x".repeat(65), null, null, null)));

    assertThat(validate(request)).extracting(Violation::path, Violation::type).containsExactly(
        tuple("tools.1.function.name", "string_pattern_mismatch"),
        tuple("tools.2.function.name", "value_error"),
        tuple("tools.3.function.name", "string_pattern_mismatch"));
    assertThat(validate(request).get(1).msg()).isEqualTo("Value error, duplicate tool name 'search' (also tools[0])");
    assertThat(validate(request).get(0).msg()).isEqualTo("String should match pattern '^[a-zA-Z0-9_-]{1,64}$'");
  }

  @Test
  void toolChoiceMustNameADefinedToolAndRequiredNeedsTools() {
    ChatCompletionRequest unknown = chat(new UserMessage("Hi")).withTools(
        new Tools(List.of(new ToolDefinition("a", null, null, null)), new ToolChoice.Function("b"), null));
    ChatCompletionRequest noTools = chat(new UserMessage("Hi"))
        .withTools(new Tools(List.of(), new ToolChoice.Function("b"), null));
    ChatCompletionRequest required = chat(new UserMessage("Hi"))
        .withTools(new Tools(List.of(), ToolChoice.Mode.REQUIRED, null));
    ChatCompletionRequest auto = chat(new UserMessage("Hi"))
        .withTools(new Tools(List.of(), ToolChoice.Mode.AUTO, null));

    assertThat(validate(unknown)).singleElement().satisfies(v -> {
      assertThat(v.path()).isEqualTo("tool_choice.function.name");
      assertThat(v.msg()).isEqualTo("Value error, tool_choice names function 'b', which is not in 'tools'; "
          + "available: [a]");
    });
    assertThat(validate(noTools)).extracting(Violation::path).containsExactly("tool_choice.function.name");
    assertThat(validate(required)).singleElement().satisfies(v -> {
      assertThat(v.path()).isEqualTo("tool_choice");
      assertThat(v.input()).isEqualTo(RawJson.of("\"required\""));
    });
    assertThat(validate(auto)).isEmpty();
    assertThat(validator.validate(unknown, Set.of(RequestValidator.Section.TOOLS))).isEmpty();
  }

  @Test
  void jsonSchemaNameMustMatchThePattern() {
    ChatCompletionRequest request = chat(new UserMessage("Hi"))
        .withResponseFormat(new ResponseFormat.JsonSchema("my schema", null, null, null));

    assertThat(validate(request)).extracting(Violation::path, Violation::type)
        .containsExactly(tuple("response_format.json_schema.name", "string_pattern_mismatch"));
  }

  @Test
  void contentPartsMustBeNonEmptyAndFitTheRole() {
    ChatCompletionRequest request = chat(
        new SystemMessage(new Content.Parts(List.of(new ContentPart.ImageUrlPart("https://x.test/a.png", null))),
            null),
        new UserMessage(new Content.Parts(List.of()), null),
        new AssistantMessage(null, null, null, List.of(), null));

    assertThat(validate(request)).extracting(Violation::path, Violation::type, Violation::msg).containsExactly(
        tuple("messages.0.content.0.type", "literal_error", "Input should be 'text'"),
        tuple("messages.1.content", "too_short", "List should have at least 1 item after validation, not 0"),
        tuple("messages.2.content", "missing", "Field required"));
  }

  @Test
  void everyToolCallNeedsExactlyOneAnswerRightAfterIt() {
    ChatCompletionRequest request = chat(
        new UserMessage("Hi"),
        calls("c1", "c2", "c1"),         // 1: c1 twice
        new ToolMessage("a", "c1"),      // 2
        new ToolMessage("b", "c1"),      // 3: answered again
        new UserMessage("and?"),         // 4: c2 still open
        new ToolMessage("c", "c2"));     // 5: too late

    assertThat(validate(request)).extracting(Violation::path, Violation::msg).containsExactly(
        tuple("messages.1.tool_calls.2.id", "Value error, duplicate tool call id 'c1' (also tool_calls[0])"),
        tuple("messages.3.tool_call_id", "Value error, tool call 'c1' is already answered by messages[2]"),
        tuple("messages.5.tool_call_id",
            "Value error, the answer to tool call 'c2' must come right after messages[1], before messages[4]"));
  }

  @Test
  void unansweredCallsAreReportedAtTheCallBeforeTheNextMessage() {
    ChatCompletionRequest request = chat(new UserMessage("Hi"), calls("c1"), new UserMessage("skip it"),
        calls("c2"), new ToolMessage("x", "c2"));

    assertThat(validate(request)).singleElement().satisfies(v -> {
      assertThat(v.path()).isEqualTo("messages.1.tool_calls.0.id");
      assertThat(v.msg())
          .isEqualTo("Value error, tool call 'c1' has no 'tool' message answering it before messages[2]");
      assertThat(v.input()).isEqualTo(RawJson.of("\"c1\""));
    });
  }

  @Test
  void incompleteMessagesSkipChecksAcrossMessages() {
    ChatCompletionRequest request = chat(new ToolMessage("x", "c1"));

    assertThat(validate(request)).hasSize(1);
    assertThat(validator.validate(request, Set.of(RequestValidator.Section.MESSAGES))).isEmpty();
    assertThat(validator.validate(chat(), Set.of(RequestValidator.Section.MESSAGES))).isEmpty();
  }
}
