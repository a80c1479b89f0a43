package dev.confidant.otel;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.spi.EngineListener;
import dev.confidant.api.spi.StageContext;
import dev.confidant.otel.internal.CallSpans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;

/**
 * Traces engine calls with OpenTelemetry: one span per call ({@code confidant.request}), a child span per stage
 * ({@code confidant.stage <name>}) and per model call ({@code chat <model>}, kind {@code CLIENT}), with the
 * attributes of the OpenTelemetry GenAI semantic conventions: {@code gen_ai.operation.name},
 * {@code gen_ai.provider.name} (the backend), {@code gen_ai.request.model}, {@code gen_ai.request.temperature},
 * {@code gen_ai.request.top_p}, {@code gen_ai.request.max_tokens}, {@code gen_ai.response.finish_reasons},
 * {@code gen_ai.usage.input_tokens}, {@code gen_ai.usage.output_tokens} and {@code error.type}.
 *
 * <p>No attribute holds message text, tool arguments, a principal or a mapping value: with pseudonymization on, the
 * call's span carries only counts ({@code confidant.pii.masked} and one {@code confidant.pii.masked.<TAG>} per
 * entity type, {@code confidant.pii.placeholders.created} (distinct placeholders), {@code confidant.pii.left}).
 *
 * <p>A call continues the caller's trace when its request context's {@code traceId} (32 hex digits) and
 * {@code parentSpanId} (16 hex digits) form a valid W3C span context, else the current context's. Each model call
 * puts its {@code traceparent} into the call's context ({@link dev.confidant.api.spi.TracePropagation}), which remote
 * backends send on. Thread-safe.
 *
 * {@snippet :
 * ChatCompletionEngine engine = ChatEngines.builder()
 *     .addListener(OpenTelemetryTracing.of(openTelemetry))
 *     .build();
 * }
 */
public final class OpenTelemetryTracing implements EngineListener.Factory {
  /** The instrumentation scope name of the spans. */
  public static final String SCOPE = "dev.confidant.engine";

  private final Tracer tracer;

  private OpenTelemetryTracing(Tracer tracer) {
    this.tracer = tracer;
  }

  /** Tracing through this OpenTelemetry instance's tracer provider. */
  public static OpenTelemetryTracing of(OpenTelemetry openTelemetry) {
    return new OpenTelemetryTracing(requireNonNull(openTelemetry, "openTelemetry").getTracer(SCOPE));
  }

  @Override
  public EngineListener create(StageContext context) {
    return new CallSpans(tracer, context);
  }
}
