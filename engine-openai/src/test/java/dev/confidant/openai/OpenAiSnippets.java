package dev.confidant.openai;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.RequestContext;
import dev.confidant.core.ChatEngines;
import dev.confidant.core.ModelSpec;
import dev.confidant.core.ModelTimeouts;

/** The code samples of this package's javadoc ({@code {@snippet class=... region=...}}); compiled with the tests. */
final class OpenAiSnippets {
  private OpenAiSnippets() {}

  static void engine() {
    // @start region="engine"
    try (ChatCompletionEngine engine = ChatEngines.builder()
        .option(OpenAiOptions.BASE_URL, "http://127.0.0.1:8080/v1")
        .model(ModelSpec.builder("stories", "openai").backendModel("stories260K").build())
        .build()) {
      // engine.complete(...)
    }
    // @end
  }

  static ChatCompletionEngine options(String apiKey) {
    // @start region="options"
    ChatCompletionEngine engine = ChatEngines.builder()
        .option(OpenAiOptions.BASE_URL, "http://127.0.0.1:8080/v1")    // llama-server, vLLM, ...
        .option(OpenAiOptions.API_KEY, apiKey)
        .route("gpt-4o", "openai")
        .build();
    // @end
    return engine;
  }

  static ChatCompletionEngine backends() {
    // @start region="backends"
    ChatCompletionEngine engine = ChatEngines.builder()
        .addBackend(OpenAiBackends.create("vllm", "http://gpu-1:8000/v1", null, ModelTimeouts.DEFAULT))
        .route("llama-70b", "vllm")
        .build();
    // @end
    return engine;
  }

  static RequestContext endpoint(String apiKey) {
    // @start region="endpoint"
    RequestContext context = RequestContext.of("ada", "research")
        .with(ModelEndpoint.KEY, new ModelEndpoint("https://llm.example.com/v1", apiKey));
    // @end
    return context;
  }
}
