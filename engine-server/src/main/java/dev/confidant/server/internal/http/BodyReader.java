package dev.confidant.server.internal.http;

import io.helidon.webserver.http.ServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.OptionalLong;

/** Reads a request body up to a limit; larger bodies are a 413. Stateless and thread-safe. */
final class BodyReader {
  private BodyReader() {}

  /**
   * The whole body.
   *
   * @throws HttpProblem 413 if it is larger than {@code maxBytes}
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
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = req.content().inputStream()) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        if (out.size() + (long) n > maxBytes) {
          throw tooLarge(maxBytes);
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the request body failed", e);
    }
    return out.toByteArray();
  }

  private static HttpProblem tooLarge(long maxBytes) {
    return HttpProblem.of(413, tooLargeMessage(maxBytes));
  }

  static String tooLargeMessage(long maxBytes) {
    return "Request body too large; the limit is " + maxBytes + " bytes";
  }
}
