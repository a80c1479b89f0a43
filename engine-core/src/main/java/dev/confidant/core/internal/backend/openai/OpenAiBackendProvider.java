package dev.confidant.core.internal.backend.openai;

import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.ModelBackendProvider;
import dev.confidant.core.RemoteModelOptions;
import java.time.Clock;

/**
 * Provides the {@code openai} backend from {@link RemoteModelOptions#OPENAI_BASE_URL},
 * {@link RemoteModelOptions#OPENAI_API_KEY} and {@link RemoteModelOptions#TIMEOUTS}. Creating it opens no
 * connection. Stateless and thread-safe.
 */
public final class OpenAiBackendProvider implements ModelBackendProvider {

  @Override
  public String name() {
    return OpenAiBackend.NAME;
  }

  @Override
  public ModelBackend create(EngineContext context) {
    return new OpenAiBackend(
        context.option(RemoteModelOptions.OPENAI_BASE_URL).orElseThrow(),
        context.option(RemoteModelOptions.OPENAI_API_KEY).orElse(null),
        context.option(RemoteModelOptions.TIMEOUTS).orElseThrow(),
        Clock.systemUTC());
  }
}
