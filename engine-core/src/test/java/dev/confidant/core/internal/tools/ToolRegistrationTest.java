package dev.confidant.core.internal.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.EngineConfigException;
import dev.confidant.api.RawJson;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.ToolContext;
import dev.confidant.api.spi.ToolProvider;
import dev.confidant.core.ChatEngines;
import dev.confidant.core.ModelCapability;
import dev.confidant.core.ModelSpec;
import dev.confidant.core.ToolOptions;
import dev.confidant.core.internal.pipeline.PipelineEngine;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import dev.confidant.testkit.ScriptedToolCall;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server tools are discovered, added, removed and checked by the engine builder. */
class ToolRegistrationTest {
  @TempDir Path jar;

  @Test
  void discoveredToolRunsInTheDefaultPipeline() throws IOException {
    Path services = jar.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(ToolProvider.class.getName()), ClockTool.class.getName() + "\n");
    ScriptedModelBackend backend = ScriptedModelBackend.of(
        ScriptedReply.toolCalls(ScriptedToolCall.of("call_1", "clock", "{}")), ScriptedReply.text("noon it is"));
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
        ChatCompletionEngine engine = ChatEngines.builder().classLoader(loader).addBackend(backend)
            .defaultBackend(backend.name()).build()) {
      assertThat(((PipelineEngine) engine).stageNames()).containsSubsequence("validation", "tool-loop");
      assertThat(engine.complete(ChatCompletionRequest.of(null, new UserMessage("time?"))).message().text())
          .isEqualTo("noon it is");
      assertThat(backend.requests().get(1).messages().get(2).text()).isEqualTo("noon");
    }
  }

  @Test
  void removedToolIsNotOffered() throws IOException {
    Path services = jar.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(ToolProvider.class.getName()), ClockTool.class.getName() + "\n");
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("hi"));
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
        ChatCompletionEngine engine = ChatEngines.builder().classLoader(loader).addBackend(backend)
            .defaultBackend(backend.name()).removeTool("clock").build()) {
      engine.complete(ChatCompletionRequest.of(null, new UserMessage("time?")));
      assertThat(backend.lastRequest().orElseThrow().tools().definitions()).isEmpty();
    }
  }

  @Test
  void duplicateInvalidAndUnknownToolNamesFailAtBuild() {
    ScriptedModelBackend backend = ScriptedModelBackend.echo();
    assertThatThrownBy(() -> ChatEngines.builder().discover(false).addBackend(backend)
        .addTool(ToolFixtures.weather()).addTool(ToolFixtures.weather()).build())
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("duplicate server tool name 'weather'");
    assertThatThrownBy(() -> ChatEngines.builder().discover(false).addBackend(backend)
        .addTool(ToolProvider.of("no spaces", "x", RawJson.of("{}"), (a, c) -> "")).build())
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("invalid server tool name 'no spaces'");
    assertThatThrownBy(() -> ChatEngines.builder().discover(false).addBackend(backend)
        .addTool(ToolProvider.of("bad", "x", RawJson.of("[1]"), (a, c) -> "")).build())
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("server tool 'bad' has invalid parameters");
    assertThatThrownBy(() -> ChatEngines.builder().discover(false).addBackend(backend).removeTool("nope").build())
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("server tool 'nope' not found");
  }

  @Test
  void modelsDeclaredWithoutToolsAreNotOfferedServerTools() {
    ScriptedModelBackend backend = ScriptedModelBackend.builder().responder(r -> ScriptedReply.text("ok")).build();
    try (ChatCompletionEngine engine = ChatEngines.builder().discover(false).addBackend(backend)
        .addStage(new ToolLoopStageProvider()).addTool(ToolFixtures.weather())
        .model(ModelSpec.builder("plain", backend.name()).capabilities(Set.of(ModelCapability.CHAT)).build())
        .model(ModelSpec.builder("smart", backend.name())
            .capabilities(Set.of(ModelCapability.CHAT, ModelCapability.TOOLS)).build())
        .build()) {
      engine.complete(ChatCompletionRequest.of("plain", new UserMessage("hi")));
      assertThat(backend.lastRequest().orElseThrow().tools().definitions()).isEmpty();
      engine.complete(ChatCompletionRequest.of("smart", new UserMessage("hi")));
      assertThat(backend.lastRequest().orElseThrow().tools().definitions()).extracting(d -> d.name())
          .containsExactly("weather");
    }
  }

  @Test
  void nonPositiveLimitsFailAtBuild() {
    assertThatThrownBy(() -> ChatEngines.builder().discover(false).addBackend(ScriptedModelBackend.echo())
        .addStage(new ToolLoopStageProvider()).option(ToolOptions.MAX_ROUNDS, 0).build())
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("MAX_ROUNDS must be at least 1");
  }

  /** A tool found through META-INF/services. */
  public static final class ClockTool implements ToolProvider {
    @Override
    public String name() {
      return "clock";
    }

    @Override
    public String description() {
      return "The time of day.";
    }

    @Override
    public RawJson parameters() {
      return RawJson.of("{\"type\":\"object\",\"properties\":{}}");
    }

    @Override
    public String call(String arguments, ToolContext context) {
      return "noon";
    }
  }
}
