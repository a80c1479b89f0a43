package dev.confidant.otel.internal;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatEngineException;
import dev.confidant.api.FinishReason;
import dev.confidant.api.RequestContext;
import dev.confidant.api.Sampling;
import dev.confidant.api.Usage;
import dev.confidant.api.spi.EngineListener;
import dev.confidant.api.spi.Phase;
import dev.confidant.api.spi.StageContext;
import dev.confidant.api.spi.TracePropagation;
import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiAudit;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The spans of one engine call: the call's, and a stack of the open stage and model-call spans, each the child of
 * the one below it (the engine's events nest). Synchronized: a call's events come from one thread at a time, not
 * always the same one.
 */
public final class CallSpans implements EngineListener {
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<Double> TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
  static final AttributeKey<Double> TOP_P = AttributeKey.doubleKey("gen_ai.request.top_p");
  static final AttributeKey<Long> MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
  static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> PHASE = AttributeKey.stringKey("confidant.stage.phase");
  static final AttributeKey<String> SPACE = AttributeKey.stringKey("confidant.space.id");
  static final AttributeKey<Long> PII_MASKED = AttributeKey.longKey("confidant.pii.masked");
  static final AttributeKey<Long> PII_CREATED = AttributeKey.longKey("confidant.pii.placeholders.created");
  static final AttributeKey<Long> PII_LEFT = AttributeKey.longKey("confidant.pii.left");

  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");

  private final Tracer tracer;
  private final StageContext context;
  private final Deque<Open> open = new ArrayDeque<>();
  private @Nullable Span call;

  private record Open(String name, Span span) {}

  public CallSpans(Tracer tracer, StageContext context) {
    this.tracer = tracer;
    this.context = context;
  }

  @Override
  public synchronized void callStart(ChatCompletionRequest request) {
    RequestContext rc = context.request();
    SpanBuilder builder = tracer.spanBuilder("confidant.request").setSpanKind(SpanKind.INTERNAL)
        .setAttribute(OPERATION, "chat");
    Context parent = remoteParent(rc);
    if (parent != null) {
      builder.setParent(parent);
    }
    if (rc.spaceId() != null) {
      builder.setAttribute(SPACE, rc.spaceId());
    }
    sampling(builder, request);
    call = builder.startSpan();
  }

  @Override
  public synchronized void stageStart(String stage, Phase phase) {
    Span span = tracer.spanBuilder("confidant.stage " + stage).setParent(parentContext())
        .setSpanKind(SpanKind.INTERNAL).setAttribute(PHASE, phase.name()).startSpan();
    open.push(new Open(stage, span));
  }

  @Override
  public synchronized void stageEnd(String stage, @Nullable Throwable failure) {
    end("stage " + stage, failure);
  }

  @Override
  public synchronized void modelCallStart(String backend, ChatCompletionRequest request) {
    SpanBuilder builder = tracer.spanBuilder("chat " + request.model()).setParent(parentContext())
        .setSpanKind(SpanKind.CLIENT).setAttribute(OPERATION, "chat").setAttribute(PROVIDER, backend);
    sampling(builder, request);
    Span span = builder.startSpan();
    open.push(new Open("model", span));
    SpanContext sc = span.getSpanContext();
    if (sc.isValid()) {
      context.put(TracePropagation.TRACEPARENT,
          "00-" + sc.getTraceId() + "-" + sc.getSpanId() + "-" + sc.getTraceFlags().asHex());
    }
  }

  @Override
  public synchronized void modelCallEnd(@Nullable Usage usage, @Nullable FinishReason finishReason,
      @Nullable Throwable failure) {
    Open top = open.peek();
    if (top != null && top.name().equals("model")) {
      usage(top.span(), usage);
      if (finishReason != null) {
        top.span().setAttribute(FINISH_REASONS, List.of(finishReason.wireName()));
      }
    }
    end("model", failure);
  }

  @Override
  public synchronized void callEnd(@Nullable Usage usage, @Nullable Throwable failure) {
    Span span = call;
    if (span == null) {
      return;
    }
    while (!open.isEmpty()) {
      open.pop().span().end(); // a span whose end event never came (a listener bug elsewhere): close it anyway
    }
    usage(span, usage);
    context.get(PiiAudit.KEY).ifPresent(audit -> pii(span, audit));
    fail(span, failure);
    span.end();
    call = null;
  }

  /** Ends the innermost open span named {@code name} and any opened after it. */
  private void end(String name, @Nullable Throwable failure) {
    String key = name.startsWith("stage ") ? name.substring("stage ".length()) : name;
    if (open.stream().noneMatch(o -> o.name().equals(key))) {
      return;
    }
    while (!open.isEmpty()) {
      Open top = open.pop();
      if (top.name().equals(key)) {
        fail(top.span(), failure);
        top.span().end();
        return;
      }
      top.span().end();
    }
  }

  private Context parentContext() {
    Open top = open.peek();
    Span parent = top != null ? top.span() : call;
    return Context.root().with(parent == null ? Span.getInvalid() : parent);
  }

  /** The caller's span as parent, when the request context names a valid W3C trace and span id. */
  private static @Nullable Context remoteParent(RequestContext rc) {
    String trace = rc.traceId();
    String span = rc.parentSpanId();
    if (trace == null || span == null) {
      return null;
    }
    String t = trace.toLowerCase(Locale.ROOT);
    String s = span.toLowerCase(Locale.ROOT);
    if (!TRACE_ID.matcher(t).matches() || !SPAN_ID.matcher(s).matches()) {
      return null;
    }
    SpanContext remote = SpanContext.createFromRemoteParent(t, s, TraceFlags.getSampled(), TraceState.getDefault());
    return remote.isValid() ? Context.root().with(Span.wrap(remote)) : null;
  }

  private static void sampling(SpanBuilder builder, ChatCompletionRequest request) {
    if (request.model() != null) {
      builder.setAttribute(REQUEST_MODEL, request.model());
    }
    Sampling s = request.sampling();
    if (s.temperature() != null) {
      builder.setAttribute(TEMPERATURE, s.temperature());
    }
    if (s.topP() != null) {
      builder.setAttribute(TOP_P, s.topP());
    }
    Integer max = s.maxCompletionTokens() != null ? s.maxCompletionTokens() : s.maxTokens();
    if (max != null) {
      builder.setAttribute(MAX_TOKENS, max.longValue());
    }
  }

  private static void usage(Span span, @Nullable Usage usage) {
    if (usage != null) {
      span.setAttribute(INPUT_TOKENS, usage.promptTokens());
      span.setAttribute(OUTPUT_TOKENS, usage.completionTokens());
    }
  }

  /** Counts only: the entity tags are a fixed set, so the attribute names are bounded. */
  private static void pii(Span span, PiiAudit audit) {
    java.util.Set<String> created = new java.util.HashSet<>();
    long left = 0;
    for (PiiAudit.Entry e : audit.entries()) {
      if (e.origin() == PiiAudit.Origin.CREATED) {
        created.add(e.placeholder());
      } else if (e.decision() != PiiAudit.Decision.MASKED) {
        left += e.count();
      }
    }
    long masked = 0;
    for (Map.Entry<EntityType, Integer> e : audit.maskedCounts().entrySet()) {
      span.setAttribute(AttributeKey.longKey("confidant.pii.masked." + e.getKey().tag()), e.getValue());
      masked += e.getValue();
    }
    span.setAttribute(PII_MASKED, masked);
    span.setAttribute(PII_CREATED, created.size());
    span.setAttribute(PII_LEFT, left);
  }

  /** Marks a failure with its type only: an exception's message may quote the request. */
  private static void fail(Span span, @Nullable Throwable failure) {
    if (failure != null) {
      String type = failure instanceof ChatEngineException e ? e.type().name().toLowerCase(Locale.ROOT)
          : failure.getClass().getName();
      span.setAttribute(ERROR_TYPE, type);
      span.setStatus(StatusCode.ERROR);
    }
  }
}
