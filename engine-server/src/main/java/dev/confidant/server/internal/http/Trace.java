package dev.confidant.server.internal.http;

import io.helidon.webserver.http.ServerRequest;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request's trace id: the caller's {@code X-Trace-Id} when well-formed, else a fresh one. Registered in the
 * request context by {@link AccessLogFilter} and echoed in the response. Immutable.
 *
 * @param id the trace id
 */
record Trace(String id) {

  /** A fresh 128-bit id in W3C trace-context format (32 hex digits). */
  static Trace fresh() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return new Trace(HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong()));
  }

  /** The trace id of a request (a fresh one if the filter did not run). */
  static String of(ServerRequest req) {
    return req.context().get(Trace.class).map(Trace::id).orElseGet(() -> fresh().id());
  }
}
