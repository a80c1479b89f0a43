package dev.confidant.openai.internal;

import dev.confidant.testkit.TestServers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.FinishReason;
import dev.confidant.api.RawJson;
import dev.confidant.api.ResponseOptions;
import dev.confidant.api.Sampling;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.Tools;
import dev.confidant.api.UserMessage;
import dev.confidant.core.ChatEngines;
import dev.confidant.core.ModelSpec;
import dev.confidant.openai.OpenAiOptions;
import dev.confidant.testkit.CompletionAssertions;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code openai} backend through the engine against a real OpenAI-compatible server: llama.cpp's llama-server
 * serving stories260K ({@code .ci/llama-server.sh start} prints the URL to put in {@code CONFIDANT_LLAMA_SERVER_URL};
 * CI starts it). Skipped without it.
 */
class LlamaServerTest {
  /** The model's greedy continuation of "Once upon a time" (see shared/models/SOURCE.txt). */
  static final String GREEDY = ", there was a little girl named Lily. She loved to play outside in the park.";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ChatCompletionEngine engine;

  @BeforeAll
  static void start() {
    engine = ChatEngines.builder()
        .discover(false)
        .addBackend(new OpenAiBackendProvider())
        .option(OpenAiOptions.BASE_URL, TestServers.llamaServerUrl())
        .model(ModelSpec.builder("stories", "openai").backendModel("stories260K").build())
        .build();
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.close();
    }
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
        .withOptions(new ResponseOptions(null, true, true, null, null, null))).drain();
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

  @Test
  void severalChoicesComeBackStreamedAndCollected() {
    ChatCompletionRequest two = onceUponATime(6).withOptions(new ResponseOptions(2, null, true, null, null, null));
    List<ChatCompletionChunk> chunks = engine.stream(two).drain();
    CompletionAssertions.assertOpenAiChunkOrder(chunks); // llama-server sends a usage chunk per choice mid-stream
    ChatCompletionResponse response = engine.complete(two);
    assertThat(response.choices()).hasSize(2);
    assertThat(response.choices()).extracting(c -> c.index()).containsExactly(0, 1);
    // Greedy: both choices tell the same six tokens of the story.
    assertThat(response.choices().get(0).message().text()).startsWith(", there was a little")
        .isEqualTo(response.choices().get(1).message().text());
    assertThat(response.choices()).allSatisfy(c -> assertThat(c.finishReason()).isEqualTo(FinishReason.LENGTH));
  }

  @Test
  void logProbabilitiesOfEveryTokenComeBack() throws IOException {
    ChatCompletionResponse response = engine.complete(onceUponATime(3)
        .withOptions(new ResponseOptions(null, null, null, true, 2, null)));
    JsonNode logprobs = JSON.readTree(Objects.requireNonNull(response.choices().get(0).logprobs()).json());
    assertThat(logprobs.path("content")).hasSize(3);
    assertThat(logprobs.path("content").get(0).path("token").asText()).isEqualTo(",");
    assertThat(logprobs.path("content").get(1).path("token").asText()).isEqualTo(" there");
    assertThat(logprobs.path("content").get(2).path("top_logprobs")).hasSize(2);
    assertThat(logprobs.path("content").get(2).path("logprob").asDouble()).isNegative();
  }

  @Test
  void aSixtyFourBitSeedServiceTierAndUnknownFieldsReachTheServer() {
    long low = 5;
    long wide = (1L << 40) + low;
    Map<String, RawJson> extra = new LinkedHashMap<>();
    extra.put("service_tier", RawJson.of("\"flex\""));
    extra.put("metadata", RawJson.of("{\"ticket\":\"T-1\"}"));
    extra.put("cache_prompt", RawJson.of("false")); // a llama-server field the engine does not model
    Sampling hot = Sampling.DEFAULT.withTemperature(1.5).withMaxTokens(24);
    String withWideSeed = engine.complete(onceUponATime(24).withSampling(hot.withSeed(wide)).withExtraFields(extra))
        .message().text();
    String again = engine.complete(onceUponATime(24).withSampling(hot.withSeed(wide))).message().text();
    String withLowBits = engine.complete(onceUponATime(24).withSampling(hot.withSeed(low))).message().text();
    String otherSeed = engine.complete(onceUponATime(24).withSampling(hot.withSeed(7L))).message().text();
    // llama-server accepts the 64-bit seed (OpenAiBackendTest sees it whole on the wire) and samples with its low
    // 32 bits: the same story as seed 5, another than seed 7.
    assertThat(withWideSeed).isEqualTo(again).isEqualTo(withLowBits).isNotEqualTo(otherSeed);
  }
}
