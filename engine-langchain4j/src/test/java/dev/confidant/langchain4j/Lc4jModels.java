package dev.confidant.langchain4j;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.Sampling;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.testkit.FakeModelServer;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;

/**
 * Real LangChain4j provider models (langchain4j-open-ai) talking to the testkit's fake OpenAI server, given to the
 * engine in the three ways {@link LangChain4jBackends} offers. Stateless.
 */
final class Lc4jModels {
  static final String MODEL = "fake-gpt";
  static final ModelTimeouts TIMEOUTS =
      new ModelTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(20));

  private Lc4jModels() {}

  static ModelBackend streaming(FakeModelServer server) {
    return LangChain4jBackends.streaming("lc4j-openai", OpenAiStreamingChatModel.builder()
        .baseUrl(server.baseUrl() + "/v1").apiKey("sk-lc4j-test-key").modelName(MODEL).build(), TIMEOUTS);
  }

  static ModelBackend blocking(FakeModelServer server) {
    return LangChain4jBackends.blocking("lc4j-openai", OpenAiChatModel.builder()
        .baseUrl(server.baseUrl() + "/v1").apiKey("sk-lc4j-test-key").modelName(MODEL).build(), TIMEOUTS);
  }

  static ModelBackend perRequest(FakeModelServer server) {
    return LangChain4jBackends.perRequest("lc4j-openai", http -> OpenAiStreamingChatModel.builder()
        .httpClientBuilder(http).baseUrl(server.baseUrl() + "/v1").apiKey("sk-lc4j-test-key").modelName(MODEL)
        .build(), TIMEOUTS);
  }

  /** The contract kit's request without a seed, which a LangChain4j model takes from its own configuration. */
  static ChatCompletionRequest unseeded(String prompt) {
    return ChatCompletionRequest.of(MODEL, new UserMessage(prompt))
        .withSampling(Sampling.DEFAULT.withTemperature(0.0).withMaxTokens(64));
  }
}
