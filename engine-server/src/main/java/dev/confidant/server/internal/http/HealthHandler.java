package dev.confidant.server.internal.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /health}: liveness without authentication, so load balancers and orchestrators can probe it. Says
 * nothing about models, spaces or configuration. Answers 503 {@code {"status":"overloaded"}} while the process is
 * close to its connection bound or file descriptor limit, so that a balancer stops sending traffic before
 * connections are refused. Thread-safe.
 */
final class HealthHandler implements Handler {
  private static final byte[] UP = "{\"status\":\"ok\"}".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OVERLOADED = "{\"status\":\"overloaded\"}".getBytes(StandardCharsets.US_ASCII);

  private final ConnectionGuard connections;

  HealthHandler(ConnectionGuard connections) {
    this.connections = connections;
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    if (connections.saturated()) {
      res.status(503);
      res.send(OVERLOADED);
    } else {
      res.send(UP);
    }
  }
}
