package dev.confidant.server.internal.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.time.Duration;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs around every routed request: assigns the trace id, decodes UTF-8 header values ({@link Utf8Headers}), turns
 * any failure into a JSON error, writes one access-log line and records the request metric. Thread-safe.
 *
 * <p>The access log (logger {@value #LOGGER}) holds method, route, status, duration, bytes and trace id only: never
 * the query, headers, body, mapping or principal, which may carry personal data or secrets. Nothing a client chose is
 * written verbatim: the method is one of the standard methods or {@code OTHER} ({@link #methodLabel}), and the path
 * is the route template it matched ({@code /v1/spaces/{space_id}/collections}) or {@code <unmatched>}
 * ({@link Routes#template}), so that a flood of invented methods or paths can neither forge log lines nor grow the
 * metrics' label set: {@code confidant.http.requests} has at most 10 methods times the routes' families and
 * statuses.
 *
 * <p>The line goes to {@code java.util.logging} directly, with its source class and method named
 * ({@link Logger#logp}): through {@code System.Logger} every line made the JDK's formatter find the caller by walking
 * the stack, about half of a line's cost.
 */
final class AccessLogFilter implements Filter {
  static final String LOGGER = "dev.confidant.server.access";
  private static final Logger ACCESS = Logger.getLogger(LOGGER);
  private static final Set<String> STANDARD_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT",
      "OPTIONS", "TRACE", "PATCH");

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
      Errors.write(res, e, mayEchoInputs(req));
    } finally {
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      int status = res.status().code();
      String method = methodLabel(req.prologue().method().text());
      String path = req.prologue().uriPath().path();
      metrics.request(method, routeLabel(path), status, took);
      if (ACCESS.isLoggable(Level.INFO)) {
        ACCESS.logp(Level.INFO, AccessLogFilter.class.getName(), "filter", method + " "
            + Routes.template(path).orElse("<unmatched>") + " " + status + " " + took.toMillis() + "ms "
            + res.bytesWritten() + "B trace=" + trace.id());
      }
    }
  }

  /**
   * Whether a 422 may echo the offending inputs: not when the request asked for pseudonymization (any value of
   * {@code X-Apply-Pii-Pseudonymization} but a clear false, so a malformed one counts), and never on
   * {@code /pii/detect}, whose whole body is text to be searched for personal data.
   */
  static boolean mayEchoInputs(ServerRequest req) {
    return !ContextHeaders.mayBeTrue(req.headers(), ContextHeaders.X_PII)
        && !req.prologue().uriPath().path().endsWith("/pii/detect");
  }

  /**
   * The method as a bounded label: one of HTTP's standard methods (RFC 9110, plus {@code PATCH}), else
   * {@code OTHER}. Any token is a valid method name, so the raw name would let clients grow the label set and write
   * into the log at will.
   */
  static String methodLabel(String method) {
    return STANDARD_METHODS.contains(method) ? method : "OTHER";
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

}
