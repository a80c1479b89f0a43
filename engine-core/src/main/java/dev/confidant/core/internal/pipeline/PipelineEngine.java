package dev.confidant.core.internal.pipeline;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.ChatEngineException;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.Violation;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.RequestContext;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.StageContext;
import dev.confidant.core.ModelRegistry;
import dev.confidant.core.internal.resilience.ResilientInvoker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: runs a request through the stages, then the model chain the model id routes to (registry lookup,
 * space and capability checks, defaults), invoked with retries, fallbacks and circuit breakers. Thread-safe;
 * stages, backends and breakers are shared by all requests.
 */
public final class PipelineEngine implements ChatCompletionEngine {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineEngine.class);

  private final List<StageEntry> stages;
  private final Map<String, ModelBackend> backends;
  private final ModelRouter router;
  private final ResilientInvoker invoker;
  private final ModelRegistry registry;
  private final String defaultModel;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param stages stages in execution order
   * @param backends backends by name
   * @param registry the models, with their backends and fallbacks
   * @param defaultBackend backend for model ids not in the registry, or {@code null} to reject them
   * @param defaultModel model id used when neither the context nor the request names one
   * @param invoker retries, fallbacks and breakers
   */
  public PipelineEngine(List<StageEntry> stages, Map<String, ModelBackend> backends, ModelRegistry registry,
      @Nullable String defaultBackend, String defaultModel, ResilientInvoker invoker) {
    this.stages = List.copyOf(stages);
    this.backends = Map.copyOf(backends);
    this.registry = requireNonNull(registry, "registry");
    this.router = new ModelRouter(registry, backends, defaultBackend);
    this.invoker = requireNonNull(invoker, "invoker");
    this.defaultModel = requireNonNull(defaultModel, "defaultModel");
  }

  /** The engine's models (for {@code GET /v1/models}). */
  public ModelRegistry registry() {
    return registry;
  }

  /** The stage names in execution order (for diagnostics and tests). */
  public List<String> stageNames() {
    return stages.stream().map(StageEntry::name).toList();
  }

  @Override
  public ChatCompletionResponse complete(ChatCompletionRequest request, RequestContext context) {
    return run(request, context).collect();
  }

  @Override
  public CompletionStream stream(ChatCompletionRequest request, RequestContext context) {
    CompletionStream stream = run(request, context);
    // Backends always end with a usage chunk; OpenAI sends it only when stream_options.include_usage is set.
    return request.options().usageRequested() ? stream : stream.transform(DropUsage.INSTANCE);
  }

  private CompletionStream run(ChatCompletionRequest request, RequestContext context) {
    requireNonNull(request, "request");
    requireNonNull(context, "context");
    if (closed.get()) {
      throw new IllegalStateException("engine is closed");
    }
    String model = context.modelId() != null ? context.modelId()
        : request.model() != null ? request.model() : defaultModel;
    if (model.isBlank()) {
      // No input echoed: a blank id may hold control characters that a hand-made JSON string would carry raw.
      throw new InvalidRequestException(List.of(Violation.of(List.of("body", "model"),
          "String should have at least 1 character", "string_too_short")));
    }
    // The caller's model endpoint stays in the RequestContext; ModelEndpoint.of(context) resolves it.
    StageContext stageContext = new StageContext(context);
    CompletionStream stream = new RealChain(stages, 0, request.withModel(model), stageContext, this::invoke).run();
    return new GuardedStream(stream);
  }

  private CompletionStream invoke(ChatCompletionRequest request, StageContext context) {
    return invoker.invoke(router.route(request, context), context);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      for (ModelBackend backend : backends.values()) {
        try {
          backend.close();
        } catch (RuntimeException e) {
          LOG.warn("closing model backend '{}' failed", backend.name(), e);
        }
      }
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

  /** Reports failures as the API's exceptions: anything else is wrapped, keeping the cause. */
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
