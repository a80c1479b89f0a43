package dev.confidant.langchain4j;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.RequestContext;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.core.ChatEngines;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.pii.Pseudonymization;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;

/** The code samples of this package's javadoc ({@code {@snippet class=... region=...}}); compiled with the tests. */
final class Lc4jSnippets {
  private Lc4jSnippets() {}

  static ChatCompletionEngine streaming(String key) {
    // @start region="streaming"
    StreamingChatModel gpt = OpenAiStreamingChatModel.builder().apiKey(key).modelName("gpt-4o-mini").build();
    ChatCompletionEngine engine = ChatEngines.builder()
        .addBackend(LangChain4jBackends.streaming("gpt", gpt, ModelTimeouts.DEFAULT))
        .route("gpt", "gpt")
        .build();
    // @end
    return engine;
  }

  static ModelBackend perRequest(String key) {
    // @start region="per-request"
    ModelBackend gpt = LangChain4jBackends.perRequest("gpt", http -> OpenAiStreamingChatModel.builder()
        .httpClientBuilder(http).apiKey(key).modelName("gpt-4o-mini").build(), ModelTimeouts.DEFAULT);
    // @end
    return gpt;
  }

  static String chatModel(ChatCompletionEngine engine) {
    // @start region="chat-model"
    ChatModel model = ConfidantChatModel.builder(engine)
        .model("gpt-4o")                                                    // the engine's model id
        .context(RequestContext.anonymous().with(Pseudonymization.KEY, Pseudonymization.ON)) // engine-pii
        .build();
    String answer = model.chat("My name is John Doe. Which plan am I on?");   // the model saw [NAME_1]
    // @end
    return answer;
  }

  static ChatCompletionEngine ollama() {
    // @start region="ollama"
    ChatCompletionEngine engine = ChatEngines.builder()
        .option(OllamaOptions.BASE_URL, "http://gpu-box:11434")
        .route("llama3", "ollama")
        .build();
    // @end
    return engine;
  }

  // @start region="ai-service"
  interface Support {
    String answer(String question);
  }

  static Support support(ChatCompletionEngine engine) {
    ChatModel model = ConfidantChatModel.builder(engine)
        .context(RequestContext.anonymous().with(Pseudonymization.KEY, Pseudonymization.ON))
        .build();
    return AiServices.builder(Support.class).chatModel(model).tools(new ReadmeExample.OrderTools()).build();
  }
  // @end
}
