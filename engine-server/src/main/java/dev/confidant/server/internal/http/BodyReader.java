package dev.confidant.server.internal.http;

import io.helidon.http.RequestException;
import io.helidon.webserver.http.ServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.OptionalLong;

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
   *     the body timeout ({@link ConnectionGuard} closes the connection then)
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
    // Timed by the connection guard (absent on connections it does not track): a late body closes the connection.
    ConnectionGuard.BodyClock clock = req.context().get(ConnectionGuard.BodyClock.class).orElse(null);
    if (clock != null) {
      clock.start();
    }
    try {
      return readAll(req, maxBytes);
    } finally {
      if (clock != null) {
        clock.stop();
      }
    }
  }

  private static byte[] readAll(ServerRequest req, long maxBytes) {
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

  private static HttpProblem tooLarge(long maxBytes) {
    // The rest of an oversized body is not read just to keep the connection.
    return new HttpProblem(413, ErrorBody.of(413, tooLargeMessage(maxBytes)), CLOSE);
  }

  static String tooLargeMessage(long maxBytes) {
    return "Request body too large; the limit is " + maxBytes + " bytes";
  }
}
