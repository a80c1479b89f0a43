package dev.confidant.openai;

import dev.confidant.api.spi.ModelBackend;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.openai.internal.OpenAiBackend;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Makes {@code openai}-protocol backends under other names, for an engine that talks to several
 * OpenAI-compatible servers at once (the discovered {@code openai} backend serves the one of
 * {@link OpenAiOptions}). Stateless and thread-safe.
 *
 * {@snippet class=dev.confidant.openai.OpenAiSnippets region=backends}
 */
public final class OpenAiBackends {
  private OpenAiBackends() {}

  /**
   * A backend speaking the Chat Completions protocol to one server. The engine closes it.
   *
   * @param name the backend's name ({@code [a-z][a-z0-9-]{0,63}}), as model routes name it
   * @param baseUrl the server's base URL, up to and including {@code /v1}
   * @param apiKey the bearer key, or {@code null} to send none
   * @param timeouts connect, first-token and total limits
   * @throws dev.confidant.api.EngineConfigException if the base URL is not an http(s) URL
   */
  public static ModelBackend create(String name, String baseUrl, @Nullable String apiKey, ModelTimeouts timeouts) {
    return new OpenAiBackend(name, baseUrl, apiKey, timeouts, Clock.systemUTC());
  }
}
