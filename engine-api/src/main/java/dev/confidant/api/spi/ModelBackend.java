package dev.confidant.api.spi;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.RequestContext;

/**
 * Invokes a model: the terminal step of the pipeline. Thread-safe: one instance serves concurrent requests.
 *
 * <p>The stream must follow OpenAI's chunk order (role first, then content or tool-call fragments, then a chunk
 * with the finish reason, then a usage chunk with no choices) and always end with the usage chunk; the engine
 * drops it when the caller did not ask for usage. Closing the stream must stop generation promptly.
 */
public interface ModelBackend extends AutoCloseable {

  /**
   * Set to {@code true} in a model call's context when the engine's caller takes the whole completion at once
   * ({@link dev.confidant.api.ChatCompletionEngine#complete complete}) rather than a stream: a backend may then ask
   * its server for a whole completion and return it as one chunk per choice (and the usage chunk), since nobody
   * reads the first chunk early. Unset for a streamed call.
   */
  StageContext.Key<Boolean> COLLECTED = new StageContext.Key<>("engine.collected", Boolean.class);

  /** The backend's name, as its provider's. */
  String name();

  /**
   * Starts a completion.
   *
   * @throws dev.confidant.api.InvalidRequestException if the request asks for something this backend cannot honour
   * @throws dev.confidant.api.ModelInvocationException if the model cannot be invoked
   */
  CompletionStream stream(ChatCompletionRequest request, StageContext context);

  /**
   * Whether the request names its own endpoint of this backend (a request option the backend owns), which the
   * backend would call instead of its configured server. The engine then allows the request only where its
   * {@code AccessPolicy} allows custom model endpoints, sends it to no other backend, tries no fallback and keeps
   * the configured server's circuit breaker out of it. Decided before any stage runs. Default: never.
   */
  default boolean usesCallerEndpoint(RequestContext request) {
    return false;
  }

  /** Releases the model. */
  @Override
  default void close() {}
}
