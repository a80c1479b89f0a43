package dev.confidant.pii.internal.stage;

import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.Phase;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.PipelineStageProvider;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.internal.recognize.Analyzer;
import dev.confidant.pii.internal.token.Pseudonymizer;

/**
 * Registers the {@code pseudonymization} stage in {@link Phase#PRIVACY}. Reads {@link PiiOptions#KEY} (defaults
 * if unset). Thread-safe; the stage it creates loads the name model once per engine.
 */
public final class PseudonymizationStageProvider implements PipelineStageProvider {
  /** The stage's name. */
  public static final String NAME = "pseudonymization";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Phase phase() {
    return Phase.PRIVACY;
  }

  @Override
  public PipelineStage create(EngineContext context) {
    PiiOptions options = context.option(PiiOptions.KEY).orElseGet(PiiOptions::defaults);
    return new PseudonymizationStage(new Pseudonymizer(Analyzer.of(options)), options);
  }
}
