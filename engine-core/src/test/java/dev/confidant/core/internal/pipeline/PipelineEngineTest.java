package dev.confidant.core.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.EngineConfigException;
import dev.confidant.api.ModelNotFoundException;
import dev.confidant.api.ResponseOptions;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.ModelBackendProvider;
import dev.confidant.api.spi.Phase;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.PipelineStageProvider;
import dev.confidant.core.ChatEngines;
import dev.confidant.core.internal.validation.ValidationStageProvider;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PipelineEngineTest {
  private static final ChatCompletionRequest HELLO = ChatCompletionRequest.of(null, new UserMessage("hello"));

  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final ScriptedModelBackend backend = ScriptedModelBackend.builder().echo().build();

  private ChatEngines.Builder builder() {
    return ChatEngines.builder().discover(false).addBackend(backend);
  }

  private PipelineStageProvider recording(String name, Phase phase, int order) {
    return new StageProvider(name, phase, order, chain -> {
      calls.add(name);
      return chain.proceed(chain.request());
    });
  }

  @Test
  void stagesRunInPhaseThenOrderThenNameOrder() {
    try (ChatCompletionEngine engine = builder()
        .addStage(recording("privacy", Phase.PRIVACY, 0))
        .addStage(recording("tools", Phase.TOOL_LOOP, 0))
        .addStage(recording("augment-b", Phase.AUGMENT, 0))
        .addStage(recording("augment-a", Phase.AUGMENT, 0))
        .addStage(recording("augment-first", Phase.AUGMENT, -5))
        .addStage(recording("authorize", Phase.AUTHORIZE, 0))
        .addStage(recording("validate", Phase.VALIDATE, 0))
        .build()) {
      engine.complete(HELLO);
    }
    assertThat(calls).containsExactly(
        "validate", "authorize", "augment-first", "augment-a", "augment-b", "tools", "privacy");
  }

  @Test
  void stageMayRewriteTheRequestAndTheReply() {
    PipelineStageProvider shout = new StageProvider("shout", Phase.AUGMENT, 0, chain -> chain
        .proceed(chain.request().withMessages(List.of(new UserMessage("rewritten"))))
        .transform((chunk, out) -> out.accept(chunk.withChoices(chunk.choices().stream()
            .map(c -> c.delta().content() == null ? c
                : c.withDelta(c.delta().withContent(c.delta().content().toUpperCase())))
            .toList()))));
    try (ChatCompletionEngine engine = builder().addStage(shout).build()) {
      ChatCompletionResponse response = engine.complete(HELLO);
      assertThat(backend.lastRequest().orElseThrow().messages().get(0).text()).isEqualTo("rewritten");
      assertThat(response.message().text()).isEqualTo("REWRITTEN");
    }
  }

  @Test
  void stageThatProceedsTwiceFailsNamingItself() {
    PipelineStageProvider twice = new StageProvider("greedy", Phase.AUGMENT, 0, chain -> {
      chain.proceed(chain.request()).close();
      return chain.proceed(chain.request());
    });
    try (ChatCompletionEngine engine = builder().addStage(twice).build()) {
      assertThatThrownBy(() -> engine.complete(HELLO))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("'greedy'")
          .hasMessageContaining("more than once");
    }
  }

  @Test
  void toolLoopStageMayProceedRepeatedly() {
    PipelineStageProvider loop = new StageProvider("loop", Phase.TOOL_LOOP, 0, chain -> {
      chain.proceed(chain.request()).collect();
      return chain.proceed(chain.request());
    });
    try (ChatCompletionEngine engine = builder().addStage(loop).build()) {
      engine.complete(HELLO);
    }
    assertThat(backend.requests()).hasSize(2);
  }

  @Test
  void stageReturningNullFailsNamingItself() {
    try (ChatCompletionEngine engine = builder().addStage(new StageProvider("broken", Phase.AUGMENT, 0, chain -> null))
        .build()) {
      assertThatThrownBy(() -> engine.complete(HELLO))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("'broken' returned null");
    }
  }

  @Test
  void removeAndReplaceStages() {
    try (ChatCompletionEngine engine = builder()
        .addStage(recording("one", Phase.AUGMENT, 0))
        .addStage(recording("two", Phase.AUGMENT, 0))
        .removeStage("one")
        .replaceStage("two", recording("three", Phase.AUGMENT, 0))
        .build()) {
      engine.complete(HELLO);
    }
    assertThat(calls).containsExactly("three");
  }

  @Test
  void removingAnUnknownStageListsTheAvailableOnes() {
    assertThatThrownBy(() -> builder().addStage(recording("one", Phase.AUGMENT, 0)).removeStage("nope").build())
        .isInstanceOf(EngineConfigException.class)
        .hasMessage("pipeline stage 'nope' not found; available: [validation, one]");
  }

  @Test
  void duplicateStageNamesFailNamingBothProviders() {
    assertThatThrownBy(() -> builder()
        .addStage(recording("same", Phase.AUGMENT, 0))
        .addStage(recording("same", Phase.PRIVACY, 0))
        .build())
        .isInstanceOf(EngineConfigException.class)
        .hasMessageContaining("duplicate pipeline stage name 'same'")
        .hasMessageContaining(StageProvider.class.getName() + " and " + StageProvider.class.getName());
  }

  @Test
  void invalidStageNamesAreRejected() {
    assertThatThrownBy(() -> builder().addStage(recording("Bad Name", Phase.AUGMENT, 0)).build())
        .isInstanceOf(EngineConfigException.class)
        .hasMessageContaining("invalid pipeline stage name 'Bad Name'");
  }

  @Test
  void usageChunkIsSentOnlyWhenAskedFor() {
    try (ChatCompletionEngine engine = builder().build()) {
      List<ChatCompletionChunk> plain = engine.stream(HELLO).drain();
      assertThat(plain).allSatisfy(c -> assertThat(c.usage()).isNull());
      assertThat(plain.get(plain.size() - 1).choices().get(0).finishReason()).isNotNull();

      ChatCompletionRequest withUsage = HELLO.withOptions(new ResponseOptions(null, true, true, null, null, null));
      List<ChatCompletionChunk> chunks = engine.stream(withUsage).drain();
      ChatCompletionChunk last = chunks.get(chunks.size() - 1);
      assertThat(last.choices()).isEmpty();
      assertThat(last.usage()).isNotNull();

      assertThat(engine.complete(HELLO).usage()).isNotNull();
    }
  }

  @Test
  void streamingConcatenatesToTheBlockingResult() {
    backend.close();
    ScriptedModelBackend scripted = ScriptedModelBackend.builder()
        .reply(ScriptedReply.chunks("Grüße, ", "😀", " und ", "mehr"))
        .reply(ScriptedReply.chunks("Grüße, ", "😀", " und ", "mehr"))
        .build();
    try (ChatCompletionEngine engine = ChatEngines.builder().discover(false).addBackend(scripted).build()) {
      StringBuilder streamed = new StringBuilder();
      try (CompletionStream stream = engine.stream(HELLO)) {
        stream.forEach(c -> c.choices().forEach(choice -> {
          if (choice.delta().content() != null) {
            streamed.append(choice.delta().content());
          }
        }));
      }
      assertThat(engine.complete(HELLO).message().text()).isEqualTo(streamed.toString()).isEqualTo("Grüße, 😀 und mehr");
    }
  }

  @Test
  void modelIdComesFromTheContextThenTheRequestThenTheDefault() {
    try (ChatCompletionEngine engine = builder().defaultModel("fallback").build()) {
      engine.complete(HELLO);
      engine.complete(HELLO.withModel("from-body"));
      engine.complete(HELLO.withModel("from-body"),
          dev.confidant.api.RequestContext.anonymous().with(ChatEngines.MODEL, "from-header"));
    }
    assertThat(backend.requests()).extracting(ChatCompletionRequest::model)
        .containsExactly("fallback", "from-body", "from-header");
  }

  @Test
  void blankModelIdIsAClientErrorOfTheValidationStageAndNeverRoutable() {
    try (ChatCompletionEngine engine = builder().build()) { // validation is there without discovery too
      assertThatThrownBy(() -> engine.complete(HELLO.withModel("  ")))
          .isInstanceOfSatisfying(dev.confidant.api.InvalidRequestException.class, e -> assertThat(e.violations())
              .singleElement().satisfies(v -> assertThat(v.loc()).containsExactly("model")));
    }
    try (ChatCompletionEngine engine = builder().removeStage(ValidationStageProvider.NAME).build()) {
      // Without the validation stage the router still refuses to route a blank id.
      assertThatThrownBy(() -> engine.complete(HELLO.withModel("  ")))
          .isInstanceOf(dev.confidant.api.ModelNotFoundException.class);
    }
    assertThat(backend.requests()).isEmpty();
  }

  @Test
  void unroutedModelIsRejectedWhenThereIsNoDefaultBackend() {
    ModelBackendProvider other = new ModelBackendProvider() {
      @Override
      public String name() {
        return "other";
      }

      @Override
      public ModelBackend create(EngineContext context) {
        return ScriptedModelBackend.echo();
      }
    };
    try (ChatCompletionEngine engine = builder().addBackend(other).route("known", "scripted").build()) {
      assertThatThrownBy(() -> engine.complete(HELLO.withModel("unknown")))
          .isInstanceOf(ModelNotFoundException.class)
          .hasMessage("model 'unknown' not found; available: [known]");
    }
  }

  /** A provider made of parts; public so that ServiceLoader can instantiate subclasses. */
  static class StageProvider implements PipelineStageProvider {
    private final String name;
    private final Phase phase;
    private final int order;
    private final PipelineStage stage;

    StageProvider(String name, Phase phase, int order, PipelineStage stage) {
      this.name = name;
      this.phase = phase;
      this.order = order;
      this.stage = stage;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Phase phase() {
      return phase;
    }

    @Override
    public int order() {
      return order;
    }

    @Override
    public PipelineStage create(EngineContext context) {
      return stage;
    }
  }
}
