package dev.confidant.core;

import dev.confidant.api.spi.EngineOption;

/**
 * Options shared by the remote model backends, set on the engine builder; constants only, thread-safe. Each
 * backend module has its own options for where its server is ({@code OpenAiOptions} in engine-openai,
 * {@code OllamaOptions} in engine-langchain4j).
 *
 * {@snippet class=dev.confidant.core.CoreSnippets region=remote}
 */
public final class RemoteModelOptions {

  /** Connect, first-token and total timeouts of every remote backend. */
  public static final EngineOption<ModelTimeouts> TIMEOUTS =
      EngineOption.of("remote.timeouts", ModelTimeouts.class, ModelTimeouts.DEFAULT);

  private RemoteModelOptions() {}
}
