/**
 * OpenTelemetry tracing of engine calls through the engine's {@link dev.confidant.api.spi.EngineListener} seam:
 * add {@link dev.confidant.otel.OpenTelemetryTracing} to the engine builder.
 */
@NullMarked
package dev.confidant.otel;

import org.jspecify.annotations.NullMarked;
