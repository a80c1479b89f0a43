package dev.confidant.examples;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.Sampling;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.UserMessage;
import dev.confidant.core.ChatEngines;
import dev.confidant.core.JlamaOptions;
import dev.confidant.core.json.ChatJson;
import java.nio.file.Path;

/**
 * Quick start: builds the engine on its embedded default (Jlama, in-process, on a tiny model the project
 * generates; no network), sends the example support conversation and prints the {@code chat.completion} JSON.
 * Set {@code CONFIDANT_MODEL_DIR} to a Hugging Face-layout model directory to use a real model instead.
 */
public final class QuickStart {
  private QuickStart() {}

  public static void main(String[] args) {
    ChatEngines.Builder builder = ChatEngines.builder();
    String modelDir = System.getenv("CONFIDANT_MODEL_DIR");
    if (modelDir != null && !modelDir.isBlank()) {
      builder.option(JlamaOptions.MODEL_DIR, Path.of(modelDir));
    }
    try (ChatCompletionEngine engine = builder.build()) {
      ChatCompletionRequest request = ChatCompletionRequest.of(null,
              new SystemMessage("You are a helpful support assistant."),
              new UserMessage("My name is John Doe and I need help with my account."))
          .withSampling(Sampling.DEFAULT.withTemperature(0.0).withMaxTokens(48));
      ChatCompletionResponse response = engine.complete(request);
      System.out.println(ChatJson.writeResponse(response));
    }
  }
}
