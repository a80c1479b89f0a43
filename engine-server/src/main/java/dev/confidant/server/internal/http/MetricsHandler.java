package dev.confidant.server.internal.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: the server's meters ({@link ServerMetrics}) in the Prometheus text format (version 0.0.4),
 * for any valid bearer token (a scraper's {@code authorization} setting), since request counts per route say how the
 * server is used. The meters' tags are bounded and hold no ids or caller input. Thread-safe.
 */
final class MetricsHandler implements Handler {
  private final Guard guard;
  private final PrometheusMeterRegistry registry;

  MetricsHandler(Guard guard, PrometheusMeterRegistry registry) {
    this.guard = guard;
    this.registry = registry;
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    guard.authenticate(req.headers());
    res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
    res.send(registry.scrape().getBytes(StandardCharsets.UTF_8));
  }
}
