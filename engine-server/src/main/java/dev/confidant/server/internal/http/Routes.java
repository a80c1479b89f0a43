package dev.confidant.server.internal.http;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.pii.PiiDetector;
import dev.confidant.pii.spi.MappingVault;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.server.Authenticator;
import dev.confidant.server.ServerConfig;
import dev.confidant.server.UsageCounters;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import dev.confidant.server.internal.pii.PiiAuditTrail;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Builds the server's routing: every endpoint under {@code /api-proxy/v1} and its {@code /v1} alias, the health check,
 * the OpenAPI document ({@code /openapi.json}), the Prometheus metrics ({@code /metrics}), the playground page
 * ({@code /playground}), JSON 405s for known paths with another method, and a JSON 404 for
 * everything else. Stateless.
 */
public final class Routes {
  private static final List<String> PREFIXES = List.of("/api-proxy/v1", "/v1");

  /**
   * Every route: path template to methods. Paths under {@code /v1} are also served under {@code /api-proxy/v1};
   * the others are served as they are. {@link #routing} checks that it registers exactly these, and
   * {@code OpenApiTest} that {@code /openapi.json} documents exactly these.
   */
  static final Map<String, Set<String>> TABLE = table(
      "GET /health", "GET /openapi.json", "GET /metrics", "GET /playground",
      "POST /v1/chat/completions", "GET /v1/models", "GET /v1/health", "POST /v1/pii/detect",
      "POST /v1/files", "POST /v1/files/", "POST /v1/files/search",
      "GET /v1/spaces/{space_id}/collections", "POST /v1/spaces/{space_id}/collections",
      "GET /v1/spaces/{space_id}/collections/{collection_id}/documents",
      "POST /v1/spaces/{space_id}/collections/{collection_id}/documents",
      "GET /v1/spaces/{space_id}/collections/{collection_id}/documents/{source_id}",
      "DELETE /v1/pii/threads/{thread_id}", "DELETE /v1/pii/threads/{thread_id}/placeholders/{placeholder}",
      "DELETE /v1/spaces/{space_id}/pii/threads");

  /** Every served path as it is matched (the {@code /v1} routes under both prefixes), split at {@code /}. */
  private static final List<String[]> SERVED = TABLE.keySet().stream()
      .flatMap(path -> path.startsWith("/v1/")
          ? PREFIXES.stream().map(prefix -> prefix + path.substring("/v1".length()))
          : java.util.stream.Stream.of(path))
      .map(path -> path.split("/", -1))
      .toList();

  private Routes() {}

  /**
   * The route template a path matches, such as {@code /api-proxy/v1/spaces/{space_id}/collections}: what the access
   * log writes instead of the path, whose segments a client chose. Empty for a path no route serves.
   */
  static Optional<String> template(String path) {
    String[] segments = path.split("/", -1);
    for (String[] served : SERVED) {
      if (matches(served, segments)) {
        return Optional.of(String.join("/", served));
      }
    }
    return Optional.empty();
  }

  private static boolean matches(String[] template, String[] segments) {
    if (template.length != segments.length) {
      return false;
    }
    for (int i = 0; i < template.length; i++) {
      boolean parameter = template[i].startsWith("{");
      if (parameter ? segments[i].isEmpty() : !template[i].equals(segments[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * What the routes serve.
   *
   * @param engine the chat engine
   * @param config the server configuration
   * @param authenticator turns bearer tokens into principals
   * @param registry where meters go
   * @param models the models {@code GET /v1/models} lists
   * @param created the {@code created} time of the models, Unix seconds
   * @param piiDetector the detector of {@code /v1/pii/detect}, created on first use
   * @param vault the PII vault the chat pipeline and the detector use, for the vault's delete endpoints
   * @param knowledge the knowledge base of the collection and file endpoints, opened on first use
   * @param utf8 the raw header lines of the server's connections (the selector of {@link Utf8Headers})
   * @param prometheus the registry {@code GET /metrics} shows
   * @param audits the PII audit trail the engine reports to, or {@code null} for an engine built elsewhere
   * @param counters the counters of the configuration's budgets
   * @param clock the clock of the budgets' windows
   */
  public record Wiring(ChatCompletionEngine engine, ServerConfig config, Authenticator authenticator,
      MeterRegistry registry, List<ServerConfig.ModelEntry> models, long created, Supplier<PiiDetector> piiDetector,
      MappingVault vault, Supplier<KnowledgeBase> knowledge, Utf8Headers utf8, ConnectionGuard connections,
      PrometheusMeterRegistry prometheus, @Nullable PiiAuditTrail audits, UsageCounters counters, Clock clock) {}

  /** The routing for this wiring. */
  public static HttpRouting.Builder routing(Wiring w) {
    ServerConfig config = w.config();
    ServerMetrics metrics = new ServerMetrics(w.registry());
    Guard guard = new Guard(w.authenticator(), config);
    ConcurrencyLimiter limiter = new ConcurrencyLimiter(config.limits());
    BudgetGuard budgets = new BudgetGuard(config.budgets(), w.counters(), w.clock());
    Handler chat = new ChatHandler(w.engine(), guard, limiter, metrics, config.limits(), w.knowledge(), w.audits(),
        budgets);
    Handler modelList = new ModelsHandler(guard, w.models(), w.created());
    Handler health = new HealthHandler(w.connections());
    Handler pii = new PiiDetectHandler(guard, w.piiDetector(), config.limits().maxBodyBytes());
    CollectionsHandlers collections = new CollectionsHandlers(guard, w.knowledge(), config.limits().maxBodyBytes());
    FilesHandlers files = new FilesHandlers(guard, w.knowledge(), config.limits().maxBodyBytes());
    VaultHandlers vault = new VaultHandlers(guard, w.vault());

    Handler openApi = new OpenApiHandler();

    Map<String, Map<Method, Handler>> handlers = new LinkedHashMap<>();
    handlers.put("/health", Map.of(Method.GET, health));
    handlers.put("/openapi.json", Map.of(Method.GET, openApi));
    handlers.put("/metrics", Map.of(Method.GET, new MetricsHandler(guard, w.prometheus())));
    handlers.put("/playground", Map.of(Method.GET, new PlaygroundHandler(config.observability().playground())));
    handlers.put("/v1/chat/completions", Map.of(Method.POST, chat));
    handlers.put("/v1/models", Map.of(Method.GET, modelList));
    handlers.put("/v1/health", Map.of(Method.GET, health));
    handlers.put("/v1/pii/detect", Map.of(Method.POST, pii));
    handlers.put("/v1/files", Map.of(Method.POST, files::upload));
    handlers.put("/v1/files/", Map.of(Method.POST, files::upload));
    handlers.put("/v1/files/search", Map.of(Method.POST, files::search));
    handlers.put("/v1/spaces/{space_id}/collections", Map.of(Method.GET, collections::list,
        Method.POST, collections::create));
    handlers.put("/v1/spaces/{space_id}/collections/{collection_id}/documents", Map.of(
        Method.GET, collections::documents, Method.POST, collections::upload));
    handlers.put("/v1/spaces/{space_id}/collections/{collection_id}/documents/{source_id}",
        Map.of(Method.GET, collections::document));
    handlers.put("/v1/pii/threads/{thread_id}", Map.of(Method.DELETE, vault::deleteThread));
    handlers.put("/v1/pii/threads/{thread_id}/placeholders/{placeholder}",
        Map.of(Method.DELETE, vault::deletePlaceholder));
    handlers.put("/v1/spaces/{space_id}/pii/threads", Map.of(Method.DELETE, vault::deleteSpace));
    Map<String, Set<String>> registered = new TreeMap<>();
    handlers.forEach((path, methods) -> registered.put(path,
        new TreeSet<>(methods.keySet().stream().map(Method::text).toList())));
    if (!registered.equals(TABLE)) {
      throw new IllegalStateException("Routes.TABLE (what /openapi.json is checked against) differs from the "
          + "routes: " + registered + " vs " + TABLE);
    }

    HttpRouting.Builder routing = HttpRouting.builder()
        .addFilter(w.connections().filter())
        .addFilter(new AccessLogFilter(metrics, w.utf8()));
    RateLimiter rates = new RateLimiter(config.limits().rate());
    if (rates.enabled()) {
      routing.addFilter(rates); // after the access log, which answers and records its 429s
    }
    handlers.forEach((path, methods) -> {
      if (path.startsWith("/v1/")) {
        for (String prefix : PREFIXES) {
          route(routing, prefix + path.substring("/v1".length()), methods);
        }
      } else {
        route(routing, path, methods);
      }
    });
    routing.any((req, res) -> {
      throw HttpProblem.of(404, "Not Found");
    });
    // Helidon hands a handler's exception to this error handler before it reaches the filters.
    routing.error(Throwable.class, (req, res, t) -> Errors.write(res, t, AccessLogFilter.mayEchoInputs(req)));
    return routing;
  }

  /** Helidon's own error answers (malformed requests, oversized entities) as JSON. */
  public static io.helidon.webserver.http.DirectHandlers directHandlers(long maxBodyBytes) {
    return JsonDirectHandler.all(maxBodyBytes);
  }

  private static Map<String, Set<String>> table(String... routes) {
    Map<String, Set<String>> table = new TreeMap<>();
    for (String route : routes) {
      String[] methodAndPath = route.split(" ");
      table.computeIfAbsent(methodAndPath[1], p -> new TreeSet<>()).add(methodAndPath[0]);
    }
    table.replaceAll((path, methods) -> Collections.unmodifiableSet(methods));
    return Collections.unmodifiableMap(table);
  }

  /** Routes each method of a path, then answers any other method with a JSON 405 naming the allowed ones. */
  private static void route(HttpRouting.Builder routing, String path, Map<Method, Handler> handlers) {
    handlers.forEach((method, handler) -> routing.route(method, path, handler));
    String allow = String.join(", ", handlers.keySet().stream().map(Method::text).sorted().toList());
    routing.any(path, (req, res) -> {
      throw new HttpProblem(405, ErrorBody.of(405, "Method Not Allowed"), Map.of("Allow", allow));
    });
  }
}
