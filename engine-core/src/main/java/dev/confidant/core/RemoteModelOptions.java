package dev.confidant.core;

import dev.confidant.api.spi.EngineOption;

/**
 * Options of the remote model backends, set on the engine builder; constants only, thread-safe. The library reads no environment variables: a
 * command line that honours {@code OPENAI_API_KEY} or {@code OLLAMA_BASE_URL} passes them through these keys.
 *
 * {@snippet :
 * ChatEngines.builder()
 *     .option(RemoteModelOptions.OPENAI_BASE_URL, "http://127.0.0.1:8080/v1")
 *     .option(RemoteModelOptions.OPENAI_API_KEY, apiKey)
 *     .option(RemoteModelOptions.TIMEOUTS, ModelTimeouts.DEFAULT.withFirstToken(Duration.ofSeconds(20)))
 *     .route("gpt-4o", "openai")
 *     .build();
 * }
 */
public final class RemoteModelOptions {

  /** Base URL of the OpenAI-compatible server, up to and including {@code /v1}. Default OpenAI's. */
  public static final EngineOption<String> OPENAI_BASE_URL =
      EngineOption.of("openai.base-url", String.class, "https://api.openai.com/v1");

  /** The bearer key sent to the OpenAI-compatible server; default none (vLLM, llama-server without a key). */
  public static final EngineOption<String> OPENAI_API_KEY = EngineOption.of("openai.api-key", String.class, null);

  /** Base URL of the Ollama server. Default {@code http://localhost:11434}. */
  public static final EngineOption<String> OLLAMA_BASE_URL =
      EngineOption.of("ollama.base-url", String.class, "http://localhost:11434");

  /** Connect, first-token and total timeouts of both remote backends. */
  public static final EngineOption<ModelTimeouts> TIMEOUTS =
      EngineOption.of("remote.timeouts", ModelTimeouts.class, ModelTimeouts.DEFAULT);

  private RemoteModelOptions() {}
}
