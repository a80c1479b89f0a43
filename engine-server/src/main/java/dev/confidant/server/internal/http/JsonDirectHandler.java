package dev.confidant.server.internal.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Answers the errors Helidon raises before routing (malformed request line or headers, oversized entity, HTTP
 * version) with the JSON body of every other error ({@link ErrorBody}). Stateless and thread-safe.
 *
 * <p>Helidon's message is not used: it may quote the malformed request.
 *
 * <p>Helidon reports every failure of a connection before routing that it did not classify as an internal error
 * with status 500, and logs each such answer as a warning with a stack trace: an invalid method token ({@code GE(T}, a
 * non-ASCII byte), a connection closed or timed out in the middle of a request head. Failures of routed requests
 * never get here ({@code AccessLogFilter} answers them), so what is left is the client's malformed or truncated
 * request: it is answered 400, which Helidon does not log, and logged here in one line at {@code DEBUG}.
 */
final class JsonDirectHandler implements DirectHandler {
  private static final System.Logger LOG = System.getLogger(JsonDirectHandler.class.getName());

  private final long maxBodyBytes;

  private JsonDirectHandler(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Direct handlers for every event type; a 413 names the body limit, as the handlers' own 413 does. */
  static DirectHandlers all(long maxBodyBytes) {
    DirectHandlers.Builder builder = DirectHandlers.builder();
    JsonDirectHandler handler = new JsonDirectHandler(maxBodyBytes);
    for (EventType type : EventType.values()) {
      builder.addHandler(type, handler);
    }
    return builder.build();
  }

  @Override
  public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
      ServerResponseHeaders responseHeaders, String message) {
    Status status = defaultStatus;
    if (eventType == EventType.INTERNAL_ERROR || status.code() == 500) {
      LOG.log(System.Logger.Level.DEBUG, "malformed or truncated request before routing, answered 400");
      status = Status.BAD_REQUEST_400;
    }
    int code = status.code();
    return TransportResponse.builder()
        .status(status)
        .headers(responseHeaders)
        .header(HeaderNames.CONTENT_TYPE, "application/json")
        .entity(ErrorBody.of(code, code == 413 ? BodyReader.tooLargeMessage(maxBodyBytes) : Errors.reason(code)))
        .build();
  }
}
