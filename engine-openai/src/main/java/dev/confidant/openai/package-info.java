/**
 * The {@code openai} model backend: OpenAI-compatible servers (vLLM, llama.cpp's llama-server, Ollama's
 * {@code /v1}, OpenAI, another Confidant). Adding {@code engine-openai} to an application registers the backend
 * with {@link java.util.ServiceLoader}; configure it with {@link dev.confidant.openai.OpenAiOptions} and route
 * model ids to it:
 * {@snippet class=dev.confidant.openai.OpenAiSnippets region=engine}
 *
 * <p>Every field of a request reaches the server as the caller sent it, written by the engine's own codec
 * ({@link dev.confidant.core.json.ChatJson}): {@code n > 1}, {@code logprobs}, {@code top_logprobs}, 64-bit
 * {@code seed}, {@code service_tier} and any other top-level field
 * ({@link dev.confidant.api.ChatCompletionRequest#extraFields()}). The upstream always streams
 * ({@code stream_options.include_usage} on); its chunks come back as they are, renumbered to one completion id.
 * Retries, fallbacks and circuit breakers are the engine's ({@link dev.confidant.core.ResilienceSettings}).
 */
@NullMarked
package dev.confidant.openai;

import org.jspecify.annotations.NullMarked;
