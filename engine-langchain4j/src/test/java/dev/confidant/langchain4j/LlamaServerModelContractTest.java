package dev.confidant.langchain4j;

import dev.confidant.testkit.TestServers;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.Sampling;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.testkit.AbstractModelBackendContractTest;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The backend contract for a real LangChain4j provider model (langchain4j-open-ai, given per request) against a
 * real server: llama.cpp's llama-server with the stories260K model, which {@code .ci/run} starts and names in
 * {@code CONFIDANT_LLAMA_SERVER_URL} ({@code http://127.0.0.1:PORT/v1}). Skipped without it.
 */
class LlamaServerModelContractTest extends AbstractModelBackendContractTest {
  private static @Nullable ModelBackend backend;

  @BeforeAll
  static void start() {
    String url = TestServers.llamaServerUrl();
    backend = LangChain4jBackends.perRequest("lc4j-llama", http -> OpenAiStreamingChatModel.builder()
        .httpClientBuilder(http).baseUrl(url).apiKey("none").modelName("stories260K").build(), ModelTimeouts.DEFAULT);
  }

  @AfterAll
  static void stop() {
    if (backend != null) {
      backend.close();
    }
  }

  @Override
  protected ModelBackend backend() {
    return Objects.requireNonNull(backend);
  }

  /** Greedy and unseeded: LangChain4j's neutral parameters have no seed, and temperature 0 needs none. */
  @Override
  protected ChatCompletionRequest request(String prompt) {
    return ChatCompletionRequest.of("stories260K", new UserMessage(prompt))
        .withSampling(Sampling.DEFAULT.withTemperature(0.0).withMaxTokens(64));
  }
}
