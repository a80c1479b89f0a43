package dev.confidant.core;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.ModelApiEndpoint;
import dev.confidant.api.spi.StageContext;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A per-request endpoint for the {@code openai} backend, as a stage sets it: what the REST API's
 * {@code X-Model-Api-Base-Url} and {@code X-Model-Api-Key} carry. A caller sets its endpoint with
 * {@link dev.confidant.api.RequestContext#withModelEndpoint} ({@link dev.confidant.api.ModelApiEndpoint}); a stage
 * that has checked that the caller's space allows its own endpoint may set or replace it with {@link #KEY} in the
 * call's {@link StageContext}, which wins. {@link #of(StageContext)} is the one place that resolves the two. While
 * an endpoint is in effect, the request goes only to it (no fallback, no circuit breaker of the configured server).
 * Immutable and thread-safe; {@link #toString()} never shows the key.
 *
 * {@snippet :
 * PipelineStage endpoints = chain -> {
 *   if (spaceAllowsOwnEndpoint(chain.context().request().spaceId())) {
 *     chain.context().put(ModelEndpoint.KEY, new ModelEndpoint(baseUrl, apiKey));
 *   }
 *   return chain.proceed(chain.request());
 * };
 * }
 *
 * @param baseUrl an {@code http} or {@code https} base URL up to and including {@code /v1}
 * @param apiKey the bearer key, or {@code null} to send none
 */
public record ModelEndpoint(String baseUrl, @Nullable String apiKey) {
  /** The stage-context key the {@code openai} backend reads. */
  public static final StageContext.Key<ModelEndpoint> KEY = new StageContext.Key<>("model-endpoint",
      ModelEndpoint.class);

  public ModelEndpoint {
    requireNonNull(baseUrl, "baseUrl");
    if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
      throw new IllegalArgumentException("model endpoint base URL must be http(s): " + baseUrl);
    }
  }

  /**
   * The endpoint in effect for a call: the one a stage set with {@link #KEY}, else the caller's
   * {@link dev.confidant.api.RequestContext#modelEndpoint()}, else none.
   */
  public static Optional<ModelEndpoint> of(StageContext context) {
    Optional<ModelEndpoint> set = context.get(KEY);
    if (set.isPresent()) {
      return set;
    }
    ModelApiEndpoint callers = context.request().modelEndpoint();
    return callers == null ? Optional.empty() : Optional.of(new ModelEndpoint(callers.baseUrl(), callers.apiKey()));
  }

  @Override
  public String toString() {
    return "ModelEndpoint[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "***") + "]";
  }
}
