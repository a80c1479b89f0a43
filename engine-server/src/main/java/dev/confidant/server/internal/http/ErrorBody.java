package dev.confidant.server.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confidant.api.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of every error answer, in two shapes at once: FastAPI's {@code detail} exactly as the platform's clients
 * read it ({@code {"detail":"Not authenticated"}}, {@code {"detail":[{"loc":...,"msg":...,"type":...}]}}), and
 * OpenAI's {@code error} object ({@code message}, {@code type}, {@code param}, {@code code}), which the official
 * SDKs read to build their exception messages. Stateless and thread-safe.
 *
 * <p>{@snippet lang=json :
 * {"detail": "Not Found",
 *  "error": {"message": "Not Found", "type": "not_found_error", "param": null, "code": "not_found"}}
 * }
 */
final class ErrorBody {
  private ErrorBody() {}

  /** A body whose {@code detail} is {@code message}, with the status's default {@code code}. */
  static byte[] of(int status, String message) {
    return of(status, message, null, null);
  }

  /**
   * A body whose {@code detail} is {@code message}.
   *
   * @param code OpenAI's machine-readable {@code code}, or {@code null} for the status's default
   * @param param the request parameter at fault, or {@code null}
   */
  static byte[] of(int status, String message, @Nullable String code, @Nullable String param) {
    ObjectNode root = JsonBodies.MAPPER.createObjectNode();
    root.put("detail", message);
    root.set("error", error(status, message, code != null ? code : defaultCode(status), param));
    return JsonBodies.bytes(root);
  }

  /**
   * A 422 body: FastAPI's violation list in {@code detail} (written by engine-core's codec, so it is the same
   * everywhere) and one message naming every violation in {@code error}.
   */
  static byte[] validation(List<Violation> violations) {
    ObjectNode root;
    try {
      root = (ObjectNode) JsonBodies.MAPPER.readTree(ChatCodec.writeValidationError(violations));
    } catch (IOException e) {
      throw new UncheckedIOException("engine-core's validation error is JSON", e);
    }
    StringBuilder message = new StringBuilder();
    for (Violation v : violations) {
      message.append(message.isEmpty() ? "" : "; ").append(v.path()).append(": ").append(v.msg());
    }
    Violation first = violations.isEmpty() ? null : violations.get(0);
    root.set("error", error(422, message.isEmpty() ? "Invalid request" : message.toString(),
        first == null ? defaultCode(422) : first.type(), first == null ? null : param(first)));
    return JsonBodies.bytes(root);
  }

  /** The {@code error} object of a body written by this class, for a stream that fails after its first chunk. */
  static ObjectNode errorOf(byte[] body) {
    try {
      if (JsonBodies.MAPPER.readTree(body).get("error") instanceof ObjectNode error) {
        return error;
      }
    } catch (IOException e) {
      // fall through: every body of this class has an error object
    }
    return error(500, "Internal Server Error", defaultCode(500), null);
  }

  /** OpenAI's error {@code type} for a status. */
  static String type(int status) {
    return switch (status) {
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 408, 504 -> "timeout_error";
      case 429 -> "rate_limit_error";
      default -> status >= 500 ? "server_error" : "invalid_request_error";
    };
  }

  private static ObjectNode error(int status, String message, String code, @Nullable String param) {
    ObjectNode error = JsonBodies.MAPPER.createObjectNode();
    error.put("message", message);
    error.put("type", type(status));
    error.put("param", param);
    error.put("code", code);
    return error;
  }

  private static String defaultCode(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "not_authenticated";
      case 403 -> "permission_denied";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 408 -> "request_timeout";
      case 413 -> "request_too_large";
      case 414 -> "uri_too_long";
      case 415 -> "unsupported_media_type";
      case 422 -> "invalid_request";
      case 429 -> "rate_limit_exceeded";
      case 431 -> "headers_too_large";
      case 502 -> "backend_error";
      case 503 -> "backend_unavailable";
      case 504 -> "timeout";
      default -> status >= 500 ? "internal_error" : "bad_request";
    };
  }

  /** OpenAI's {@code param}: a body field's path without {@code body}, or a header's or path parameter's name. */
  private static @Nullable String param(Violation v) {
    List<Object> loc = v.loc();
    if (loc.isEmpty()) {
      return null;
    }
    List<Object> rest = loc.size() > 1 && List.of("body", "header", "path", "query").contains(loc.get(0))
        ? loc.subList(1, loc.size()) : loc;
    return String.join(".", rest.stream().map(String::valueOf).toList());
  }
}
