package dev.confidant.core;

import dev.confidant.api.spi.EngineOption;

/**
 * Options shared by the remote model backends, set on the engine builder; constants only, thread-safe. Each
 * backend module has its own options for where its server is ({@code OpenAiOptions} in engine-openai). The library
 * reads no environment variables: a command line that honours {@code OLLAMA_BASE_URL} passes it through these keys.
 *
 * {@snippet :
 * ChatEngines.builder()
 *     .option(RemoteModelOptions.TIMEOUTS, ModelTimeouts.DEFAULT.withFirstToken(Duration.ofSeconds(20)))
 *     .build();
 * }
 */
public final class RemoteModelOptions {

  /** Base URL of the Ollama server. Default {@code http://localhost:11434}. */
  public static final EngineOption<String> OLLAMA_BASE_URL =
      EngineOption.of("ollama.base-url", String.class, "http://localhost:11434");

  /** Connect, first-token and total timeouts of every remote backend. */
  public static final EngineOption<ModelTimeouts> TIMEOUTS =
      EngineOption.of("remote.timeouts", ModelTimeouts.class, ModelTimeouts.DEFAULT);

  private RemoteModelOptions() {}
}
