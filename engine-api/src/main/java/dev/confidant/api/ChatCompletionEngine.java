package dev.confidant.api;

/**
 * Runs OpenAI-compatible chat completions in-process.
 *
 * <p>Thread-safe: build one engine and share it (like an {@code OkHttpClient}); a loaded model is shared by
 * all requests. Closing the engine releases models and stages.
 */
public interface ChatCompletionEngine extends AutoCloseable {

  /**
   * Completes a chat without a caller context (anonymous principal, no space, no pseudonymization).
   *
   * @throws InvalidRequestException listing every violation of the request
   * @throws ChatEngineException for any other failure
   */
  default ChatCompletionResponse complete(ChatCompletionRequest request) {
    return complete(request, RequestContext.anonymous());
  }

  /**
   * Completes a chat and collects the whole reply.
   *
   * @throws InvalidRequestException listing every violation of the request
   * @throws ChatEngineException for any other failure
   */
  ChatCompletionResponse complete(ChatCompletionRequest request, RequestContext context);

  /**
   * Streams a chat completion without a caller context.
   *
   * @throws InvalidRequestException listing every violation of the request
   */
  default CompletionStream stream(ChatCompletionRequest request) {
    return stream(request, RequestContext.anonymous());
  }

  /**
   * Streams a chat completion as OpenAI {@code chat.completion.chunk}s. Pull-based and virtual-thread friendly:
   * the caller must close the stream; closing it early stops generation.
   *
   * @throws InvalidRequestException listing every violation of the request (thrown here, before any chunk)
   */
  CompletionStream stream(ChatCompletionRequest request, RequestContext context);

  /** Releases models and stages. Idempotent. */
  @Override
  void close();
}
