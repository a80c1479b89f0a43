package dev.confidant.core.internal.backend.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.FinishReason;
import dev.confidant.api.RawJson;
import dev.confidant.api.Sampling;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.Tools;
import dev.confidant.api.UserMessage;
import dev.confidant.core.ChatEngines;
import dev.confidant.core.ModelSpec;
import dev.confidant.core.RemoteModelOptions;
import dev.confidant.testkit.CompletionAssertions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The {@code openai} backend against a real OpenAI-compatible server: llama.cpp's llama-server serving
 * stories260K ({@code .ci/llama-server.sh start} prints the URL to put in {@code CONFIDANT_LLAMA_SERVER_URL}).
 * Skipped without it.
 */
@EnabledIfEnvironmentVariable(named = LlamaServerTest.URL_VARIABLE, matches = ".+")
class LlamaServerTest {
  static final String URL_VARIABLE = "CONFIDANT_LLAMA_SERVER_URL";
  /** The model's greedy continuation of "Once upon a time" (see shared/models/SOURCE.txt). */
  static final String GREEDY = ", there was a little girl named Lily. She loved to play outside in the park.";

  private static ChatCompletionEngine engine;

  @BeforeAll
  static void start() {
    engine = ChatEngines.builder()
        .discover(false)
        .addBackend(new OpenAiBackendProvider())
        .option(RemoteModelOptions.OPENAI_BASE_URL, System.getenv(URL_VARIABLE))
        .model(ModelSpec.builder("stories", "openai").backendModel("stories260K").build())
        .build();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  private static ChatCompletionRequest onceUponATime(int maxTokens) {
    return ChatCompletionRequest.of("stories", new UserMessage("Once upon a time"))
        .withSampling(Sampling.DEFAULT.withTemperature(0.0).withSeed(42L).withMaxTokens(maxTokens));
  }

  @Test
  void greedyCompletionIsTheKnownStory() {
    ChatCompletionResponse response = engine.complete(onceUponATime(40));
    assertThat(response.message().text()).startsWith(GREEDY);
    assertThat(response.choices().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(response.usage()).isNotNull();
    assertThat(response.usage().completionTokens()).isEqualTo(40);
  }

  @Test
  void streamingDeltasMakeTheSameStory() {
    List<ChatCompletionChunk> chunks = engine.stream(onceUponATime(40)
        .withOptions(new dev.confidant.api.ResponseOptions(null, true, true, null, null, null))).drain();
    CompletionAssertions.assertOpenAiChunkOrder(chunks);
    assertThat(chunks.size()).isGreaterThan(10);
    assertThat(CompletionAssertions.contentOf(chunks)).startsWith(GREEDY);
  }

  @Test
  void stopSequenceEndsTheStory() {
    ChatCompletionResponse response = engine.complete(onceUponATime(40).withSampling(
        Sampling.DEFAULT.withTemperature(0.0).withMaxTokens(40).withStop(List.of(" Lily"))));
    assertThat(response.message().text()).isEqualTo(", there was a little girl named");
    assertThat(response.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
  }

  @Test
  void toolsAreAccepted() {
    ToolDefinition weather = new ToolDefinition("get_weather", "Weather by city", RawJson.of(
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"), null);
    ChatCompletionResponse response = engine.complete(onceUponATime(8).withTools(Tools.of(weather)));
    // The story model never emits tool-call JSON: what matters is that the server took the tools.
    assertThat(response.choices()).hasSize(1);
    assertThat(response.usage().promptTokens()).isGreaterThan(5); // the template rendered "Tools: get_weather"
  }
}
