package dev.confidant.core.json;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.InvalidRequestException;
import java.util.function.Consumer;

/** The code samples of this package's javadoc ({@code {@snippet class=... region=...}}); compiled with the tests. */
final class JsonSnippets {
  private JsonSnippets() {}

  static void sse(ChatCompletionEngine engine, String body, Consumer<String> sse) {
    // @start region="sse"
    ChatCompletionRequest request = ChatJson.readRequest(body);       // InvalidRequestException: 422 detail
    try (CompletionStream stream = engine.stream(request)) {
      for (ChatCompletionChunk chunk : stream) {
        sse.accept("data: " + ChatJson.writeChunk(chunk) + "\n\n");
      }
    }
    sse.accept("data: [DONE]\n\n");
    // @end
  }

  static String read(String body) {
    // @start region="read-request"
    try {
      ChatCompletionRequest request = ChatJson.readRequest(body);
      return ChatJson.writeRequest(request);
    } catch (InvalidRequestException e) {
      String json = ChatJson.writeValidationError(e.violations());
      // {"detail":[{"loc":["messages"],"msg":"Field required","type":"missing"}]}
      return json;
    }
    // @end
  }
}
