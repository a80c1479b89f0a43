package dev.confidant.examples;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.ChatEngineException;
import dev.confidant.api.RequestContext;
import dev.confidant.api.Sampling;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.UserMessage;
import dev.confidant.core.ChatEngines;
import dev.confidant.core.json.ChatJson;
import dev.confidant.jlama.JlamaOptions;
import dev.confidant.pii.Pseudonymization;
import java.io.PrintStream;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Quick start: the example support conversation with pseudonymization on. Builds the engine on its embedded
 * default (Jlama, in-process, on a tiny model the project generates; no network), shows what the model received
 * ({@code My name is [NAME_1] ...}) and what it replied, and prints the {@code chat.completion} the caller gets,
 * with the placeholders restored. Set {@code CONFIDANT_MODEL_DIR} to a Hugging Face-layout model directory to use
 * a real model instead.
 */
public final class QuickStart {
  private QuickStart() {}

  /** The example conversation. */
  static ChatCompletionRequest request() {
    return ChatCompletionRequest.of(null,
            new SystemMessage("You are a helpful support assistant."),
            new UserMessage("My name is John Doe and I need help with my account."))
        .withSampling(Sampling.DEFAULT.withTemperature(0.0).withMaxTokens(48));
  }

  /** Runs the example on the model in {@code modelDir} (the embedded tiny model when null), printing to out. */
  static void run(@Nullable String modelDir, PrintStream out) {
    ChatEngines.Builder builder = ChatEngines.builder().addStage(new ModelView(out));
    if (modelDir != null && !modelDir.isBlank()) {
      builder.option(JlamaOptions.MODEL_DIR, Path.of(modelDir));
    }
    try (ChatCompletionEngine engine = builder.build()) {
      // What X-Apply-Pii-Pseudonymization: true does over HTTP.
      RequestContext context = RequestContext.anonymous().with(Pseudonymization.KEY, Pseudonymization.ON);
      ChatCompletionResponse response = engine.complete(request(), context);
      out.println("The caller gets (placeholders restored):");
      out.println("  " + response.message().text());
      out.println(ChatJson.writeResponse(response));
    }
  }

  public static void main(String[] args) {
    try {
      run(System.getenv("CONFIDANT_MODEL_DIR"), System.out);
    } catch (ChatEngineException e) {
      System.err.println("quick start failed: " + e.getMessage());
      System.exit(1);
    }
  }
}
