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
 */
final class JsonDirectHandler implements DirectHandler {

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
    int code = defaultStatus.code();
    return TransportResponse.builder()
        .status(defaultStatus)
        .headers(responseHeaders)
        .header(HeaderNames.CONTENT_TYPE, "application/json")
        .entity(ErrorBody.of(code, code == 413 ? BodyReader.tooLargeMessage(maxBodyBytes) : Errors.reason(code)))
        .build();
  }
}
