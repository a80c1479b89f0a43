package dev.confidant.api.spi;

/**
 * Creates a pipeline stage; discovered with {@link java.util.ServiceLoader} or added through the engine builder.
 */
public interface PipelineStageProvider {

  /** The stage's unique name, matching {@code [a-z][a-z0-9-]{0,63}}. */
  String name();

  /** The phase the stage runs in. */
  Phase phase();

  /** Position within the phase, ascending; ties are broken by name. */
  default int order() {
    return 0;
  }

  /**
   * Creates the stage once per engine.
   *
   * @throws dev.confidant.api.EngineConfigException if the stage cannot be configured
   */
  PipelineStage create(EngineContext context);
}
