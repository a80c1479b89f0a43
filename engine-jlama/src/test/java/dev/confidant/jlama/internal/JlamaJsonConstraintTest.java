package dev.confidant.jlama.internal;

import static dev.confidant.jlama.internal.JlamaFixtures.ask;
import static dev.confidant.jlama.internal.JlamaFixtures.complete;
import static dev.confidant.jlama.internal.JlamaFixtures.greedy;
import static dev.confidant.jlama.internal.JlamaFixtures.tiny;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.FinishReason;
import dev.confidant.api.RawJson;
import dev.confidant.api.ResponseFormat;
import dev.confidant.api.Sampling;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.Tools;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Constrained decoding makes the tiny model's gibberish a JSON object. */
class JlamaJsonConstraintTest {
  private static final String PROMPT = "Tell me a story about the robot and the cat.";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ChatCompletionRequest askJson(Sampling sampling) {
    return ask(PROMPT, sampling).withResponseFormat(new ResponseFormat.JsonObject());
  }

  private static JsonNode parsedObject(ChatCompletionResponse response) throws Exception {
    String text = response.message().text();
    JsonNode node = JSON.readTree(text);
    assertThat(node).as("reply %s", text).isNotNull();
    assertThat(node.isObject()).as("reply %s", text).isTrue();
    return node;
  }

  @Test
  void unconstrainedOutputIsNotJson() {
    String text = complete(tiny(), ask(PROMPT, greedy(40))).message().text();
    assertThat(text).doesNotStartWith("{");
  }

  @Test
  void greedyOutputBecomesAJsonObjectThatEndsWithStop() throws Exception {
    ChatCompletionResponse response = complete(tiny(), askJson(greedy(60)));
    System.out.println("tiny model, greedy, json_object: " + response.message().text());
    parsedObject(response);
    assertThat(response.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
  }

  @Test
  void sampledOutputWithinAnyTokenBudgetIsAJsonObject() throws Exception {
    for (int maxTokens : new int[] {2, 3, 5, 12, 40, 120}) {
      for (long seed = 1; seed <= 4; seed++) {
        Sampling sampling = Sampling.DEFAULT.withTemperature(1.2).withMaxTokens(maxTokens).withSeed(seed);
        ChatCompletionResponse response = complete(tiny(), askJson(sampling));
        if (maxTokens == 120) {
          System.out.println("tiny model, seed " + seed + ", json_object: " + response.message().text());
        }
        parsedObject(response);
        assertThat(response.usage().completionTokens()).isLessThanOrEqualTo(maxTokens);
        assertThat(response.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
      }
    }
  }

  @Test
  void aJsonSchemaWithAnObjectRootIsConstrainedToo() throws Exception {
    RawJson schema = RawJson.of("{\"type\": \"object\", \"properties\": {}}");
    ChatCompletionRequest request = ask(PROMPT, greedy(50))
        .withResponseFormat(new ResponseFormat.JsonSchema("anything", null, schema, false));
    parsedObject(complete(tiny(), request));
  }

  @Test
  void constraintIsOffWhenToolsAreOfferedOrTheFormatIsText() {
    ToolDefinition tool = new ToolDefinition("clock", "the time", RawJson.of("{\"type\":\"object\"}"), null);
    ChatCompletionRequest withTools = askJson(greedy(5))
        .withTools(new Tools(List.of(tool), dev.confidant.api.ToolChoice.Mode.AUTO, null));
    assertThat(JlamaBackend.constrainToJsonObject(withTools, withTools.tools().definitions())).isFalse();
    assertThat(JlamaBackend.constrainToJsonObject(askJson(greedy(5)), List.of())).isTrue();
    assertThat(JlamaBackend.constrainToJsonObject(
        ask(PROMPT, greedy(5)).withResponseFormat(new ResponseFormat.Text()), List.of())).isFalse();
    assertThat(JlamaBackend.constrainToJsonObject(ask(PROMPT, greedy(5)).withResponseFormat(
        new ResponseFormat.JsonSchema("list", null, RawJson.of("{\"type\":\"array\"}"), true)), List.of())).isFalse();
  }
}
