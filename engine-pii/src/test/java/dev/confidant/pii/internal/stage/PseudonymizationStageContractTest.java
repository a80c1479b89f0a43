package dev.confidant.pii.internal.stage;

import dev.confidant.api.RequestContext;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.StageContext;
import dev.confidant.pii.Pseudonymization;
import dev.confidant.testkit.AbstractPipelineStageContractTest;

/** The shared stage contract, with pseudonymization switched on. */
class PseudonymizationStageContractTest extends AbstractPipelineStageContractTest {
  @Override
  protected PipelineStage stage() {
    return TestStages.STAGE;
  }

  @Override
  protected StageContext context() {
    return new StageContext(RequestContext.anonymous().with(Pseudonymization.KEY, Pseudonymization.ON));
  }
}
