package dev.confidant.jlama.internal;

import static dev.confidant.jlama.internal.JlamaFixtures.ask;
import static dev.confidant.jlama.internal.JlamaFixtures.context;
import static dev.confidant.jlama.internal.JlamaFixtures.greedy;
import static dev.confidant.jlama.internal.JlamaFixtures.tiny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.Content;
import dev.confidant.api.ContentPart;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.RawJson;
import dev.confidant.api.ResponseFormat;
import dev.confidant.api.ResponseOptions;
import dev.confidant.api.Sampling;
import dev.confidant.api.ToolCall;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.ToolMessage;
import dev.confidant.api.Tools;
import dev.confidant.api.UserMessage;
import dev.confidant.api.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JlamaRequestChecksTest {

  @Test
  void rejectsEveryFieldItCannotHonourAtOnce() { // response_format is honoured (JsonObjectConstraint)
    ChatCompletionRequest request = new ChatCompletionRequest(
        null,
        List.of(new UserMessage(new Content.Parts(List.of(new ContentPart.TextPart("look"),
                new ContentPart.ImageUrlPart("https://example.com/cat.png", null))), null),
            AssistantMessage.ofToolCalls(List.of(new ToolCall("call_1", "clock", "{}"))),
            new ToolMessage("12:00", "call_1")),
        new Sampling(3.0, 1.5, 0, null, List.of("a", "b", "c", "d", "e"), null, 9.0, null, Map.of("x", 1)),
        new Tools(List.of(toolDefinition()), dev.confidant.api.ToolChoice.Mode.REQUIRED, null),
        new ResponseFormat.JsonSchema("answer", null, null, true),
        new ResponseOptions(2, null, null, true, 3, null));

    assertThatThrownBy(() -> tiny().stream(request, context()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
            .extracting(Violation::loc)
            .containsExactlyInAnyOrder(
                List.of("messages", 0, "content", 1, "type"),
                List.of("temperature"),
                List.of("top_p"),
                List.of("frequency_penalty"),
                List.of("max_tokens"),
                List.of("stop"),
                List.of("logit_bias", "x"),
                List.of("n"),
                List.of("logprobs"),
                List.of("top_logprobs"),
                List.of("tool_choice")));
  }

  @Test
  void rejectsATokenLimitBeyondTheContext() {
    assertThatThrownBy(() -> tiny().stream(ask("Hello", greedy(100_000)), context()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.violations()).extracting(Violation::loc).containsExactly(List.of("max_tokens"));
          assertThat(e.violations().get(0).msg()).contains("context");
        });
  }

  @Test
  void rejectsAPromptLongerThanTheContext() {
    String tooLong = "\u00fc".repeat(tiny().model().maxPositions() / 2 + 8); // two byte tokens each
    assertThatThrownBy(() -> tiny().stream(ask(tooLong, greedy(5)), context()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
            .extracting(Violation::type).containsExactly("context_length_exceeded"));
  }

  @Test
  void rejectsLogitBiasForTokensOutsideTheVocabulary() {
    Sampling bias = new Sampling(0.0, null, 5, null, List.of(), null, null, null, Map.of("99999", 5));
    assertThatThrownBy(() -> tiny().stream(ask("Hello", bias), context()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
            .extracting(Violation::loc).containsExactly(List.of("logit_bias", "99999")));
  }

  @Test
  void honoursLogitBias() {
    int the = tiny().model().texts().id("\u2581the").orElseThrow();
    Sampling forced = new Sampling(0.0, null, 3, null, List.of(), null, null, null, Map.of(String.valueOf(the), 100));
    assertThat(JlamaFixtures.complete(tiny(), ask("Hello", forced)).message().text()).isEqualTo("the the the");
  }

  @Test
  void acceptsWhatItHonours() {
    ChatCompletionRequest request = new ChatCompletionRequest(
        "anything",
        List.of(new UserMessage("Hi")),
        new Sampling(0.5, 0.9, 4, null, List.of("zzz"), 7L, 0.1, 0.1, Map.of("5", -100)),
        new Tools(List.of(), dev.confidant.api.ToolChoice.Mode.NONE, null),
        new ResponseFormat.Text(),
        new ResponseOptions(1, true, true, false, 0, "user-1"));
    assertThat(JlamaFixtures.complete(tiny(), request).usage().completionTokens()).isBetween(1, 4);
  }

  private static ToolDefinition toolDefinition() {
    return new ToolDefinition("clock", "the time", RawJson.of("{\"type\":\"object\"}"), null);
  }
}
