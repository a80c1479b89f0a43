package dev.confidant.openai;

import dev.confidant.api.spi.EngineOption;

/**
 * Options of the {@code openai} backend, set on the engine builder; constants only, thread-safe. Its timeouts are
 * those of every remote backend ({@link dev.confidant.core.RemoteModelOptions#TIMEOUTS}). The library reads no
 * environment variables: a command line that honours {@code OPENAI_API_KEY} passes it through {@link #API_KEY}.
 *
 * {@snippet class=dev.confidant.openai.OpenAiSnippets region=options}
 */
public final class OpenAiOptions {

  /** Base URL of the OpenAI-compatible server, up to and including {@code /v1}. Default OpenAI's. */
  public static final EngineOption<String> BASE_URL =
      EngineOption.of("openai.base-url", String.class, "https://api.openai.com/v1");

  /** The bearer key sent to the server; default none (vLLM, llama-server without a key). */
  public static final EngineOption<String> API_KEY = EngineOption.of("openai.api-key", String.class, null);

  private OpenAiOptions() {}
}
