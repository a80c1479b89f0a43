package dev.confidant.core.internal.backend.ollama;

import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.ModelBackendProvider;
import dev.confidant.core.RemoteModelOptions;
import java.time.Clock;

/**
 * Provides the {@code ollama} backend from {@link RemoteModelOptions#OLLAMA_BASE_URL} and
 * {@link RemoteModelOptions#TIMEOUTS}. Creating it opens no connection. Stateless and thread-safe.
 */
public final class OllamaBackendProvider implements ModelBackendProvider {

  @Override
  public String name() {
    return OllamaBackend.NAME;
  }

  @Override
  public ModelBackend create(EngineContext context) {
    return new OllamaBackend(
        context.option(RemoteModelOptions.OLLAMA_BASE_URL).orElseThrow(),
        context.option(RemoteModelOptions.TIMEOUTS).orElseThrow(),
        Clock.systemUTC());
  }
}
