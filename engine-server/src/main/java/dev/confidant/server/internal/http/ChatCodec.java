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
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

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

  /** A {@code chat.completion} in UTF-8, encoded once. */
  static byte[] writeResponse(ChatCompletionResponse response) {
    return ChatJson.writeResponseBytes(response);
  }

  /**
   * One server-sent event, {@code data: <chunk>\n\n}, with {@code "usage": null} on all but the usage chunk when the
   * client asked for usage; in UTF-8 and in one array (one write, one flush), the JSON encoded once, without a
   * {@code String} in between.
   */
  static byte[] chunkEvent(ChatCompletionChunk chunk, boolean includeUsage) {
    byte[] json = ChatJson.writeChunkBytes(chunk, includeUsage);
    byte[] event = new byte[DATA.length + json.length + 2];
    System.arraycopy(DATA, 0, event, 0, DATA.length);
    System.arraycopy(json, 0, event, DATA.length, json.length);
    event[event.length - 2] = '\n';
    event[event.length - 1] = '\n';
    return event;
  }

  static String writeChunk(ChatCompletionChunk chunk) {
    return ChatJson.writeChunk(chunk);
  }

  /** FastAPI's 422 body. */
  static byte[] writeValidationError(List<Violation> violations) {
    return ChatJson.writeValidationError(violations).getBytes(StandardCharsets.UTF_8);
  }
}
