package dev.confidant.api.spi;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.CompletionStream;

/**
 * One step of the request pipeline. Implementations must be thread-safe: one instance serves all requests.
 */
@FunctionalInterface
public interface PipelineStage {

  /**
   * Handles a request: may change it, must call {@link Chain#proceed} exactly once (stages of
   * {@link Phase#TOOL_LOOP} may call it repeatedly) or return a synthetic stream, and may transform what comes
   * back. Must not return {@code null}.
   */
  CompletionStream intercept(Chain chain);

  /** The rest of the pipeline, seen from one stage. */
  interface Chain {
    /** The request as it reaches this stage. */
    ChatCompletionRequest request();

    /** Per-call attributes and the caller's {@link dev.confidant.api.RequestContext}. */
    StageContext context();

    /**
     * Passes a request to the next stage (or to the model after the last one).
     *
     * @throws IllegalStateException if this stage already proceeded and is not a tool-loop stage
     */
    CompletionStream proceed(ChatCompletionRequest request);
  }
}
