package dev.confidant.core.internal.tools;

import dev.confidant.api.EngineConfigException;
import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.Phase;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.PipelineStageProvider;
import dev.confidant.core.AccessPolicy;
import dev.confidant.core.ToolOptions;
import dev.confidant.core.internal.pipeline.AccessControl;
import java.time.Duration;

/**
 * Provides the built-in {@value #NAME} stage ({@link Phase#TOOL_LOOP}): it offers the engine's server tools
 * ({@link dev.confidant.api.spi.ToolProvider}) to the model next to the client's, runs the calls the model makes
 * and loops until the model answers or calls a client tool. Configured with {@link ToolOptions}. Without server
 * tools the stage passes requests through. Thread-safe.
 */
public final class ToolLoopStageProvider implements PipelineStageProvider {
  /** The stage's name. */
  public static final String NAME = "tool-loop";

  /** Called by {@link java.util.ServiceLoader}. */
  public ToolLoopStageProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Phase phase() {
    return Phase.TOOL_LOOP;
  }

  /**
   * @throws EngineConfigException if a limit is not positive
   */
  @Override
  public PipelineStage create(EngineContext context) {
    ServerTools tools = context.option(ServerTools.KEY).orElseGet(ServerTools::empty);
    Duration callTimeout = positive(context.option(ToolOptions.CALL_TIMEOUT).orElseThrow(), "CALL_TIMEOUT");
    Duration maxTotalTime = positive(context.option(ToolOptions.MAX_TOTAL_TIME).orElseThrow(), "MAX_TOTAL_TIME");
    int maxRounds = context.option(ToolOptions.MAX_ROUNDS).orElseThrow();
    if (maxRounds < 1) {
      throw new EngineConfigException("ToolOptions.MAX_ROUNDS must be at least 1, was " + maxRounds);
    }
    AccessPolicy policy = context.option(AccessControl.POLICY).orElse(AccessPolicy.OPEN);
    return new ToolLoopStage(tools, context, new Limits(callTimeout, maxRounds, maxTotalTime), policy);
  }

  private static Duration positive(Duration value, String name) {
    if (value.isNegative() || value.isZero()) {
      throw new EngineConfigException("ToolOptions." + name + " must be positive, was " + value);
    }
    return value;
  }
}
