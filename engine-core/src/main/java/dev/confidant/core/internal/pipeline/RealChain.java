package dev.confidant.core.internal.pipeline;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatEngineException;
import dev.confidant.api.InternalEngineException;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.StorageException;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.spi.Phase;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.StageContext;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * The chain one stage sees. Immutable apart from a proceed-once guard: {@link #proceed} creates the next stage's
 * chain ({@code index + 1}), and throws {@link IllegalStateException} naming the stage if a stage outside
 * {@link Phase#TOOL_LOOP} proceeds twice or a stage returns {@code null}. Any other failure a stage throws reaches
 * the caller as one of the engine's exceptions: an {@link UncheckedIOException} as a {@link StorageException}, the
 * rest as an {@link InternalEngineException} naming the stage.
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
      try {
        return requireNonNull(terminal.apply(request, context), "model backend returned null");
      } catch (ChatEngineException | ChainRuleException e) {
        throw e;
      } catch (RuntimeException e) {
        // Wrapped here, so that the stages above never mistake a backend's failure for their own.
        throw new ModelInvocationException("model call failed: " + e.getClass().getSimpleName(), e);
      }
    }
    StageEntry entry = stages.get(index);
    CompletionStream result;
    try {
      result = entry.stage().intercept(this);
    } catch (ChatEngineException | ChainRuleException e) {
      throw e;
    } catch (UncheckedIOException e) {
      // A stage's own storage (an index, a vault) failed: the server's fault, never a 4xx.
      throw new StorageException("pipeline stage '" + entry.name() + "' failed to read or write its storage ("
          + e.getCause().getClass().getSimpleName() + ")", e);
    } catch (RuntimeException e) {
      throw new InternalEngineException("pipeline stage '" + entry.name() + "' failed: "
          + e.getClass().getSimpleName(), e);
    }
    if (result == null) {
      throw new ChainRuleException("pipeline stage '" + entry.name() + "' returned null");
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
        throw new ChainRuleException("pipeline stage '" + entry.name() + "' called proceed more than once;"
            + " only " + Phase.TOOL_LOOP + " stages may");
      }
    }
    return new RealChain(stages, index + 1, next, context, terminal).run();
  }

  /** A stage broke the chain's rules: a bug of that stage, reported as such rather than wrapped. */
  static final class ChainRuleException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    ChainRuleException(String message) {
      super(message);
    }
  }
}
