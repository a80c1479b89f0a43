package dev.confidant.server.internal.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /health}: liveness without authentication, so load balancers and orchestrators can probe it. Says
 * nothing about models, spaces or configuration. Stateless and thread-safe.
 */
final class HealthHandler implements Handler {
  private static final byte[] UP = "{\"status\":\"ok\"}".getBytes(StandardCharsets.US_ASCII);

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(UP);
  }
}
