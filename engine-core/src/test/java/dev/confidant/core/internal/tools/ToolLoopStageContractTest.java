package dev.confidant.core.internal.tools;

import dev.confidant.api.spi.PipelineStage;
import dev.confidant.testkit.AbstractPipelineStageContractTest;

/** The tool-loop stage, with a server tool on offer, passes the stage contract. */
class ToolLoopStageContractTest extends AbstractPipelineStageContractTest {
  private final PipelineStage stage = ToolFixtures.stage(ToolFixtures.weather());

  @Override
  protected PipelineStage stage() {
    return stage;
  }

  @Override
  protected boolean mayProceedRepeatedly() {
    return true;
  }
}
