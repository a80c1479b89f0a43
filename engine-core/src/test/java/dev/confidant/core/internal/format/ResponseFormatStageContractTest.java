package dev.confidant.core.internal.format;

import dev.confidant.api.spi.PipelineStage;
import dev.confidant.testkit.AbstractPipelineStageContractTest;

/** The response-format stage passes the stage contract (requests without a JSON format pass through). */
class ResponseFormatStageContractTest extends AbstractPipelineStageContractTest {
  private final PipelineStage stage = new ResponseFormatStage(2);

  @Override
  protected PipelineStage stage() {
    return stage;
  }

  @Override
  protected boolean mayProceedRepeatedly() {
    return true;
  }
}
