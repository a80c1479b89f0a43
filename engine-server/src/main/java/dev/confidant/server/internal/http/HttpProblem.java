package dev.confidant.server.internal.http;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An error answer decided by a handler: status, JSON body and extra headers. Thrown from handlers and written by
 * the routing's error handler, so that no handler writes an error twice. Immutable.
 */
final class HttpProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final transient byte[] body;
  private final transient Map<String, String> headers;

  HttpProblem(int status, byte[] body, Map<String, String> headers) {
    // No message and no stack trace: a problem is an answer, not a bug, and its body may quote the request.
    super(null, null, false, false);
    this.status = status;
    this.body = requireNonNull(body, "body");
    this.headers = Map.copyOf(headers);
  }

  /** A problem with body {@code {"detail": detail, "error": {...}}} ({@link ErrorBody}). */
  static HttpProblem of(int status, String detail) {
    return new HttpProblem(status, ErrorBody.of(status, detail), Map.of());
  }

  /** A problem with OpenAI's {@code code} and {@code param} set in its {@code error} object. */
  static HttpProblem of(int status, String detail, String code, @Nullable String param) {
    return new HttpProblem(status, ErrorBody.of(status, detail, code, param), Map.of());
  }

  /** 401 with {@code WWW-Authenticate: Bearer}, as FastAPI's {@code HTTPBearer} answers. */
  static HttpProblem notAuthenticated() {
    return new HttpProblem(401, ErrorBody.of(401, "Not authenticated"), Map.of("WWW-Authenticate", "Bearer"));
  }

  int status() {
    return status;
  }

  byte[] body() {
    return body;
  }

  Map<String, String> headers() {
    return headers;
  }
}
