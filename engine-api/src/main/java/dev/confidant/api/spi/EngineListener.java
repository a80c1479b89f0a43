package dev.confidant.api.spi;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.FinishReason;
import dev.confidant.api.Usage;
import org.jspecify.annotations.Nullable;

/**
 * Observes one call of an engine: paired start and end events for the call, for each stage and for each model call
 * (OkHttp's {@code EventListener}). Tracing and metrics go through a listener, not through a stage. The engine asks
 * its {@link Factory} for one listener per call, so a listener may keep the call's state (its spans) in fields.
 *
 * <p>Events nest: a stage's events enclose those of the stages after it and of the model calls it leads to, and
 * {@link #callStart} and {@link #callEnd} enclose everything. A stage or a call ends when the stream it returned
 * ends, fails or is closed, so a streamed reply is inside its spans. A tool loop runs the stages after it and the
 * model once per round, so their events repeat inside the loop's. Events of one call come from one thread at a
 * time (the thread that reads the stream), but not always the same one.
 *
 * <p>A listener must not block and should not throw: the engine logs and ignores what a listener throws. It sees
 * requests as the stages pass them on, so a model call's request is the masked one; it must never record message
 * text, tool arguments or mapping values, which may hold personal data. All methods do nothing by default.
 *
 * {@snippet class=dev.confidant.api.spi.SpiSnippets region=listener}
 */
public interface EngineListener {
  /** A listener that ignores every event. */
  EngineListener NONE = new EngineListener() {};

  /**
   * The call starts, before any stage runs.
   *
   * @param request the caller's request, its model id resolved
   */
  default void callStart(ChatCompletionRequest request) {}

  /** A stage's {@code intercept} is called. */
  default void stageStart(String stage, Phase phase) {}

  /**
   * A stage is done: its stream ended or was closed, or it failed.
   *
   * @param failure what it threw, or {@code null}
   */
  default void stageEnd(String stage, @Nullable Throwable failure) {}

  /**
   * A model is called (after every stage: with pseudonymization on, the request is the masked one).
   *
   * @param backend the backend's name
   * @param request the request the backend gets (its model id is the public one; the route is in the context)
   */
  default void modelCallStart(String backend, ChatCompletionRequest request) {}

  /**
   * The model call is done.
   *
   * @param usage the call's token counts, or {@code null} if none arrived (failure, early close)
   * @param finishReason the first choice's finish reason, or {@code null} if none arrived
   * @param failure what it threw, or {@code null}
   */
  default void modelCallEnd(@Nullable Usage usage, @Nullable FinishReason finishReason,
      @Nullable Throwable failure) {}

  /**
   * The call is done: its stream ended or was closed, or it failed.
   *
   * @param usage the call's token counts (all rounds of a tool loop), or {@code null} if none arrived
   * @param failure what it threw, or {@code null}
   */
  default void callEnd(@Nullable Usage usage, @Nullable Throwable failure) {}

  /** Creates the listener of each call. Thread-safe: called concurrently for concurrent calls. */
  @FunctionalInterface
  interface Factory {
    /**
     * The listener of a call.
     *
     * @param context the call's context: its {@link StageContext#request() request context} (principal, space,
     *     trace ids) and the attributes stages set (read them at the end events; they are not all set at the start)
     */
    EngineListener create(StageContext context);

    /**
     * Whether this factory's listeners want {@link #stageStart} and {@link #stageEnd}. When no listener of an
     * engine does, the engine runs its stages unwrapped and reports only the call and model-call events, which
     * saves a wrapper per stage and chunk on every call.
     *
     * @implSpec The default returns {@code true}.
     */
    default boolean observesStages() {
      return true;
    }
  }
}
