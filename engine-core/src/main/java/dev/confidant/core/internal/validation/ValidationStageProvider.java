package dev.confidant.core.internal.validation;

import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.Phase;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.PipelineStageProvider;
import dev.confidant.core.AccessPolicy;
import dev.confidant.core.internal.pipeline.AccessControl;
import dev.confidant.core.internal.tools.ServerTools;
import java.util.List;

/**
 * Provides the built-in {@value #NAME} stage, the first of the pipeline ({@link Phase#VALIDATE}): it rejects a
 * request with an {@link dev.confidant.api.InvalidRequestException} listing every violation found by
 * {@link RequestValidator}, before any other stage or a model sees it. Thread-safe.
 */
public final class ValidationStageProvider implements PipelineStageProvider {
  /** The stage's name. */
  public static final String NAME = "validation";

  /** Called by {@link java.util.ServiceLoader}. */
  public ValidationStageProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Phase phase() {
    return Phase.VALIDATE;
  }

  @Override
  public PipelineStage create(EngineContext context) {
    List<String> serverTools = context.option(ServerTools.KEY).map(ServerTools::names).orElse(List.of());
    AccessPolicy policy = context.option(AccessControl.POLICY).orElse(AccessPolicy.OPEN);
    return new ValidationStage(new RequestValidator(), serverTools, policy);
  }
}
