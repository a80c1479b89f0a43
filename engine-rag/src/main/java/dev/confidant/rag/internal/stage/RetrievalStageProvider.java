package dev.confidant.rag.internal.stage;

import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.Phase;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.PipelineStageProvider;
import dev.confidant.rag.RagOptions;

/**
 * Registers the {@code retrieval} stage (phase {@link Phase#AUGMENT}). Without a
 * {@link RagOptions#KNOWLEDGE_BASE} option the stage passes every request through, so that having engine-rag
 * on the class path never breaks an engine that does not use it. Stateless.
 */
public final class RetrievalStageProvider implements PipelineStageProvider {
  /** For {@link java.util.ServiceLoader}. */
  public RetrievalStageProvider() {}

  @Override
  public String name() {
    return "retrieval";
  }

  @Override
  public Phase phase() {
    return Phase.AUGMENT;
  }

  @Override
  public PipelineStage create(EngineContext context) {
    RagOptions options = context.option(RagOptions.KEY).orElse(RagOptions.defaults());
    return context.option(RagOptions.KNOWLEDGE_BASE)
        .<PipelineStage>map(kb -> new RetrievalStage(kb, options))
        .orElse(chain -> chain.proceed(chain.request()));
  }
}
