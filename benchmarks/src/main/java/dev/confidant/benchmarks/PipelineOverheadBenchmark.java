package dev.confidant.benchmarks;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.RequestContext;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.StageContext;
import dev.confidant.core.ChatEngines;
import dev.confidant.otel.OpenTelemetryTracing;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the engine adds per request: the full engine (every discovered stage, on the scripted backend) against the
 * same scripted backend called directly. The difference is the pipeline overhead. {@code engineTraced} is the same
 * engine with OpenTelemetry tracing on (an SDK tracer provider that samples every span and exports none), so
 * {@code engineTraced - engine} is what tracing adds per request: the default request and model-call spans.
 * {@code engineTracedStages} adds the opt-in span per stage.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PipelineOverheadBenchmark {
  private static final ScriptedReply REPLY =
      ScriptedReply.chunks("Hello", ", ", "how ", "can ", "I ", "help ", "you ", "today", "?");

  private ChatCompletionRequest request;
  private ScriptedModelBackend backend;
  private ChatCompletionEngine engine;
  private ChatCompletionEngine traced;
  private ChatCompletionEngine tracedStages;
  private OpenTelemetrySdk otel;

  @Setup(Level.Trial)
  public void setUp() {
    request = ChatCompletionRequest.of("bench",
        new SystemMessage("You are a helpful support assistant."),
        new UserMessage("I need help with my account, it was locked this morning."));
    backend = ScriptedModelBackend.builder().responder(r -> REPLY).recordRequests(false).build();
    engine = ChatEngines.builder().addBackend(backend).defaultBackend(backend.name()).build();
    otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder().build()).build();
    traced = ChatEngines.builder().addBackend(backend).defaultBackend(backend.name())
        .addListener(OpenTelemetryTracing.of(otel)).build();
    tracedStages = ChatEngines.builder().addBackend(backend).defaultBackend(backend.name())
        .addListener(OpenTelemetryTracing.of(otel).withStageSpans(true)).build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
    traced.close();
    tracedStages.close();
    otel.close();
  }

  /** The scripted backend alone: stream and collect. */
  @Benchmark
  public ChatCompletionResponse baseline() {
    return backend.stream(request, new StageContext(RequestContext.anonymous())).collect();
  }

  /** The same through the whole engine. */
  @Benchmark
  public ChatCompletionResponse engine() {
    return engine.complete(request);
  }

  /** The same through the whole engine with OpenTelemetry tracing: the request span and the model-call span. */
  @Benchmark
  public ChatCompletionResponse engineTraced() {
    return traced.complete(request);
  }

  /** The same with a span per stage too ({@code withStageSpans(true)}). */
  @Benchmark
  public ChatCompletionResponse engineTracedStages() {
    return tracedStages.complete(request);
  }
}
