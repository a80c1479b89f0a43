package dev.confidant.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.RequestContext;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.StageContext;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class StageHarnessTest {
  private static final ChatCompletionRequest REQUEST = ChatCompletionRequest.of("m", new UserMessage("hi"));

  @Test
  void stageCannotCallProceedTwice() {
    PipelineStage twice = chain -> {
      chain.proceed(chain.request()).close();
      return chain.proceed(chain.request());
    };
    ScriptedModelBackend backend = ScriptedModelBackend.echo();
    assertThatThrownBy(() -> StageHarness.of(twice, backend).stream(REQUEST))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stage '#0 (")
        .hasMessageContaining("called proceed more than once");
  }

  @Test
  void toolLoopStageMayProceedRepeatedly() {
    PipelineStage loop = chain -> {
      chain.proceed(chain.request()).drain();
      return chain.proceed(chain.request().plusMessage(new UserMessage("again")));
    };
    ScriptedModelBackend backend = ScriptedModelBackend.echo();
    String text = StageHarness.builder(backend).toolLoopStage(loop).build().complete(REQUEST).message().text();
    assertThat(text).isEqualTo("again");
    assertThat(backend.requests()).hasSize(2);
  }

  @Test
  void stageReturningNullIsRejected() {
    PipelineStage broken = chain -> {
      chain.proceed(chain.request()).close();
      return nullStream();
    };
    assertThatThrownBy(() -> StageHarness.of(broken, ScriptedModelBackend.echo()).stream(REQUEST))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("returned null");
  }

  @Test
  void stagesRunInOrderAndShareTheContext() {
    StageContext.Key<String> seen = new StageContext.Key<>("seen", String.class);
    PipelineStage first = chain -> {
      chain.context().put(seen, "first");
      return chain.proceed(chain.request().plusMessage(new SystemMessage("from first")));
    };
    PipelineStage second = chain -> {
      assertThat(chain.context().get(seen)).contains("first");
      return chain.proceed(chain.request().plusMessage(new UserMessage("from second")));
    };
    ScriptedModelBackend backend = ScriptedModelBackend.echo();
    StageContext context = new StageContext(RequestContext.of("ada", "space_1"));
    CompletionStream stream = StageHarness.builder(backend).stage(first).stage(second).build().stream(REQUEST, context);
    assertThat(stream.collect().message().text()).isEqualTo("from second");
    assertThat(backend.lastRequest().orElseThrow().messages()).hasSize(3);
  }

  @Test
  void eachCallGetsItsOwnChain() {
    PipelineStage passThrough = chain -> chain.proceed(chain.request());
    ScriptedModelBackend backend = ScriptedModelBackend.echo();
    StageHarness harness = StageHarness.of(passThrough, backend);
    harness.complete(REQUEST);
    harness.complete(REQUEST);
    assertThat(backend.requests()).hasSize(2);
  }

  /** Deliberately breaks the contract. */
  private static @Nullable CompletionStream nullStream() {
    return null;
  }
}
