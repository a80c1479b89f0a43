package dev.confidant.core.internal.pipeline;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.spi.Phase;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.StageContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * The chain one stage sees. Immutable apart from a proceed-once guard: {@link #proceed} creates the next stage's
 * chain ({@code index + 1}), and throws {@link IllegalStateException} naming the stage if a stage outside
 * {@link Phase#TOOL_LOOP} proceeds twice or a stage returns {@code null}.
 */
public final class RealChain implements PipelineStage.Chain {
  private final List<StageEntry> stages;
  private final int index;
  private final ChatCompletionRequest request;
  private final StageContext context;
  private final BiFunction<ChatCompletionRequest, StageContext, CompletionStream> terminal;
  private final AtomicBoolean proceeded = new AtomicBoolean();

  /**
   * @param stages the stages in execution order
   * @param index the position of the stage that receives this chain
   * @param request the request as it reaches that stage
   * @param context the call's attributes
   * @param terminal the model call after the last stage
   */
  public RealChain(List<StageEntry> stages, int index, ChatCompletionRequest request, StageContext context,
      BiFunction<ChatCompletionRequest, StageContext, CompletionStream> terminal) {
    this.stages = stages;
    this.index = index;
    this.request = request;
    this.context = context;
    this.terminal = terminal;
  }

  /** Runs the stage at {@code index} (or the terminal step past the last stage). */
  public CompletionStream run() {
    if (index >= stages.size()) {
      return requireNonNull(terminal.apply(request, context), "model backend returned null");
    }
    StageEntry entry = stages.get(index);
    CompletionStream result = entry.stage().intercept(this);
    if (result == null) {
      throw new IllegalStateException("pipeline stage '" + entry.name() + "' returned null");
    }
    return result;
  }

  @Override
  public ChatCompletionRequest request() {
    return request;
  }

  @Override
  public StageContext context() {
    return context;
  }

  @Override
  public CompletionStream proceed(ChatCompletionRequest next) {
    requireNonNull(next, "request");
    if (index < stages.size()) {
      StageEntry entry = stages.get(index);
      if (entry.phase() != Phase.TOOL_LOOP && !proceeded.compareAndSet(false, true)) {
        throw new IllegalStateException("pipeline stage '" + entry.name() + "' called proceed more than once;"
            + " only " + Phase.TOOL_LOOP + " stages may");
      }
    }
    return new RealChain(stages, index + 1, next, context, terminal).run();
  }
}
