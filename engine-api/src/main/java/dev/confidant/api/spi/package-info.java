/**
 * Extension SPI: pipeline stages and model backends, discovered with {@link java.util.ServiceLoader}.
 *
 * <p>A stage is one method over a small chain, OkHttp's interceptor shape:
 * {@snippet class=dev.confidant.api.spi.SpiSnippets region=audit-stage}
 * Register the provider in {@code module-info.java} ({@code provides dev.confidant.api.spi.PipelineStageProvider
 * with ...}) and in {@code META-INF/services/dev.confidant.api.spi.PipelineStageProvider} for class-path users.
 */
@NullMarked
package dev.confidant.api.spi;

import org.jspecify.annotations.NullMarked;
