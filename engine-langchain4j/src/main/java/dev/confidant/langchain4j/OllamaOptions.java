package dev.confidant.langchain4j;

import dev.confidant.api.spi.EngineOption;

/**
 * Options of the {@code ollama} backend (Ollama's {@code /api/chat} through langchain4j-ollama), set on the engine
 * builder; constants only, thread-safe. Its timeouts are those of every remote backend
 * ({@link dev.confidant.core.RemoteModelOptions#TIMEOUTS}). The library reads no environment variables: a command
 * line that honours {@code OLLAMA_BASE_URL} passes it through {@link #BASE_URL}.
 *
 * {@snippet class=dev.confidant.langchain4j.Lc4jSnippets region=ollama}
 */
public final class OllamaOptions {

  /** Base URL of the Ollama server. Default {@code http://localhost:11434}. */
  public static final EngineOption<String> BASE_URL =
      EngineOption.of("ollama.base-url", String.class, "http://localhost:11434");

  private OllamaOptions() {}
}
