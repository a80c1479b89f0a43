package dev.confidant.server.internal.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Runs around every routed request: assigns the trace id, decodes UTF-8 header values ({@link Utf8Headers}), turns
 * any failure into a JSON error, writes one access-log line and records the request metric. Thread-safe.
 *
 * <p>The access log (logger {@value #LOGGER}) holds method, path, status, duration, bytes and trace id only: never
 * the query, headers, body, mapping or principal, which may carry personal data or secrets. Paths hold only ids the
 * routes validate.
 */
final class AccessLogFilter implements Filter {
  static final String LOGGER = "dev.confidant.server.access";
  private static final System.Logger ACCESS = System.getLogger(LOGGER);

  private final ServerMetrics metrics;
  private final Utf8Headers utf8;

  AccessLogFilter(ServerMetrics metrics, Utf8Headers utf8) {
    this.metrics = metrics;
    this.utf8 = utf8;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    long start = System.nanoTime();
    Trace trace = ContextHeaders.traceId(req.headers()).map(Trace::new).orElseGet(Trace::fresh);
    req.context().register(trace);
    res.header(ContextHeaders.X_TRACE, trace.id());
    try {
      utf8.register(req);
      chain.proceed();
    } catch (RuntimeException | Error e) {
      // Handling errors here, not in Helidon's error handlers, lets the log line and metric see the final status.
      Errors.write(res, e);
    } finally {
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      int status = res.status().code();
      String method = req.prologue().method().text();
      String path = req.prologue().uriPath().path();
      metrics.request(method, routeLabel(path), status, took);
      if (ACCESS.isLoggable(Level.INFO)) {
        ACCESS.log(Level.INFO, method + " " + sanitize(path) + " " + status + " " + took.toMillis() + "ms "
            + res.bytesWritten() + "B trace=" + trace.id());
      }
    }
  }

  /** A bounded label for metrics: the route family, never the raw path (ids would explode cardinality). */
  static String routeLabel(String path) {
    String p = path.startsWith("/api-proxy") ? path.substring("/api-proxy".length()) : path;
    if (p.equals("/v1/chat/completions")) {
      return "chat";
    }
    if (p.equals("/v1/models")) {
      return "models";
    }
    if (p.endsWith("/health")) {
      return "health";
    }
    return p.startsWith("/v1/") ? "v1-other" : "other";
  }

  private static String sanitize(String path) {
    // Control characters would forge log lines; long paths would flood the log.
    String clean = path.replaceAll("[\\p{Cntrl}\\s]", "?");
    return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
  }
}
