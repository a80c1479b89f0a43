/**
 * Extension SPI: pipeline stages and model backends, discovered with {@link java.util.ServiceLoader}.
 *
 * <p>A stage is one method over a small chain, OkHttp's interceptor shape:
 * {@snippet :
 * public final class AuditStageProvider implements PipelineStageProvider {
 *   public String name() { return "audit"; }
 *   public Phase phase() { return Phase.AUTHORIZE; }
 *   public PipelineStage create(EngineContext context) {
 *     return chain -> {
 *       System.out.println("request by " + chain.context().request().principal());
 *       return chain.proceed(chain.request());
 *     };
 *   }
 * }
 * }
 * Register the provider in {@code module-info.java} ({@code provides dev.confidant.api.spi.PipelineStageProvider
 * with ...}) and in {@code META-INF/services/dev.confidant.api.spi.PipelineStageProvider} for class-path users.
 */
@NullMarked
package dev.confidant.api.spi;

import org.jspecify.annotations.NullMarked;
