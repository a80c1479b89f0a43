package dev.confidant.openai.internal;

import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.ModelBackendProvider;
import dev.confidant.core.RemoteModelOptions;
import dev.confidant.openai.OpenAiOptions;
import java.time.Clock;

/**
 * Provides the {@code openai} backend from {@link OpenAiOptions} and {@link RemoteModelOptions#TIMEOUTS}. Creating
 * it opens no connection. Stateless and thread-safe.
 */
public final class OpenAiBackendProvider implements ModelBackendProvider {

  /** For {@link java.util.ServiceLoader}. */
  public OpenAiBackendProvider() {}

  @Override
  public String name() {
    return OpenAiBackend.NAME;
  }

  /**
   * @throws dev.confidant.api.EngineConfigException if the base URL is not an http(s) URL
   */
  @Override
  public ModelBackend create(EngineContext context) {
    return new OpenAiBackend(OpenAiBackend.NAME,
        context.option(OpenAiOptions.BASE_URL).orElseThrow(),
        context.option(OpenAiOptions.API_KEY).orElse(null),
        context.option(RemoteModelOptions.TIMEOUTS).orElseThrow(),
        Clock.systemUTC());
  }
}
