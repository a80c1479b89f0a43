package dev.confidant.core.internal.pipeline;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChunkChoice;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.FinishReason;
import dev.confidant.api.Usage;
import dev.confidant.api.spi.EngineListener;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.StageChain;
import dev.confidant.api.spi.StageContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a call's events to its {@link EngineListener}: the call, each stage and each model call, each ending when
 * its stream ends, fails or is closed. Used only when the engine has a listener factory, so an engine without one
 * runs its stages unwrapped. A listener's exceptions are logged and ignored. Stateless; the per-call listener lives
 * in the call's context.
 */
final class Observation {
  private static final Logger LOG = LoggerFactory.getLogger(Observation.class);
  /** The call's listener, guarded. */
  private static final StageContext.Key<EngineListener> LISTENER =
      new StageContext.Key<>("core.listener", EngineListener.class);

  private Observation() {}

  /** Creates the call's listener, puts it into the context and reports the call's start. */
  static EngineListener start(EngineListener.Factory factory, ChatCompletionRequest request, StageContext context) {
    EngineListener listener;
    try {
      listener = new Guarded(factory.create(context));
    } catch (RuntimeException e) {
      LOG.warn("engine listener factory failed; this call is not observed", e);
      return EngineListener.NONE;
    }
    context.put(LISTENER, listener);
    listener.callStart(request);
    return listener;
  }

  /** The call's stream, reporting its end; or, if starting it failed, reports that and rethrows. */
  static CompletionStream call(EngineListener listener, java.util.function.Supplier<CompletionStream> run) {
    CompletionStream stream;
    try {
      stream = run.get();
    } catch (RuntimeException e) {
      listener.callEnd(null, e);
      throw e;
    }
    return new ObservedStream(stream, listener::callEnd);
  }

  /** Stages that report their start and end to the call's listener. */
  static List<StageChain.Link> stages(List<StageChain.Link> links) {
    List<StageChain.Link> observed = new ArrayList<>(links.size());
    for (StageChain.Link link : links) {
      PipelineStage stage = link.stage();
      observed.add(new StageChain.Link(link.name(), link.phase(), chain -> {
        EngineListener listener = chain.context().get(LISTENER).orElse(EngineListener.NONE);
        listener.stageStart(link.name(), link.phase());
        CompletionStream stream;
        try {
          stream = stage.intercept(chain);
        } catch (RuntimeException e) {
          listener.stageEnd(link.name(), e);
          throw e;
        }
        if (stream == null) {
          listener.stageEnd(link.name(), null); // the chain reports the null as the stage's bug
          return null;
        }
        return new ObservedStream(stream, (usage, failure) -> listener.stageEnd(link.name(), failure));
      }));
    }
    return List.copyOf(observed);
  }

  /** A model call that reports its start and end. */
  static CompletionStream modelCall(String backend, ChatCompletionRequest request, StageContext context,
      BiFunction<ChatCompletionRequest, StageContext, CompletionStream> call) {
    EngineListener listener = context.get(LISTENER).orElse(null);
    if (listener == null) {
      return call.apply(request, context);
    }
    listener.modelCallStart(backend, request);
    CompletionStream stream;
    try {
      stream = call.apply(request, context);
    } catch (RuntimeException e) {
      listener.modelCallEnd(null, null, e);
      throw e;
    }
    ObservedStream observed = new ObservedStream(stream, null);
    observed.onEnd = (usage, failure) -> listener.modelCallEnd(usage, observed.finishReason, failure);
    return observed;
  }

  /** What to report when a stream ends. */
  @FunctionalInterface
  interface EndEvent {
    void ended(@Nullable Usage usage, @Nullable Throwable failure);
  }

  /**
   * A stream that reports its end once: when {@code next} returns {@code null} or throws, or on {@code close}.
   * Remembers the last usage and the first choice's finish reason it passed on. Read by one thread at a time.
   */
  private static final class ObservedStream implements CompletionStream {
    private final CompletionStream delegate;
    private @Nullable EndEvent onEnd;
    private @Nullable Usage usage;
    private @Nullable FinishReason finishReason;
    private boolean ended;

    ObservedStream(CompletionStream delegate, @Nullable EndEvent onEnd) {
      this.delegate = delegate;
      this.onEnd = onEnd;
    }

    @Override
    public @Nullable ChatCompletionChunk next() {
      ChatCompletionChunk chunk;
      try {
        chunk = delegate.next();
      } catch (RuntimeException e) {
        end(e);
        throw e;
      }
      if (chunk == null) {
        end(null);
        return null;
      }
      if (chunk.usage() != null) {
        usage = chunk.usage();
      }
      if (finishReason == null) {
        for (ChunkChoice choice : chunk.choices()) {
          if (choice.index() == 0 && choice.finishReason() != null) {
            finishReason = choice.finishReason();
          }
        }
      }
      return chunk;
    }

    @Override
    public void close() {
      try {
        delegate.close();
      } finally {
        end(null);
      }
    }

    private void end(@Nullable Throwable failure) {
      if (!ended) {
        ended = true;
        EndEvent event = onEnd;
        if (event != null) {
          event.ended(usage, failure);
        }
      }
    }
  }

  /** Logs and ignores what a listener throws, so that observing never breaks a call. */
  record Guarded(EngineListener delegate) implements EngineListener {
    @Override
    public void callStart(ChatCompletionRequest request) {
      try {
        delegate.callStart(request);
      } catch (RuntimeException e) {
        failed("callStart", e);
      }
    }

    @Override
    public void stageStart(String stage, dev.confidant.api.spi.Phase phase) {
      try {
        delegate.stageStart(stage, phase);
      } catch (RuntimeException e) {
        failed("stageStart", e);
      }
    }

    @Override
    public void stageEnd(String stage, @Nullable Throwable failure) {
      try {
        delegate.stageEnd(stage, failure);
      } catch (RuntimeException e) {
        failed("stageEnd", e);
      }
    }

    @Override
    public void modelCallStart(String backend, ChatCompletionRequest request) {
      try {
        delegate.modelCallStart(backend, request);
      } catch (RuntimeException e) {
        failed("modelCallStart", e);
      }
    }

    @Override
    public void modelCallEnd(@Nullable Usage usage, @Nullable FinishReason finishReason,
        @Nullable Throwable failure) {
      try {
        delegate.modelCallEnd(usage, finishReason, failure);
      } catch (RuntimeException e) {
        failed("modelCallEnd", e);
      }
    }

    @Override
    public void callEnd(@Nullable Usage usage, @Nullable Throwable failure) {
      try {
        delegate.callEnd(usage, failure);
      } catch (RuntimeException e) {
        failed("callEnd", e);
      }
    }

    private static void failed(String event, RuntimeException e) {
      LOG.warn("engine listener failed in {}; ignored", event, e);
    }
  }
}
