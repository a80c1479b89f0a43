package dev.confidant.core.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.FinishReason;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.ModelNotFoundException;
import dev.confidant.api.ErrorType;
import dev.confidant.api.Usage;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.EngineListener;
import dev.confidant.api.spi.Phase;
import dev.confidant.api.spi.StageContext;
import dev.confidant.core.ChatEngines;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class EngineListenerTest {
  private static final ChatCompletionRequest HELLO = ChatCompletionRequest.of(null, new UserMessage("hello"));

  private final List<String> events = new CopyOnWriteArrayList<>();

  /** Records every event as a short line. */
  private final class Recorder implements EngineListener {
    @Override
    public void callStart(ChatCompletionRequest request) {
      events.add("call start " + request.model());
    }

    @Override
    public void stageStart(String stage, Phase phase) {
      events.add("stage start " + stage);
    }

    @Override
    public void stageEnd(String stage, @Nullable Throwable failure) {
      events.add("stage end " + stage + (failure == null ? "" : " failed"));
    }

    @Override
    public void modelCallStart(String backend, ChatCompletionRequest request) {
      events.add("model start " + backend);
    }

    @Override
    public void modelCallEnd(@Nullable Usage usage, @Nullable FinishReason finishReason,
        @Nullable Throwable failure) {
      events.add("model end " + (usage == null ? "-" : usage.totalTokens()) + " " + finishReason
          + (failure == null ? "" : " failed"));
    }

    @Override
    public void callEnd(@Nullable Usage usage, @Nullable Throwable failure) {
      events.add("call end " + (usage == null ? "-" : usage.totalTokens()) + (failure == null ? "" : " failed"));
    }
  }

  private ChatCompletionEngine engine(ScriptedModelBackend backend, EngineListener.Factory... factories) {
    ChatEngines.Builder builder = ChatEngines.builder().discover(false).addBackend(backend)
        .addStage(new PipelineEngineTest.StageProvider("outer", Phase.AUGMENT, 0,
            chain -> chain.proceed(chain.request())))
        .addStage(new PipelineEngineTest.StageProvider("inner", Phase.PRIVACY, 0,
            chain -> chain.proceed(chain.request())));
    for (EngineListener.Factory f : factories) {
      builder.addListener(f);
    }
    return builder.build();
  }

  @Test
  void eventsNestAndCarryTheUsageAndFinishReason() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("a b c").splitEvery(1)
        .withUsage(Usage.of(7, 3)));
    try (ChatCompletionEngine engine = engine(backend, context -> new Recorder())) {
      engine.complete(HELLO);
    }
    assertThat(events).containsExactly("call start confidant-tiny", "stage start validation",
        "stage start access-control", "stage start outer", "stage start inner", "model start " + backend.name(),
        "model end 10 STOP", "stage end inner", "stage end outer", "stage end access-control",
        "stage end validation", "call end 10");
  }

  @Test
  void aStreamClosedEarlyEndsEverySpanOnce() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("a b c d").splitEvery(1));
    try (ChatCompletionEngine engine = engine(backend, context -> new Recorder())) {
      try (CompletionStream stream = engine.stream(HELLO)) {
        stream.next();
      }
    }
    assertThat(events).containsExactly("call start confidant-tiny", "stage start validation",
        "stage start access-control", "stage start outer", "stage start inner", "model start " + backend.name(),
        "model end - null", "stage end inner", "stage end outer", "stage end access-control",
        "stage end validation", "call end -");
  }

  @Test
  void aFailingModelEndsItsSpansWithTheFailure() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("x")
        .failingOnStart(new ModelInvocationException(ErrorType.BACKEND_ERROR, "down", 502, null)));
    try (ChatCompletionEngine engine = engine(backend, context -> new Recorder())) {
      assertThatThrownBy(() -> engine.complete(HELLO)).isInstanceOf(ModelInvocationException.class);
    }
    assertThat(events).contains("model end - null failed", "stage end inner failed", "call end - failed");
  }

  @Test
  void anUnroutableRequestIsAFailedCallWithoutAModelCall() {
    ScriptedModelBackend backend = ScriptedModelBackend.builder().echo().build();
    try (ChatCompletionEngine engine = ChatEngines.builder().discover(false).addBackend(backend).noDefaultBackend()
        .addListener(context -> new Recorder()).build()) {
      assertThatThrownBy(() -> engine.complete(HELLO)).isInstanceOf(ModelNotFoundException.class);
    }
    assertThat(events).containsExactly("call start confidant-tiny", "stage start validation",
        "stage start access-control", "stage end access-control failed", "stage end validation failed",
        "call end - failed");
  }

  @Test
  void aThrowingListenerNeitherBreaksTheCallNorSilencesTheOthers() {
    ScriptedModelBackend backend = ScriptedModelBackend.builder().echo().build();
    EngineListener.Factory throwing = context -> new EngineListener() {
      @Override
      public void stageStart(String stage, Phase phase) {
        throw new IllegalStateException("listener bug");
      }
    };
    try (ChatCompletionEngine engine = engine(backend, throwing, context -> new Recorder())) {
      assertThat(engine.complete(HELLO).message().text()).isEqualTo("hello");
    }
    assertThat(events).contains("stage start outer", "stage start inner", "stage end outer")
        .anyMatch(e -> e.startsWith("call end") && !e.endsWith("failed"));
  }
  /** A factory whose listeners ignore stage events. */
  private final class CallsOnly implements EngineListener.Factory {
    @Override
    public EngineListener create(StageContext context) {
      return new Recorder();
    }

    @Override
    public boolean observesStages() {
      return false;
    }
  }

  @Test
  void listenersThatDoNotObserveStagesGetOnlyTheCallAndModelEvents() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("a b").withUsage(Usage.of(2, 2)));
    try (ChatCompletionEngine engine = engine(backend, new CallsOnly())) {
      engine.complete(HELLO);
    }
    assertThat(events).containsExactly("call start confidant-tiny", "model start " + backend.name(),
        "model end 4 STOP", "call end 4");
  }

  @Test
  void stagesAreObservedWhenAnyCombinedListenerWantsThem() {
    ScriptedModelBackend backend = ScriptedModelBackend.builder().echo().build();
    List<String> stages = new CopyOnWriteArrayList<>();
    EngineListener.Factory stageRecorder = context -> new EngineListener() {
      @Override
      public void stageStart(String stage, Phase phase) {
        stages.add(stage);
      }
    };
    try (ChatCompletionEngine engine = engine(backend, new CallsOnly(), stageRecorder)) {
      engine.complete(HELLO);
    }
    assertThat(stages).containsExactly("validation", "access-control", "outer", "inner");
    // The calls-only listener is handed the stage events too: ignoring them is its own choice.
    assertThat(events).contains("call start confidant-tiny", "stage start outer", "stage end outer");
  }
}
