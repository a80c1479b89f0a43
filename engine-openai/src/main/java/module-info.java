/**
 * The {@code openai} model backend: any OpenAI-compatible {@code /v1/chat/completions} server (vLLM, llama.cpp's
 * llama-server, Ollama's {@code /v1}, OpenAI, another Confidant), every request field passed through with the
 * engine's own codec over {@code java.net.http}.
 */
module dev.confidant.openai {
  requires transitive dev.confidant.core;
  requires static org.jspecify;
  requires com.fasterxml.jackson.databind;
  requires java.net.http;
  requires io.helidon.webclient.http1;
  requires io.helidon.webclient.api;
  requires io.helidon.http;
  requires io.helidon.common.socket;

  exports dev.confidant.openai;

  provides dev.confidant.api.spi.ModelBackendProvider with dev.confidant.openai.internal.OpenAiBackendProvider;
}
