package dev.confidant.server.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * The SSE event for a failure after the stream started: {@code {"error":{"message","type","param","code"}}}, the
 * same {@code error} object as the JSON answer of the failure would hold ({@link ErrorBody}), so that SDKs raise it
 * as an API error. Stateless.
 */
final class StreamError {
  private StreamError() {}

  static String json(HttpProblem problem) {
    ObjectNode root = JsonBodies.MAPPER.createObjectNode();
    root.set("error", ErrorBody.errorOf(problem.body()));
    return new String(JsonBodies.bytes(root), StandardCharsets.UTF_8);
  }
}
