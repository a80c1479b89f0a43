package dev.confidant.server.internal.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /playground}: one static HTML page (plain HTML and JavaScript, no build step) that talks to the API
 * with the token the user types, which it keeps in memory only. Served without authentication, since it holds no
 * data; answered 404 like an unknown path when the configuration turns it off ({@code observability.playground},
 * on in development mode). A strict Content-Security-Policy keeps the page to its own inline script and the
 * server's own API. Thread-safe.
 */
final class PlaygroundHandler implements Handler {
  private static final String PAGE = "playground.html";
  private static final String CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
      + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final boolean enabled;
  private final byte[] page;

  PlaygroundHandler(boolean enabled) {
    this.enabled = enabled;
    this.page = enabled ? load() : new byte[0];
  }

  private static byte[] load() {
    try (InputStream in = PlaygroundHandler.class.getResourceAsStream(PAGE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + PAGE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    if (!enabled) {
      throw HttpProblem.of(404, "Not Found");
    }
    res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    res.header("Content-Security-Policy", CSP);
    res.header("X-Content-Type-Options", "nosniff");
    res.header("Referrer-Policy", "no-referrer");
    res.send(page);
  }
}
