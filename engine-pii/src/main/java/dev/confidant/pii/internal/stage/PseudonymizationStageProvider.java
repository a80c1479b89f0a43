package dev.confidant.pii.internal.stage;

import dev.confidant.api.EngineConfigException;
import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.Phase;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.PipelineStageProvider;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.internal.recognize.Analyzer;
import dev.confidant.pii.internal.token.DetectionCache;
import dev.confidant.pii.internal.token.Pseudonymizer;

/**
 * Registers the {@code pseudonymization} stage in {@link Phase#PRIVACY}. Reads {@link PiiOptions#KEY} (defaults
 * if unset) and {@link PiiOptions#DETECTION_CACHE_ENTRIES}. Thread-safe; the stage it creates loads the name model once per engine.
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
    int entries = context.option(PiiOptions.DETECTION_CACHE_ENTRIES)
        .orElse(PiiOptions.DETECTION_CACHE_ENTRIES.defaultValue());
    if (entries < 0) {
      throw new EngineConfigException(PiiOptions.DETECTION_CACHE_ENTRIES.name() + " must be 0 (off) or more, got "
          + entries);
    }
    Analyzer analyzer = Analyzer.of(options);
    DetectionCache cache = entries == 0 ? null : new DetectionCache(entries, analyzer);
    boolean belowThreshold = context.option(PiiOptions.AUDIT_BELOW_THRESHOLD).orElse(false);
    return new PseudonymizationStage(new Pseudonymizer(analyzer, cache), options, belowThreshold);
  }
}
