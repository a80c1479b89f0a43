package dev.confidant.server.internal.http;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.pii.PiiDetector;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.server.Authenticator;
import dev.confidant.server.ServerConfig;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds the server's routing: every endpoint under {@code /api-proxy/v1} and its {@code /v1} alias, JSON 405s for
 * known paths with another method, and a JSON 404 for everything else. Stateless.
 */
public final class Routes {
  private static final List<String> PREFIXES = List.of("/api-proxy/v1", "/v1");

  private Routes() {}

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
   * @param knowledge the knowledge base of the collection and file endpoints, opened on first use
   */
  public record Wiring(ChatCompletionEngine engine, ServerConfig config, Authenticator authenticator,
      MeterRegistry registry, List<ServerConfig.ModelEntry> models, long created, Supplier<PiiDetector> piiDetector,
      Supplier<KnowledgeBase> knowledge) {}

  /** The routing for this wiring. */
  public static HttpRouting.Builder routing(Wiring w) {
    ServerConfig config = w.config();
    ServerMetrics metrics = new ServerMetrics(w.registry());
    Guard guard = new Guard(w.authenticator(), config);
    ConcurrencyLimiter limiter = new ConcurrencyLimiter(config.limits());
    Handler chat = new ChatHandler(w.engine(), guard, limiter, metrics, config.limits(), w.knowledge());
    Handler modelList = new ModelsHandler(guard, w.models(), w.created());
    Handler health = new HealthHandler();
    Handler pii = new PiiDetectHandler(guard, w.piiDetector(), config.limits().maxBodyBytes());
    CollectionsHandlers collections = new CollectionsHandlers(guard, w.knowledge(), config.limits().maxBodyBytes());
    FilesHandlers files = new FilesHandlers(guard, w.knowledge(), config.limits().maxBodyBytes());

    HttpRouting.Builder routing = HttpRouting.builder().addFilter(new AccessLogFilter(metrics));
    route(routing, Method.GET, "/health", health);
    for (String prefix : PREFIXES) {
      route(routing, Method.POST, prefix + "/chat/completions", chat);
      route(routing, Method.GET, prefix + "/models", modelList);
      route(routing, Method.GET, prefix + "/health", health);
      route(routing, Method.POST, prefix + "/pii/detect", pii);
      route(routing, Method.POST, prefix + "/files", files::upload);
      route(routing, Method.POST, prefix + "/files/", files::upload);
      route(routing, Method.POST, prefix + "/files/search", files::search);
      route(routing, prefix + "/spaces/{space_id}/collections",
          Map.of(Method.GET, collections::list, Method.POST, collections::create));
      route(routing, prefix + "/spaces/{space_id}/collections/{collection_id}/documents",
          Map.of(Method.GET, collections::documents, Method.POST, collections::upload));
      route(routing, Method.GET, prefix + "/spaces/{space_id}/collections/{collection_id}/documents/{source_id}",
          collections::document);
    }
    routing.any((req, res) -> {
      throw HttpProblem.of(404, "Not Found");
    });
    // A backstop only: AccessLogFilter already answers failures of routed requests.
    routing.error(Throwable.class, (req, res, t) -> Errors.write(res, t));
    return routing;
  }

  /** Helidon's own error answers (malformed requests, oversized entities) as JSON. */
  public static io.helidon.webserver.http.DirectHandlers directHandlers(long maxBodyBytes) {
    return JsonDirectHandler.all(maxBodyBytes);
  }

  private static void route(HttpRouting.Builder routing, Method method, String path, Handler handler) {
    route(routing, path, Map.of(method, handler));
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
