package dev.confidant.core.internal.pipeline;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.FinishReason;
import dev.confidant.api.Usage;
import dev.confidant.api.spi.EngineListener;
import dev.confidant.api.spi.Phase;
import dev.confidant.api.spi.StageContext;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Combines listener factories. Stateless. */
public final class Listeners {
  private Listeners() {}

  /** One factory for all, or {@code null} for none (so that the engine wraps nothing). */
  public static EngineListener.@Nullable Factory combine(List<EngineListener.Factory> factories) {
    List<EngineListener.Factory> all = List.copyOf(factories);
    if (all.isEmpty()) {
      return null;
    }
    if (all.size() == 1) {
      return all.get(0);
    }
    return new AllFactories(all);
  }

  /** Creates one listener per factory; observes stages if any of them does. */
  private record AllFactories(List<EngineListener.Factory> all) implements EngineListener.Factory {
    @Override
    public EngineListener create(StageContext context) {
      List<EngineListener> each = new ArrayList<>(all.size());
      for (EngineListener.Factory f : all) {
        each.add(new Observation.Guarded(f.create(context)));
      }
      return new All(List.copyOf(each));
    }

    @Override
    public boolean observesStages() {
      return all.stream().anyMatch(EngineListener.Factory::observesStages);
    }
  }

  /** Forwards every event to each listener, in order (and the end events too: nesting is kept per listener). */
  private record All(List<EngineListener> each) implements EngineListener {
    @Override
    public void callStart(ChatCompletionRequest request) {
      each.forEach(l -> l.callStart(request));
    }

    @Override
    public void stageStart(String stage, Phase phase) {
      each.forEach(l -> l.stageStart(stage, phase));
    }

    @Override
    public void stageEnd(String stage, @Nullable Throwable failure) {
      each.forEach(l -> l.stageEnd(stage, failure));
    }

    @Override
    public void modelCallStart(String backend, ChatCompletionRequest request) {
      each.forEach(l -> l.modelCallStart(backend, request));
    }

    @Override
    public void modelCallEnd(@Nullable Usage usage, @Nullable FinishReason finishReason,
        @Nullable Throwable failure) {
      each.forEach(l -> l.modelCallEnd(usage, finishReason, failure));
    }

    @Override
    public void callEnd(@Nullable Usage usage, @Nullable Throwable failure) {
      each.forEach(l -> l.callEnd(usage, failure));
    }
  }
}
