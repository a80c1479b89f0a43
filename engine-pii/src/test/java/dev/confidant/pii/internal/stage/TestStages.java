package dev.confidant.pii.internal.stage;

import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.EngineOption;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.pii.PiiOptions;
import java.util.Optional;

/** One stage per test JVM: loading the name model once keeps the suite fast. */
final class TestStages {
  private TestStages() {}

  static final PiiOptions OPTIONS = PiiOptions.defaults();
  static final PipelineStage STAGE = new PseudonymizationStageProvider().create(context(OPTIONS));

  static EngineContext context(PiiOptions options) {
    return new EngineContext() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> Optional<T> option(EngineOption<T> option) {
        return option.equals(PiiOptions.KEY) ? Optional.of((T) options) : Optional.empty();
      }
    };
  }
}
