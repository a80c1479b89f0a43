package dev.confidant.api.spi;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatEngineException;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.InternalEngineException;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.StorageException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The one implementation of {@link PipelineStage.Chain}: the engine runs its stages with it, and so does the test
 * kit's {@code StageHarness}, so that a stage is tested under exactly the rules it runs under. Stateless.
 *
 * <p>The rules: a stage outside {@link Phase#TOOL_LOOP} may call {@code proceed} once, and no stage may return
 * {@code null} (both an {@link IllegalStateException} naming the stage: a bug of that stage). Any other failure
 * reaches the caller as one of the API's exceptions, synchronously or while the stream is read: a stage's
 * {@link UncheckedIOException} as a {@link StorageException}, a stage's other exception as an
 * {@link InternalEngineException} naming it, and a failure of the model call as a {@link ModelInvocationException}.
 *
 * {@snippet class=dev.confidant.api.spi.SpiSnippets region=stage-chain}
 */
public final class StageChain {
  private StageChain() {}

  /**
   * A stage with what the chain needs to know about it.
   *
   * @param name the name failures are reported under
   * @param phase the stage's phase; only {@link Phase#TOOL_LOOP} stages may proceed repeatedly
   * @param stage the stage
   */
  public record Link(String name, Phase phase, PipelineStage stage) {
    public Link {
      requireNonNull(name, "name");
      requireNonNull(phase, "phase");
      requireNonNull(stage, "stage");
    }
  }

  /**
   * Runs a request through the stages, then the model call.
   *
   * @param terminal the model call after the last stage
   * @return the stream, whose failures are the API's exceptions
   * @throws IllegalStateException if a stage breaks the chain's rules
   * @throws ChatEngineException for any other failure before the first chunk
   */
  public static CompletionStream run(List<Link> links, ChatCompletionRequest request, StageContext context,
      BiFunction<ChatCompletionRequest, StageContext, CompletionStream> terminal) {
    return new GuardedStream(new RealChain(List.copyOf(links), 0, requireNonNull(request, "request"),
        requireNonNull(context, "context"), requireNonNull(terminal, "terminal")).run());
  }

  /**
   * The stream as a caller of {@code stream} gets it: without the usage-only chunk every backend ends with, unless
   * the request asked for usage ({@code stream_options.include_usage}), as OpenAI does.
   */
  public static CompletionStream forCaller(ChatCompletionRequest request, CompletionStream stream) {
    return request.options().usageRequested() ? stream : stream.transform(DropUsage.INSTANCE);
  }

  /** The chain one stage sees; immutable apart from a proceed-once guard. */
  private static final class RealChain implements PipelineStage.Chain {
    private final List<Link> links;
    private final int index;
    private final ChatCompletionRequest request;
    private final StageContext context;
    private final BiFunction<ChatCompletionRequest, StageContext, CompletionStream> terminal;
    private final AtomicBoolean proceeded = new AtomicBoolean();

    RealChain(List<Link> links, int index, ChatCompletionRequest request, StageContext context,
        BiFunction<ChatCompletionRequest, StageContext, CompletionStream> terminal) {
      this.links = links;
      this.index = index;
      this.request = request;
      this.context = context;
      this.terminal = terminal;
    }

    CompletionStream run() {
      if (index >= links.size()) {
        try {
          return requireNonNull(terminal.apply(request, context), "model backend returned null");
        } catch (ChatEngineException | ChainRuleException e) {
          throw e;
        } catch (RuntimeException e) {
          // Wrapped here, so that the stages above never mistake a backend's failure for their own.
          throw new ModelInvocationException("model call failed: " + e.getClass().getSimpleName(), e);
        }
      }
      Link link = links.get(index);
      CompletionStream result;
      try {
        result = link.stage().intercept(this);
      } catch (ChatEngineException | ChainRuleException e) {
        throw e;
      } catch (UncheckedIOException e) {
        // A stage's own storage (an index, a vault) failed: the server's fault, never a 4xx.
        throw new StorageException("pipeline stage '" + link.name() + "' failed to read or write its storage ("
            + e.getCause().getClass().getSimpleName() + ")", e);
      } catch (RuntimeException e) {
        throw new InternalEngineException("pipeline stage '" + link.name() + "' failed: "
            + e.getClass().getSimpleName(), e);
      }
      if (result == null) {
        throw new ChainRuleException("pipeline stage '" + link.name() + "' returned null");
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
      if (index < links.size()) {
        Link link = links.get(index);
        if (link.phase() != Phase.TOOL_LOOP && !proceeded.compareAndSet(false, true)) {
          throw new ChainRuleException("pipeline stage '" + link.name() + "' called proceed more than once;"
              + " only " + Phase.TOOL_LOOP + " stages may");
        }
      }
      return new RealChain(links, index + 1, next, context, terminal).run();
    }
  }

  /** A stage broke the chain's rules: a bug of that stage, reported as such rather than wrapped. */
  private static final class ChainRuleException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    ChainRuleException(String message) {
      super(message);
    }
  }

  /** Drops the usage-only chunk. Stateless. */
  private enum DropUsage implements CompletionStream.ChunkTransformer {
    INSTANCE;

    @Override
    public void onChunk(ChatCompletionChunk chunk, Consumer<ChatCompletionChunk> out) {
      if (!(chunk.usage() != null && chunk.choices().isEmpty())) {
        out.accept(chunk);
      }
    }
  }

  /** Reports failures while the stream is read as the API's exceptions, keeping the cause. */
  private static final class GuardedStream implements CompletionStream {
    private final CompletionStream delegate;

    GuardedStream(CompletionStream delegate) {
      this.delegate = delegate;
    }

    @Override
    public @Nullable ChatCompletionChunk next() {
      try {
        return delegate.next();
      } catch (ChatEngineException e) {
        throw e;
      } catch (UncheckedIOException e) {
        // A stage's storage failed while the reply streamed (a vault written from a transformer): a 5xx.
        throw new StorageException("storage failed while streaming: " + e.getCause().getClass().getSimpleName(), e);
      } catch (RuntimeException e) {
        throw new ModelInvocationException("completion failed: " + e.getClass().getSimpleName(), e);
      }
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
