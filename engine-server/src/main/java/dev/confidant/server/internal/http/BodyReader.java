package dev.confidant.server.internal.http;

import io.helidon.http.RequestException;
import io.helidon.webserver.http.ServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request body up to a limit; larger bodies are a 413, truncated or badly framed ones a 400. Stateless and
 * thread-safe.
 */
final class BodyReader {
  private static final Map<String, String> CLOSE = Map.of("Connection", "close");

  private BodyReader() {}

  /**
   * The whole body.
   *
   * @throws HttpProblem 413 if it is larger than {@code maxBytes}, 400 if it ends before its declared length or its
   *     chunked framing is broken (both answered with {@code Connection: close}), or if it does not arrive within
   *     the body timeout ({@link ConnectionGuard} closes the connection then); 503 with {@code Retry-After} if it
   *     would pass the bound on body bytes in flight
   */
  static byte[] read(ServerRequest req, long maxBytes) {
    OptionalLong declared = req.headers().contentLength();
    if (declared.isPresent() && declared.getAsLong() > maxBytes) {
      // Refuse before reading: a declared length is enough to know, and saves reading what will be thrown away.
      throw tooLarge(maxBytes);
    }
    if (!req.content().hasEntity()) {
      return new byte[0];
    }
    // Timed and counted by the connection guard (absent on connections it does not track): a late body closes the
    // connection, and one that would pass the bound on body bytes in flight is refused.
    ConnectionGuard.@Nullable RequestBody body = req.context().get(ConnectionGuard.RequestBody.class).orElse(null);
    if (body == null) {
      return readAll(req, maxBytes, null);
    }
    if (declared.isPresent() && !body.reserve(declared.getAsLong())) {
      throw busy();
    }
    body.start();
    try {
      return readAll(req, maxBytes, declared.isPresent() ? null : body);
    } finally {
      body.stop();
    }
  }

  /** Reads the body; counts what it reads against {@code counted}'s bound unless that is {@code null}. */
  private static byte[] readAll(ServerRequest req, long maxBytes, ConnectionGuard.@Nullable RequestBody counted) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    // Not closed on failure: closing drains what is left of the body, and after broken framing that means waiting
    // for bytes that never come. Failures answer "Connection: close" instead, so nobody reads the rest.
    InputStream in = req.content().inputStream();
    try {
      int n;
      while ((n = in.read(buffer)) != -1) {
        if (out.size() + (long) n > maxBytes) {
          throw tooLarge(maxBytes);
        }
        if (counted != null && !counted.reserve(n)) {
          throw busy();
        }
        out.write(buffer, 0, n);
      }
      in.close();
    } catch (HttpProblem | RequestException e) {
      throw e; // our 413, or Helidon's for a chunked body beyond the payload limit
    } catch (IOException | RuntimeException e) {
      // A body that ends before its declared length, broken chunked framing, a connection reset: the client's
      // request is malformed (or gone), which is no failure of the server and deserves no stack trace.
      throw malformed();
    }
    return out.toByteArray();
  }

  private static HttpProblem malformed() {
    return new HttpProblem(400, ErrorBody.of(400, "Malformed request body: it ended before its declared length or "
        + "its chunked framing is invalid", "malformed_body", null), CLOSE);
  }

  private static HttpProblem busy() {
    // The body is not read: the connection closes, so that its unread rest does not have to be drained.
    return new HttpProblem(503, ErrorBody.of(503, "The server holds too many request bodies at once; retry shortly",
        "server_busy", null), Map.of("Connection", "close", "Retry-After", "1"));
  }

  private static HttpProblem tooLarge(long maxBytes) {
    // The rest of an oversized body is not read just to keep the connection.
    return new HttpProblem(413, ErrorBody.of(413, tooLargeMessage(maxBytes)), CLOSE);
  }

  static String tooLargeMessage(long maxBytes) {
    return "Request body too large; the limit is " + maxBytes + " bytes";
  }
}
