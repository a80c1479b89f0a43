package dev.confidant.testkit;

import dev.confidant.api.spi.PipelineStage;

/** The stage contract for the simplest correct stage. */
// @start region="contract"
class PassThroughStageContractTest extends AbstractPipelineStageContractTest {

  @Override
  protected PipelineStage stage() {
    return chain -> chain.proceed(chain.request());
  }
}
// @end
