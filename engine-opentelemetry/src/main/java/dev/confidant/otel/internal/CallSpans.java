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
import dev.confidant.pii.PiiAudit;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The spans of one engine call: the call's, and a stack of the open model-call spans (and stage spans, when the
 * tracing observes stages), each the child of the one below it (the engine's events nest). Synchronized: a call's
 * events come from one thread at a time, not always the same one.
 *
 * <p>Cheap on the hot path: attribute keys, span names and finish-reason lists come from {@link SpanNames}; a span's
 * context for its children is made once, when its first child starts; the call span carries only what the GenAI
 * conventions ask of it (the request's parameters are on the model-call span).
 */
public final class CallSpans implements EngineListener {
  private final SpanNames names;
  private final StageContext context;
  private final ArrayDeque<Open> open = new ArrayDeque<>(4);
  private @Nullable Open call;

  /** An open span, the stage's name (or {@code null} for a model call) and its context for children, once made. */
  private static final class Open {
    final @Nullable String stage;
    final Span span;
    @Nullable Context asParent;

    Open(@Nullable String stage, Span span) {
      this.stage = stage;
      this.span = span;
    }

    Context asParent() {
      Context c = asParent;
      if (c == null) {
        c = Context.root().with(span);
        asParent = c;
      }
      return c;
    }
  }

  public CallSpans(SpanNames names, StageContext context) {
    this.names = names;
    this.context = context;
  }

  @Override
  public synchronized void callStart(ChatCompletionRequest request) {
    RequestContext rc = context.request();
    SpanBuilder builder = names.tracer().spanBuilder(SpanNames.REQUEST).setSpanKind(SpanKind.INTERNAL)
        .setAttribute(SpanNames.OPERATION, SpanNames.CHAT);
    Context parent = remoteParent(rc);
    if (parent != null) {
      builder.setParent(parent);
    }
    if (request.model() != null) {
      builder.setAttribute(SpanNames.REQUEST_MODEL, request.model());
    }
    if (rc.spaceId() != null) {
      builder.setAttribute(SpanNames.SPACE, rc.spaceId());
    }
    call = new Open(null, builder.startSpan());
  }

  @Override
  public synchronized void stageStart(String stage, Phase phase) {
    if (!names.stageSpans() || call == null) {
      return;
    }
    Span span = names.tracer().spanBuilder(names.stage(stage)).setParent(parent())
        .setSpanKind(SpanKind.INTERNAL).setAttribute(SpanNames.PHASE, phase.name()).startSpan();
    open.push(new Open(stage, span));
  }

  @Override
  public synchronized void stageEnd(String stage, @Nullable Throwable failure) {
    if (names.stageSpans()) {
      end(stage, failure);
    }
  }

  @Override
  public synchronized void modelCallStart(String backend, ChatCompletionRequest request) {
    if (call == null) {
      return;
    }
    SpanBuilder builder = names.tracer().spanBuilder(names.modelCall(request.model())).setParent(parent())
        .setSpanKind(SpanKind.CLIENT).setAttribute(SpanNames.OPERATION, SpanNames.CHAT)
        .setAttribute(SpanNames.PROVIDER, backend);
    sampling(builder, request);
    Span span = builder.startSpan();
    open.push(new Open(null, span));
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
    if (top != null && top.stage == null) {
      usage(top.span, usage);
      if (finishReason != null) {
        top.span.setAttribute(SpanNames.FINISH_REASONS, SpanNames.finishReasons(finishReason));
      }
    }
    end(null, failure);
  }

  @Override
  public synchronized void callEnd(@Nullable Usage usage, @Nullable Throwable failure) {
    Open c = call;
    if (c == null) {
      return;
    }
    while (!open.isEmpty()) {
      open.pop().span.end(); // a span whose end event never came (a listener bug elsewhere): close it anyway
    }
    usage(c.span, usage);
    context.get(PiiAudit.KEY).ifPresent(audit -> pii(c.span, audit));
    fail(c.span, failure);
    c.span.end();
    call = null;
  }

  /** Ends the innermost open span of this stage ({@code null}: model call) and any opened after it. */
  private void end(@Nullable String stage, @Nullable Throwable failure) {
    boolean found = false;
    for (Open o : open) {
      if (java.util.Objects.equals(o.stage, stage)) {
        found = true;
        break;
      }
    }
    if (!found) {
      return;
    }
    while (!open.isEmpty()) {
      Open top = open.pop();
      if (java.util.Objects.equals(top.stage, stage)) {
        fail(top.span, failure);
        top.span.end();
        return;
      }
      top.span.end();
    }
  }

  /** The context of the innermost open span (the call's when none is open). */
  private Context parent() {
    Open top = open.peek();
    return top != null ? top.asParent() : java.util.Objects.requireNonNull(call).asParent();
  }

  /** The caller's span as parent, when the request context names a valid W3C trace and span id. */
  private static @Nullable Context remoteParent(RequestContext rc) {
    String trace = rc.traceId();
    String span = rc.parentSpanId();
    if (trace == null || span == null) {
      return null;
    }
    // The SDK checks the ids (length, hex, not all zero); lower case is what W3C requires and what it expects.
    SpanContext remote = SpanContext.createFromRemoteParent(trace.toLowerCase(Locale.ROOT),
        span.toLowerCase(Locale.ROOT), TraceFlags.getSampled(), TraceState.getDefault());
    return remote.isValid() ? Context.root().with(Span.wrap(remote)) : null;
  }

  private static void sampling(SpanBuilder builder, ChatCompletionRequest request) {
    if (request.model() != null) {
      builder.setAttribute(SpanNames.REQUEST_MODEL, request.model());
    }
    Sampling s = request.sampling();
    if (s.temperature() != null) {
      builder.setAttribute(SpanNames.TEMPERATURE, s.temperature());
    }
    if (s.topP() != null) {
      builder.setAttribute(SpanNames.TOP_P, s.topP());
    }
    Integer max = s.maxCompletionTokens() != null ? s.maxCompletionTokens() : s.maxTokens();
    if (max != null) {
      builder.setAttribute(SpanNames.MAX_TOKENS, max.longValue());
    }
  }

  private static void usage(Span span, @Nullable Usage usage) {
    if (usage != null) {
      span.setAttribute(SpanNames.INPUT_TOKENS, usage.promptTokens());
      span.setAttribute(SpanNames.OUTPUT_TOKENS, usage.completionTokens());
    }
  }

  /** Counts only: the entity tags are a fixed set, so the attribute names are bounded. */
  private static void pii(Span span, PiiAudit audit) {
    Set<String> created = new HashSet<>();
    long left = 0;
    for (PiiAudit.Entry e : audit.entries()) {
      if (e.origin() == PiiAudit.Origin.CREATED) {
        created.add(e.placeholder());
      } else if (e.decision() != PiiAudit.Decision.MASKED) {
        left += e.count();
      }
    }
    long masked = 0;
    for (Map.Entry<dev.confidant.pii.EntityType, Integer> e : audit.maskedCounts().entrySet()) {
      span.setAttribute(SpanNames.masked(e.getKey()), e.getValue());
      masked += e.getValue();
    }
    span.setAttribute(SpanNames.PII_MASKED, masked);
    span.setAttribute(SpanNames.PII_CREATED, created.size());
    span.setAttribute(SpanNames.PII_LEFT, left);
  }

  /** Marks a failure with its type only: an exception's message may quote the request. */
  private static void fail(Span span, @Nullable Throwable failure) {
    if (failure != null) {
      String type = failure instanceof ChatEngineException e ? e.type().name().toLowerCase(Locale.ROOT)
          : failure.getClass().getName();
      span.setAttribute(SpanNames.ERROR_TYPE, type);
      span.setStatus(StatusCode.ERROR);
    }
  }
}
