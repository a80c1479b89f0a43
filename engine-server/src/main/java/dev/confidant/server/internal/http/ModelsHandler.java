package dev.confidant.server.internal.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confidant.core.ModelCapability;
import dev.confidant.core.ModelSpec;
import dev.confidant.core.AccessPolicy;
import dev.confidant.server.Principal;
import dev.confidant.server.ServerConfig;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /v1/models}: a superset that both OpenAI SDKs ({@code object: "list"}, items with {@code object:
 * "model"}, {@code created}, {@code owned_by}) and the platform's clients ({@code display_name},
 * {@code provider_slug}, {@code context_window}, {@code capabilities}, {@code is_active}, {@code meta}) parse.
 * Lists the models the request's space (its header, else the default space) may use: a model restricted to other
 * spaces is not shown. Immutable and thread-safe.
 */
final class ModelsHandler implements Handler {
  /** What every backend does; listed for models whose capabilities are undeclared. */
  private static final List<String> UNDECLARED = List.of("chat", "streaming");

  private final Guard guard;
  private final List<ServerConfig.ModelEntry> models;
  private final long created;

  ModelsHandler(Guard guard, List<ServerConfig.ModelEntry> models, long created) {
    this.guard = guard;
    this.models = List.copyOf(models);
    this.created = created;
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    Principal principal = guard.authenticate(req.headers());
    // The caller's space decides which restricted models are visible. A space the caller names must be one of
    // theirs; without a header, the default space counts only if the caller is a member of it.
    boolean named = req.headers().contains(ContextHeaders.X_SPACE)
        || req.headers().contains(ContextHeaders.X_SPACE_ALIAS);
    String space = named ? guard.space(req.headers(), null, principal, AccessPolicy.Operation.CHAT).orElse(null)
        : guard.defaultSpaceOf(principal).orElse(null);
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(body(space));
  }

  private byte[] body(@Nullable String space) {
    ObjectNode root = JsonBodies.MAPPER.createObjectNode();
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    List<ServerConfig.ModelEntry> visible = models.stream().filter(m -> guard.policy().allowsModel(space, m.spec())).toList();
    for (ServerConfig.ModelEntry m : visible) {
      ModelSpec spec = m.spec();
      ObjectNode item = data.addObject();
      item.put("id", spec.id());
      item.put("object", "model");
      item.put("created", created);
      item.put("owned_by", m.ownedBy());
      item.put("display_name", spec.displayName());
      item.put("provider_slug", spec.providerSlug());
      if (spec.contextWindow() != null) {
        item.put("context_window", spec.contextWindow());
      } else {
        item.putNull("context_window");
      }
      ArrayNode caps = item.putArray("capabilities");
      List<String> names = spec.capabilities().isEmpty() ? UNDECLARED
          : spec.capabilities().stream().sorted().map(ModelCapability::wireName).toList();
      names.forEach(caps::add);
      item.put("is_active", spec.active());
    }
    ObjectNode meta = root.putObject("meta");
    meta.put("total", visible.size());
    meta.put("active", visible.stream().filter(m -> m.spec().active()).count());
    return JsonBodies.bytes(root);
  }
}
