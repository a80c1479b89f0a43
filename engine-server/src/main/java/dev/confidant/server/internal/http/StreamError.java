package dev.confidant.server.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confidant.api.ChatEngineException;

/**
 * The SSE event for a failure after the stream started, in OpenAI's shape
 * ({@code {"error":{"message":...,"type":...,"code":...}}}) so that SDKs raise it as an API error. Stateless.
 */
final class StreamError {
  private StreamError() {}

  static String json(ChatEngineException e, HttpProblem problem) {
    ObjectNode root = JsonBodies.MAPPER.createObjectNode();
    ObjectNode error = root.putObject("error");
    String detail;
    try {
      detail = JsonBodies.MAPPER.readTree(problem.body()).path("detail").asText("error");
    } catch (java.io.IOException ex) {
      detail = "error";
    }
    error.put("message", detail);
    error.put("type", e.type().name().toLowerCase(java.util.Locale.ROOT));
    error.put("code", problem.status());
    return new String(JsonBodies.bytes(root), java.nio.charset.StandardCharsets.UTF_8);
  }
}
