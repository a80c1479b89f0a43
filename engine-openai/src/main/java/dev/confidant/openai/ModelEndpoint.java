package dev.confidant.openai;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.RequestContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A caller-chosen OpenAI-compatible endpoint for one request, the {@code openai} backend's request option: what
 * the REST API's {@code X-Model-Api-Base-Url} and {@code X-Model-Api-Key} headers carry. Set it with
 * {@link #KEY}; the request's model is then called at this base URL with this key instead of the configured ones,
 * and only there (no fallback, and the configured server's circuit breaker is not involved).
 *
 * {@snippet class=dev.confidant.openai.OpenAiSnippets region=endpoint}
 *
 * <p>The engine's {@code AccessPolicy} decides who may send one: a request with an endpoint is refused before any
 * stage runs unless its space allows custom model endpoints. Immutable and thread-safe. {@link #toString()} never
 * shows the key.
 *
 * @param baseUrl an absolute {@code http} or {@code https} URL with a host, up to and including {@code /v1}; no
 *     user info, query or fragment
 * @param apiKey the bearer key sent to the endpoint, or {@code null} to send none
 */
public record ModelEndpoint(String baseUrl, @Nullable String apiKey) {
  /** The request option the {@code openai} backend reads; absent means the configured server. */
  public static final RequestContext.Option<ModelEndpoint> KEY =
      new RequestContext.Option<>("openai.model-endpoint", ModelEndpoint.class);

  /**
   * @throws IllegalArgumentException if the base URL is not an absolute http(s) URL with a host, or carries user
   *     info, a query or a fragment, or if the key is blank or holds control characters
   */
  public ModelEndpoint {
    requireNonNull(baseUrl, "baseUrl");
    checkBaseUrl(baseUrl);
    if (apiKey != null && (apiKey.isBlank() || apiKey.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
      // Never quote the key, not even in an error message.
      throw new IllegalArgumentException("model API key must be non-blank and free of control characters");
    }
  }

  /** An endpoint without a key. */
  public static ModelEndpoint of(String baseUrl) {
    return new ModelEndpoint(baseUrl, null);
  }

  private static void checkBaseUrl(String baseUrl) {
    URI uri;
    try {
      uri = new URI(baseUrl);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("model API base URL is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("model API base URL must start with http:// or https://");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("model API base URL must name a host");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      // User info would be a second, unmasked place for a secret; queries and fragments mean a wrong URL.
      throw new IllegalArgumentException("model API base URL must have no user info, query or fragment");
    }
  }

  /** Shows the base URL and whether a key is set, never the key. */
  @Override
  public String toString() {
    return "ModelEndpoint[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "***") + "]";
  }
}
