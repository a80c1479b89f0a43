package dev.confidant.server.internal.http;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.Violation;
import dev.confidant.core.json.ChatJson;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Chat Completions wire format, delegated to engine-core's {@link ChatJson} so that the server, the CLI and
 * embedders parse bodies identically; the engine's validation stage checks the rules. Stateless and thread-safe.
 */
final class ChatCodec {
  private ChatCodec() {}

  /**
   * Parses a request body; see {@link ChatJson#readRequest(byte[])}.
   *
   * @throws InvalidRequestException if it does not bind, listing every problem, with {@code loc} starting at
   *     {@code "body"}
   */
  static ChatCompletionRequest readRequest(byte[] body) {
    try {
      return ChatJson.readRequest(body);
    } catch (InvalidRequestException e) {
      throw WireLocations.inBody(e); // ChatJson's locations are relative to the request
    }
  }

  static byte[] writeResponse(ChatCompletionResponse response) {
    return ChatJson.writeResponse(response).getBytes(StandardCharsets.UTF_8);
  }

  static String writeChunk(ChatCompletionChunk chunk) {
    return ChatJson.writeChunk(chunk);
  }

  /** A chunk of a stream; {@code "usage": null} on all but the usage chunk when the client asked for usage. */
  static String writeChunk(ChatCompletionChunk chunk, boolean includeUsage) {
    return ChatJson.writeChunk(chunk, includeUsage);
  }

  /** FastAPI's 422 body. */
  static byte[] writeValidationError(List<Violation> violations) {
    return ChatJson.writeValidationError(violations).getBytes(StandardCharsets.UTF_8);
  }
}
