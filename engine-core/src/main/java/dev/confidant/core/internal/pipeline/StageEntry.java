package dev.confidant.core.internal.pipeline;

import dev.confidant.api.spi.Phase;
import dev.confidant.api.spi.PipelineStage;

/**
 * A created stage with the facts the chain needs about it.
 *
 * @param name the provider's name
 * @param phase the provider's phase
 * @param stage the stage instance
 */
public record StageEntry(String name, Phase phase, PipelineStage stage) {}
