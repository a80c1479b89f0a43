package dev.confidant.core;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.spi.StageContext;
import org.jspecify.annotations.Nullable;

/**
 * A per-request endpoint for the {@code openai} backend: what the REST API's {@code X-Model-Api-Base-Url} and
 * {@code X-Model-Api-Key} carry. The backend uses it when {@link #KEY} is set in the call's {@link StageContext};
 * setting it is the job of a stage that has checked that the caller's space allows its own endpoint (the backend
 * does not check spaces). The engine sets it itself from {@link dev.confidant.api.RequestContext#modelEndpoint()},
 * which is the simpler way for a caller; a stage may still set or replace it. While it is set, the request goes only
 * to this endpoint (no fallback, no circuit breaker of the configured server). Immutable and thread-safe;
 * {@link #toString()} never shows the key.
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

  @Override
  public String toString() {
    return "ModelEndpoint[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "***") + "]";
  }
}
