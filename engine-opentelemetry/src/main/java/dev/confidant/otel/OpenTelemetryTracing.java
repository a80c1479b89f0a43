package dev.confidant.otel;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.spi.EngineListener;
import dev.confidant.api.spi.StageContext;
import dev.confidant.otel.internal.CallSpans;
import dev.confidant.otel.internal.SpanNames;
import io.opentelemetry.api.OpenTelemetry;

/**
 * Traces engine calls with OpenTelemetry: one span per call ({@code confidant.request}) and a child span per model
 * call ({@code chat <model>}, kind {@code CLIENT}), with the attributes of the OpenTelemetry GenAI semantic
 * conventions: {@code gen_ai.operation.name}, {@code gen_ai.provider.name} (the backend),
 * {@code gen_ai.request.model}, {@code gen_ai.request.temperature}, {@code gen_ai.request.top_p},
 * {@code gen_ai.request.max_tokens}, {@code gen_ai.response.finish_reasons}, {@code gen_ai.usage.input_tokens},
 * {@code gen_ai.usage.output_tokens} and {@code error.type}. {@link #withStageSpans(boolean) withStageSpans(true)}
 * adds a span per stage ({@code confidant.stage <name>}) between them; it is off by default because the stage spans
 * cost every call about 1.4 µs of CPU and 1.3 KB more (seven stages; two spans cost about 0.34 µs and 0.36 KB, see
 * benchmarks/README.md), and they are for finding where a call's time goes, not for watching every call.
 *
 * <p>No attribute holds message text, tool arguments, a principal or a mapping value: with pseudonymization on, the
 * call's span carries only counts ({@code confidant.pii.masked} and one {@code confidant.pii.masked.<TAG>} per
 * entity type, {@code confidant.pii.placeholders.created} (distinct placeholders), {@code confidant.pii.left}).
 *
 * <p>A call continues the caller's trace when its request context's {@code traceId} (32 hex digits) and
 * {@code parentSpanId} (16 hex digits) form a valid W3C span context, else the current context's. Each model call
 * puts its {@code traceparent} into the call's context ({@link dev.confidant.api.spi.TracePropagation}), which remote
 * backends send on. Immutable and thread-safe; span names are cached per stage and per model id, at most 256 each.
 *
 * {@snippet class=dev.confidant.otel.OtelSnippets region=tracing}
 */
public final class OpenTelemetryTracing implements EngineListener.Factory {
  /** The instrumentation scope name of the spans. */
  public static final String SCOPE = "dev.confidant.engine";

  private final SpanNames names;

  private OpenTelemetryTracing(SpanNames names) {
    this.names = names;
  }

  /** Tracing through this OpenTelemetry instance's tracer provider: request and model-call spans. */
  public static OpenTelemetryTracing of(OpenTelemetry openTelemetry) {
    return new OpenTelemetryTracing(new SpanNames(requireNonNull(openTelemetry, "openTelemetry").getTracer(SCOPE),
        false));
  }

  /**
   * This tracing with or without a span per stage ({@code confidant.stage <name>}, attribute
   * {@code confidant.stage.phase}), each the child of the stage before it; the model-call span is then the child
   * of the last stage. Default: off.
   */
  public OpenTelemetryTracing withStageSpans(boolean stageSpans) {
    return stageSpans == names.stageSpans() ? this
        : new OpenTelemetryTracing(new SpanNames(names.tracer(), stageSpans));
  }

  /** Whether each stage gets a span. */
  public boolean stageSpans() {
    return names.stageSpans();
  }

  @Override
  public EngineListener create(StageContext context) {
    return new CallSpans(names, context);
  }

  /** Stage events are wanted only with stage spans; without them the engine leaves its stages unwrapped. */
  @Override
  public boolean observesStages() {
    return names.stageSpans();
  }
}
