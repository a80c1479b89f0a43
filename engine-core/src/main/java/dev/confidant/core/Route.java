package dev.confidant.core;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.spi.StageContext;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the engine decided about a request before any stage ran: the caller is allowed in the space, and the model
 * id resolves to these models (the first, then the fallbacks the space may use), whose capabilities the request
 * fits. Stages read it from the call's {@link StageContext} with {@link #KEY}; the model call after the last stage
 * goes to these models, in this order. Immutable and thread-safe.
 *
 * {@snippet class=dev.confidant.core.CoreSnippets region=route}
 *
 * @param role the caller's role in the request's space, or {@code null} in a personal scope or under an open
 *     {@link AccessPolicy}
 * @param models the model the id resolved to, then its fallbacks; never empty
 * @param ownEndpoint whether the request goes to the caller's own model endpoint (only the first model is tried)
 */
public record Route(@Nullable SpaceRole role, List<ModelSpec> models, boolean ownEndpoint) {
  /** The stage-context key the engine sets before the first stage. */
  public static final StageContext.Key<Route> KEY = new StageContext.Key<>("core.route", Route.class);

  public Route {
    models = List.copyOf(requireNonNull(models, "models"));
    if (models.isEmpty()) {
      throw new IllegalArgumentException("a route needs at least one model");
    }
  }

  /** The model the request's id resolved to. */
  public ModelSpec model() {
    return models.get(0);
  }
}
