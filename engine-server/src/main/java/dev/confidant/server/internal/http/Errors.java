package dev.confidant.server.internal.http;

import dev.confidant.api.ChatEngineException;
import dev.confidant.api.ErrorType;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.LimitExceededException;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.ModelNotFoundException;
import dev.confidant.api.Violation;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.RequestException;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Map;

/**
 * Turns any failure into a JSON answer ({@link ErrorBody}: FastAPI's {@code detail} plus OpenAI's {@code error}),
 * never a stack trace or an HTML page. Stateless and thread-safe.
 */
final class Errors {
  private static final System.Logger LOG = System.getLogger(Errors.class.getName());

  private Errors() {}

  /** The status and JSON body for a failure. */
  static HttpProblem toProblem(Throwable t) {
    return toProblem(t, true);
  }

  /**
   * The status and JSON body for a failure.
   *
   * @param echoInputs whether a 422 may carry each violation's {@code input}; never when the request asked for
   *     pseudonymization: the offending value may be the very personal data the caller wants kept out of sight
   *     (logs of proxies, error trackers). {@code loc}, {@code msg} and {@code type} are always kept.
   */
  static HttpProblem toProblem(Throwable t, boolean echoInputs) {
    return switch (t) {
      case HttpProblem p -> p;
      case InvalidRequestException e -> validation((InvalidRequestException) WireLocations.inBody(e), echoInputs);
      case ChatEngineException e -> engineProblem(e);
      case RequestException e -> HttpProblem.of(e.status().code(), reason(e.status().code()));
      case HttpException e -> HttpProblem.of(e.status().code(), reason(e.status().code()));
      // Reading the body failed: the client sent a broken entity or went away.
      case java.io.UncheckedIOException e -> HttpProblem.of(400, "Bad Request");
      default -> {
        // Only the class: messages of unexpected exceptions may quote request content (personal data).
        LOG.log(Level.ERROR, "unexpected failure: " + t.getClass().getName() + " at " + firstFrame(t));
        yield HttpProblem.of(500, "Internal Server Error");
      }
    };
  }

  /**
   * FastAPI's 422. The libraries' locations are relative to what they were given (the knowledge base's
   * {@code ["collection_id"]}, {@code ["documents", 0]}); a handler that took such a value from a header or the path
   * has moved it there ({@link WireLocations#moved}), so what is still relative came in the body.
   */
  private static HttpProblem validation(InvalidRequestException e, boolean echoInputs) {
    return new HttpProblem(422, ErrorBody.validation(echoInputs ? e.violations()
        : e.violations().stream().map(v -> Violation.of(v.loc(), v.msg(), v.type())).toList()), Map.of());
  }

  /** Writes a failure, unless the response is already under way (then only the connection can be dropped). */
  static void write(ServerResponse res, Throwable t) {
    write(res, t, true);
  }

  /**
   * Writes a failure, unless the response is already under way (then only the connection can be dropped).
   *
   * @param echoInputs as for {@link #toProblem(Throwable, boolean)}
   */
  static void write(ServerResponse res, Throwable t, boolean echoInputs) {
    if (t instanceof ServerConnectionException) {
      // The client went away: nobody to answer, and nothing went wrong on our side.
      return;
    }
    HttpProblem problem = toProblem(t, echoInputs);
    if (res.isSent()) {
      return;
    }
    try {
      send(res, problem);
    } catch (IllegalStateException e) {
      // The handler already took the output stream (a stream that failed half-way): only dropping is left.
      LOG.log(Level.DEBUG, "cannot answer " + problem.status() + " after the response started");
    }
  }

  static void send(ServerResponse res, HttpProblem problem) {
    res.status(problem.status());
    problem.headers().forEach(res::header);
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(problem.body());
  }

  private static HttpProblem engineProblem(ChatEngineException e) {
    ErrorType type = e.type();
    if (e instanceof ModelInvocationException m && (m.upstreamStatus() == 401 || m.upstreamStatus() == 403
        || m.upstreamStatus() == 404)) {
      // The model server refused *us* (its key, its model name): a 401/403/404 here would tell the client that
      // its own token, space or path is wrong.
      return HttpProblem.of(502, "Model backend failed: " + e.getMessage(), "backend_error", null);
    }
    int status = type.httpStatus();
    String detail = switch (type) {
      // Client-facing messages say what happened and how to fix it, without inputs (ChatEngineException contract).
      case NOT_FOUND, PERMISSION_DENIED, RATE_LIMITED, AUTHENTICATION -> e.getMessage();
      case BACKEND_ERROR, BACKEND_UNAVAILABLE, TIMEOUT -> "Model backend failed: " + e.getMessage();
      // Starts with "model_output_invalid:" and lists the reply's problems, so that clients can tell it apart.
      case MODEL_OUTPUT_INVALID -> e.getMessage();
      case CANCELLED -> "Request cancelled";
      case STORAGE_ERROR -> {
        // Storage messages name a file or store, never stored values (StorageException contract): log them.
        LOG.log(Level.ERROR, "storage failure: " + e.getMessage());
        yield "Storage failed; the request was not carried out. An operator should check the server's storage";
      }
      default -> {
        LOG.log(Level.ERROR, "engine failure " + type + ": " + e.getClass().getName() + " at " + firstFrame(e));
        yield "Internal Server Error";
      }
    };
    if (type == ErrorType.AUTHENTICATION) {
      return HttpProblem.notAuthenticated();
    }
    Map<String, String> headers = Map.of();
    if (e instanceof LimitExceededException limit) {
      long seconds = Math.max(1, (limit.retryAfter().toMillis() + 999) / 1000);
      headers = Map.of("Retry-After", Long.toString(seconds));
    } else if (type == ErrorType.RATE_LIMITED) {
      headers = Map.of("Retry-After", "1");
    } else if (e instanceof ModelInvocationException m && m.upstreamStatus() == 429) {
      headers = Map.of("Retry-After", "1");
    }
    int answered = status == 499 ? 408 : status;
    String code = e instanceof ModelNotFoundException ? "model_not_found"
        : type == ErrorType.RATE_LIMITED ? "rate_limit_exceeded" : type.name().toLowerCase(Locale.ROOT);
    return new HttpProblem(answered, ErrorBody.of(answered, detail == null ? type.name() : detail, code,
        e instanceof ModelNotFoundException ? "model" : null), headers);
  }

  /** FastAPI's texts for the statuses Helidon raises itself. */
  static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 413 -> "Request Entity Too Large";
      case 414 -> "URI Too Long";
      case 415 -> "Unsupported Media Type";
      case 431 -> "Request Header Fields Too Large";
      case 505 -> "HTTP Version Not Supported";
      default -> status >= 500 ? "Internal Server Error" : "Bad Request";
    };
  }

  private static String firstFrame(Throwable t) {
    StackTraceElement[] trace = t.getStackTrace();
    return trace.length == 0 ? "?" : trace[0].toString();
  }
}
