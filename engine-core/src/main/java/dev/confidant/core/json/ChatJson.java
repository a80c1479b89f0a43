package dev.confidant.core.json;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.RawJson;
import dev.confidant.api.Violation;
import dev.confidant.core.internal.validation.RequestValidator;
import java.util.List;

/**
 * Reads and writes the Chat Completions wire format: requests as clients send them, {@code chat.completion}
 * and {@code chat.completion.chunk} exactly as OpenAI writes them, and FastAPI's 422 body.
 *
 * <p>Reading a request checks its shape (types, required fields, known values), and the engine's validation stage
 * checks its rules (ranges, tool-call pairing, names): each rule is checked in one place, once. Only a body that
 * does not bind, which no engine will see, is also checked against the rules here, so that every problem is reported
 * at once, in pydantic v2 shape with locations relative to the request ({@code ["messages", 0, "role"]}); an HTTP
 * adapter puts them where it took the request from (FastAPI: under the HTTP body), and
 * {@link #asSent} shows the engine's violations with the values the client sent:
 * {@snippet class=dev.confidant.core.json.JsonSnippets region=read-request}
 *
 * <p>Conventions:
 * <ul>
 *   <li>Unknown fields are never an error (OpenAI adds fields all the time): unknown top-level request fields
 *       ({@code service_tier}, {@code metadata}, a provider's own) are kept verbatim in
 *       {@link ChatCompletionRequest#extraFields()} and written back by {@link #writeRequest}, unknown fields
 *       elsewhere are ignored; a known field in the wrong place, such as {@code tool_calls} on a user message, is
 *       {@code extra_forbidden}.
 *   <li>A {@code null} field is an absent field unless the field is required.
 *   <li>Types are strict: no strings or booleans for numbers; integers are accepted where numbers are
 *       expected, and {@code 2.0} where integers are.
 *   <li>{@link RawJson} values (tool parameters, logprobs, usage details, other content parts) are written as
 *       the JSON they hold.
 *   <li>The writers leave unset fields out, except those OpenAI always writes, e.g. {@code "refusal":null} and
 *       {@code "logprobs":null}.
 * </ul>
 *
 * <p>Thread-safe and stateless: all methods are static.
 */
public final class ChatJson {
  private static final RequestReader REQUESTS = new RequestReader(new RequestValidator());

  private ChatJson() {}

  /**
   * Reads a request body. A body that binds is returned without checking the engine's rules, which the
   * {@code validation} stage checks; a body that does not bind is checked against them too, so that the exception
   * lists every problem.
   *
   * @param json the body, UTF-8
   * @return the request
   * @throws InvalidRequestException if the body does not bind, listing every binding violation and every violated
   *     rule of what did bind; a body that is not JSON gives one {@code json_invalid} violation at
   *     {@code [<character offset>]}
   */
  public static ChatCompletionRequest readRequest(byte[] json) {
    String text;
    try {
      text = JsonSupport.decode(json);
    } catch (JsonSupport.MalformedJson e) {
      throw RequestReader.jsonInvalid(e.position());
    }
    return REQUESTS.read(text);
  }

  /**
   * Reads a request body. A body that binds is returned without checking the engine's rules, which the
   * {@code validation} stage checks; a body that does not bind is checked against them too, so that the exception
   * lists every problem.
   *
   * @param json the body
   * @return the request
   * @throws InvalidRequestException if the body does not bind, listing every binding violation and every violated
   *     rule of what did bind; a body that is not JSON gives one {@code json_invalid} violation at
   *     {@code [<character offset>]}
   */
  public static ChatCompletionRequest readRequest(String json) {
    return REQUESTS.read(json);
  }

  /**
   * The engine's violations of a request read from {@code json} by {@link #readRequest(byte[])}, each {@code input}
   * taken from the body where its location resolves there, so that it shows what the client sent ({@code 3}, where
   * the record holds {@code 3.0}), as the violations of a body that does not bind do; sorted by request field.
   *
   * @param failure what the engine threw for that request
   * @param json the body the request was read from, UTF-8
   * @return the failure with inputs as sent, or {@code failure} itself if the body is not JSON
   */
  public static InvalidRequestException asSent(InvalidRequestException failure, byte[] json) {
    try {
      return RequestReader.asSent(failure, JsonSupport.decode(json));
    } catch (JsonSupport.MalformedJson e) {
      return failure;
    }
  }

  /**
   * Writes a request as a client sends it (for remote backends and clients); unset fields are left out.
   *
   * @throws IllegalArgumentException if a {@link RawJson} in the request is not valid JSON
   */
  public static String writeRequest(ChatCompletionRequest request) {
    return JsonSupport.write(RequestWriter.write(request));
  }

  /**
   * Writes a request as {@link #writeRequest(ChatCompletionRequest)} does, in UTF-8: the bytes a client sends, without
   * the copy and the encoding of a {@code String} in between.
   *
   * @throws IllegalArgumentException if a {@link RawJson} in the request is not valid JSON
   */
  public static byte[] writeRequestBytes(ChatCompletionRequest request) {
    return JsonSupport.writeBytes(RequestWriter.write(request));
  }

  /**
   * Reads a {@code chat.completion}.
   *
   * @throws IllegalArgumentException if the text is not JSON or not a well-formed {@code chat.completion};
   *     the message lists every problem
   */
  public static ChatCompletionResponse readResponse(String json) {
    return ResponseReader.response(json);
  }

  /**
   * Reads a {@code chat.completion} from UTF-8 bytes.
   *
   * @throws IllegalArgumentException if the bytes are not UTF-8 JSON or not a well-formed {@code chat.completion}
   */
  public static ChatCompletionResponse readResponse(byte[] json) {
    return ResponseReader.response(decode(json));
  }

  /**
   * Writes a {@code chat.completion} as OpenAI does.
   *
   * @throws IllegalArgumentException if a {@link RawJson} in the response is not valid JSON
   */
  public static String writeResponse(ChatCompletionResponse response) {
    return JsonSupport.write(ResponseWriter.response(response));
  }

  /**
   * Writes a {@code chat.completion} as {@link #writeResponse(ChatCompletionResponse)} does, in UTF-8: the bytes a
   * server sends, without the copy and the encoding of a {@code String} in between.
   *
   * @throws IllegalArgumentException if a {@link RawJson} in the response is not valid JSON
   */
  public static byte[] writeResponseBytes(ChatCompletionResponse response) {
    return JsonSupport.writeBytes(ResponseWriter.response(response));
  }

  /**
   * Reads one {@code chat.completion.chunk} (the JSON after {@code data: } in a server-sent event).
   *
   * @throws IllegalArgumentException if the text is not JSON or not a well-formed chunk
   */
  public static ChatCompletionChunk readChunk(String json) {
    return ResponseReader.chunk(json);
  }

  /**
   * Reads one {@code chat.completion.chunk} from UTF-8 bytes.
   *
   * @throws IllegalArgumentException if the bytes are not UTF-8 JSON or not a well-formed chunk
   */
  public static ChatCompletionChunk readChunk(byte[] json) {
    return ResponseReader.chunk(decode(json));
  }

  /**
   * Writes one {@code chat.completion.chunk} as OpenAI does: a delta holds only what the chunk adds, and
   * {@code logprobs} and {@code finish_reason} are always present.
   *
   * @throws IllegalArgumentException if a {@link RawJson} in the chunk is not valid JSON
   */
  public static String writeChunk(ChatCompletionChunk chunk) {
    return JsonSupport.write(ResponseWriter.chunk(chunk));
  }

  /**
   * Writes one chunk of a stream; in a stream with {@code stream_options.include_usage} every chunk but the usage
   * chunk carries {@code "usage": null}, as OpenAI's chunks do.
   *
   * @param includeUsage whether the request set {@code stream_options.include_usage}
   * @throws IllegalArgumentException if a {@link RawJson} in the chunk is not valid JSON
   */
  public static String writeChunk(ChatCompletionChunk chunk, boolean includeUsage) {
    return JsonSupport.write(ResponseWriter.chunk(chunk, includeUsage));
  }

  /**
   * Writes one chunk of a stream as {@link #writeChunk(ChatCompletionChunk, boolean)} does, in UTF-8 bytes.
   *
   * @throws IllegalArgumentException if a {@link RawJson} in the chunk is not valid JSON
   */
  public static byte[] writeChunkBytes(ChatCompletionChunk chunk, boolean includeUsage) {
    return JsonSupport.writeBytes(ResponseWriter.chunk(chunk, includeUsage));
  }

  /**
   * Writes FastAPI's 422 body, {@code {"detail":[{"loc":[...],"msg":...,"type":...,"input":...}]}}; {@code input}
   * is left out where the violation has none.
   *
   * @throws IllegalArgumentException if a violation's input is not valid JSON
   */
  public static String writeValidationError(List<Violation> violations) {
    return JsonSupport.write(ResponseWriter.validationError(violations));
  }

  private static String decode(byte[] json) {
    try {
      return JsonSupport.decode(json);
    } catch (JsonSupport.MalformedJson e) {
      throw new IllegalArgumentException("invalid UTF-8 at character " + e.position(), e);
    }
  }
}
