package dev.confidant.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.RequestContext;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.StageContext;
import dev.confidant.api.spi.TracePropagation;
import dev.confidant.core.ChatEngines;
import dev.confidant.pii.Pseudonymization;
import dev.confidant.testkit.ScriptedModelBackend;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenTelemetryTracingTest {
  private static final ChatCompletionRequest SEED = ChatCompletionRequest.of("confidant-tiny",
      new SystemMessage("You are a helpful support assistant."),
      new UserMessage("My name is John Doe and I need help with my account, mail john.doe@example.org."));

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider = SdkTracerProvider.builder()
      .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(provider).build();
  private final List<String> traceparents = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    otel.close();
  }

  /** The echo backend, remembering the traceparent each call would send on. */
  private ModelBackend recordingEcho() {
    ScriptedModelBackend echo = ScriptedModelBackend.builder().echo().build();
    return new ModelBackend() {
      @Override
      public String name() {
        return echo.name();
      }

      @Override
      public CompletionStream stream(ChatCompletionRequest request, StageContext context) {
        context.get(TracePropagation.TRACEPARENT).ifPresent(traceparents::add);
        return echo.stream(request, context);
      }
    };
  }

  private ChatCompletionEngine engine() {
    return engine(OpenTelemetryTracing.of(otel));
  }

  private ChatCompletionEngine engine(OpenTelemetryTracing tracing) {
    return ChatEngines.builder().addBackend(recordingEcho()).defaultBackend("scripted")
        .addListener(tracing).build();
  }

  private static SpanData named(List<SpanData> spans, String name) {
    return spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow(
        () -> new AssertionError("no span " + name + " in " + spans.stream().map(SpanData::getName).toList()));
  }

  @Test
  void byDefaultARequestSpanWithOneModelCallChildOnTheGenAiConventions() {
    try (ChatCompletionEngine engine = engine()) {
      engine.complete(SEED.withSampling(SEED.sampling().withTemperature(0.2)),
          RequestContext.of("alice", "space_1").with(Pseudonymization.KEY, Pseudonymization.ON));
    }
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).extracting(SpanData::getName).containsExactlyInAnyOrder("confidant.request",
        "chat confidant-tiny");
    SpanData request = named(spans, "confidant.request");
    SpanData model = named(spans, "chat confidant-tiny");
    assertThat(model.getParentSpanId()).isEqualTo(request.getSpanId());
    assertThat(model.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(model.getAttributes().get(AttributeKey.doubleKey("gen_ai.request.temperature"))).isEqualTo(0.2);
    assertThat(model.getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
        .containsExactly("stop");
    assertThat(request.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model")))
        .isEqualTo("confidant-tiny");
    assertThat(request.getAttributes().get(AttributeKey.stringKey("confidant.space.id"))).isEqualTo("space_1");
    assertThat(request.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isPositive();
    assertThat(request.getAttributes().get(AttributeKey.longKey("confidant.pii.masked"))).isEqualTo(2L);
    assertThat(OpenTelemetryTracing.of(otel).observesStages()).isFalse();
  }

  @Test
  void withStageSpansEachStageIsASpanBetweenTheRequestAndTheModelCall() {
    try (ChatCompletionEngine engine = engine(OpenTelemetryTracing.of(otel).withStageSpans(true))) {
      engine.complete(SEED, RequestContext.of("alice", "space_1").with(Pseudonymization.KEY, Pseudonymization.ON));
    }
    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData request = named(spans, "confidant.request");
    SpanData model = named(spans, "chat confidant-tiny");
    SpanData privacy = named(spans, "confidant.stage pseudonymization");

    assertThat(request.getParentSpanContext().isValid()).isFalse();
    assertThat(spans).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(request.getTraceId()));
    List<String> ids = spans.stream().map(SpanData::getSpanId).toList();
    assertThat(spans).filteredOn(s -> s != request).allSatisfy(s -> assertThat(ids).contains(s.getParentSpanId()));
    assertThat(spans).extracting(SpanData::getName)
        .contains("confidant.stage access-control", "confidant.stage pseudonymization");
    assertThat(model.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(model.getParentSpanId()).isEqualTo(privacy.getSpanId());
    assertThat(model.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("chat");
    assertThat(model.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("scripted");
    assertThat(model.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("confidant-tiny");
    assertThat(model.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isPositive();
    assertThat(model.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isPositive();
    assertThat(model.getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
        .containsExactly("stop");
    assertThat(request.getAttributes().get(AttributeKey.longKey("confidant.pii.masked"))).isEqualTo(2L);
    assertThat(request.getAttributes().get(AttributeKey.longKey("confidant.pii.masked.NAME"))).isEqualTo(1L);
    assertThat(request.getAttributes().get(AttributeKey.longKey("confidant.pii.placeholders.created")))
        .isEqualTo(2L);
    // No value, and no principal, in any attribute of any span.
    assertThat(spans).allSatisfy(s -> assertThat(s.getAttributes().toString())
        .doesNotContain("John", "Doe", "john.doe", "example.org", "alice"));
  }

  @Test
  void aCallerTraceIsContinuedAndTheModelCallsTraceparentIsPassedOn() {
    String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    String parent = "00f067aa0ba902b7";
    try (ChatCompletionEngine engine = engine()) {
      engine.complete(SEED, RequestContext.of("alice", null).withTrace(trace, parent));
    }
    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData request = named(spans, "confidant.request");
    SpanData model = named(spans, "chat confidant-tiny");
    assertThat(request.getTraceId()).isEqualTo(trace);
    assertThat(request.getParentSpanId()).isEqualTo(parent);
    assertThat(traceparents).containsExactly("00-" + trace + "-" + model.getSpanId() + "-01");
  }

  @Test
  void aFailedCallMarksItsSpanWithTheErrorTypeOnly() {
    try (ChatCompletionEngine engine = ChatEngines.builder().addBackend(recordingEcho()).noDefaultBackend()
        .addListener(OpenTelemetryTracing.of(otel)).build()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.complete(SEED))
          .isInstanceOf(dev.confidant.api.ModelNotFoundException.class);
    }
    SpanData request = named(exporter.getFinishedSpanItems(), "confidant.request");
    assertThat(request.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(request.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("not_found");
    assertThat(request.getEvents()).isEmpty(); // no recorded exception: its message may quote the request
  }
}
