package dev.confidant.core.internal.format;

import dev.confidant.api.EngineConfigException;
import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.Phase;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.PipelineStageProvider;
import dev.confidant.core.ResponseFormatOptions;

/**
 * Provides the built-in {@value #NAME} stage ({@link Phase#TOOL_LOOP}, ordered before {@code tool-loop} so that it
 * sees the final answer after all tool rounds, and before PII so that it validates restored text). It validates
 * replies against the request's {@code response_format} and asks the model to repair invalid ones; see
 * {@link ResponseFormatOptions}. Thread-safe.
 */
public final class ResponseFormatStageProvider implements PipelineStageProvider {
  /** The stage's name. */
  public static final String NAME = "response-format";

  /** Called by {@link java.util.ServiceLoader}. */
  public ResponseFormatStageProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Phase phase() {
    return Phase.TOOL_LOOP;
  }

  /** Runs outside (before) the {@code tool-loop} stage, whose order is 0. */
  @Override
  public int order() {
    return -100;
  }

  /**
   * @throws EngineConfigException if {@link ResponseFormatOptions#MAX_REPAIRS} is negative
   */
  @Override
  public PipelineStage create(EngineContext context) {
    int maxRepairs = context.option(ResponseFormatOptions.MAX_REPAIRS).orElseThrow();
    if (maxRepairs < 0) {
      throw new EngineConfigException("ResponseFormatOptions.MAX_REPAIRS must be at least 0, was " + maxRepairs);
    }
    return new ResponseFormatStage(maxRepairs);
  }
}
