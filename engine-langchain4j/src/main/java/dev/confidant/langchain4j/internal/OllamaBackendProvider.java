package dev.confidant.langchain4j.internal;

import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.ModelBackendProvider;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.core.RemoteModelOptions;
import dev.confidant.langchain4j.OllamaOptions;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import java.time.Clock;

/**
 * Provides the {@code ollama} backend from {@link OllamaOptions#BASE_URL} and {@link RemoteModelOptions#TIMEOUTS}:
 * Ollama's {@code /api/chat} through langchain4j-ollama, on the engine's own transport (statuses, {@code
 * Retry-After}, NDJSON checked, cancellable). Creating it opens no connection. Stateless and thread-safe.
 */
public final class OllamaBackendProvider implements ModelBackendProvider {
  /** The backend's name. */
  public static final String NAME = "ollama";

  /** For {@link java.util.ServiceLoader}. */
  public OllamaBackendProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ModelBackend create(EngineContext context) {
    return ollama(context.option(OllamaOptions.BASE_URL).orElseThrow(),
        context.option(RemoteModelOptions.TIMEOUTS).orElseThrow(), Clock.systemUTC());
  }

  /** The {@code ollama} backend for the server at {@code baseUrl}. */
  public static Lc4jBackend ollama(String baseUrl, ModelTimeouts timeouts, Clock clock) {
    Lc4jBackend.Source source = new Lc4jBackend.Source.PerRequest(http -> OllamaStreamingChatModel.builder()
        .httpClientBuilder(http)
        .baseUrl(baseUrl)
        .build(), UpstreamTransport.Protocol.NDJSON);
    return new Lc4jBackend(NAME, source, OllamaParameters::of, false, timeouts, clock);
  }
}
