package dev.confidant.examples;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.UserMessage;
import dev.confidant.core.ChatEngines;
import dev.confidant.jlama.JlamaOptions;
import dev.confidant.core.ToolOptions;
import dev.confidant.core.json.ChatJson;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A server tool in the tool loop: the engine gets {@link OrderStatusTool} through {@code builder.addTool(...)},
 * offers it to the model, runs the model's call and feeds the result back; the client sees one
 * {@code chat.completion} with the final answer. Runs on {@link OrderDeskModel}, a rule-based stand-in, so that it
 * needs no model; set {@code CONFIDANT_MODEL_DIR} to a tool-capable instruct model in Hugging Face layout (Llama
 * 3.x, Qwen 2.5) to let Jlama decide instead.
 *
 * <p>{@code ./mvnw -q -Ptool-example -pl examples -am package -DskipTests}, optionally with a question as
 * {@code -Dexample.args="Where is my order A-1002?"}.
 */
public final class ToolExample {
  private ToolExample() {}

  /**
   * Builds the engine with the tool registered explicitly: an example's tool is not in {@code META-INF/services},
   * so that it never reaches engines that did not ask for it (the quick start's, for one).
   */
  static ChatCompletionEngine engine(@org.jspecify.annotations.Nullable String modelDir) {
    ChatEngines.Builder builder = ChatEngines.builder()
        .addTool(new OrderStatusTool())
        .option(ToolOptions.CALL_TIMEOUT, Duration.ofSeconds(5))
        .option(ToolOptions.MAX_ROUNDS, 3);
    if (modelDir != null && !modelDir.isBlank()) {
      builder.option(JlamaOptions.MODEL_DIR, Path.of(modelDir));
    } else {
      builder.addBackend(new OrderDeskModel()).defaultBackend(OrderDeskModel.NAME);
    }
    return builder.build();
  }

  /** The conversation of the example. */
  static ChatCompletionRequest question(String text) {
    return ChatCompletionRequest.of(null,
        new SystemMessage("You are the order desk. Use the order_status tool to answer questions about orders."),
        new UserMessage(text));
  }

  public static void main(String[] args) {
    String text = args.length > 0 ? String.join(" ", args) : "Hi, where is my order A-1001?";
    try (ChatCompletionEngine engine = engine(System.getenv("CONFIDANT_MODEL_DIR"))) {
      ChatCompletionResponse response = engine.complete(question(text));
      System.out.println(ChatJson.writeResponse(response));
    }
  }
}
