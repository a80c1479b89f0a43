package dev.confidant.core.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.EngineConfigException;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.Phase;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.PipelineStageProvider;
import dev.confidant.core.ChatEngines;
import dev.confidant.testkit.ScriptedModelBackend;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stages registered in {@code META-INF/services} of another jar (a class-loader root made here) are discovered
 * and run in their phase; duplicate names among discovered providers fail.
 */
class ServiceLoaderDiscoveryTest {
  static final List<String> SEEN = new CopyOnWriteArrayList<>();

  @TempDir Path jar;

  @Test
  void registeredStageRunsInItsPhase() throws IOException {
    SEEN.clear();
    ScriptedModelBackend backend = ScriptedModelBackend.echo();
    try (URLClassLoader loader = loaderWithServices(AuditStage.class.getName());
        ChatCompletionEngine engine = ChatEngines.builder().classLoader(loader)
            .addBackend(backend).defaultBackend(backend.name()).build()) {
      assertThat(((PipelineEngine) engine).stageNames()).containsSubsequence("validation", "audit");
      engine.complete(ChatCompletionRequest.of(null, new UserMessage("hi")));
      assertThat(SEEN).containsExactly("audit:AUTHORIZE");
    }
  }

  @Test
  void duplicateNamesAmongDiscoveredProvidersFail() throws IOException {
    try (URLClassLoader loader = loaderWithServices(AuditStage.class.getName(), OtherAuditStage.class.getName())) {
      assertThatThrownBy(() -> ChatEngines.builder().classLoader(loader).addBackend(ScriptedModelBackend.echo()).build())
          .isInstanceOf(EngineConfigException.class)
          .hasMessageContaining("duplicate pipeline stage name 'audit'")
          .hasMessageContaining(AuditStage.class.getName())
          .hasMessageContaining(OtherAuditStage.class.getName());
    }
  }

  private URLClassLoader loaderWithServices(String... providers) throws IOException {
    Path services = jar.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(PipelineStageProvider.class.getName()), String.join("\n", providers) + "\n");
    return new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
  }

  /** A stage found through META-INF/services. */
  public static class AuditStage implements PipelineStageProvider {
    @Override
    public String name() {
      return "audit";
    }

    @Override
    public Phase phase() {
      return Phase.AUTHORIZE;
    }

    @Override
    public PipelineStage create(EngineContext context) {
      return chain -> {
        SEEN.add(name() + ":" + phase());
        return chain.proceed(chain.request());
      };
    }
  }

  /** Another provider claiming the same name. */
  public static class OtherAuditStage extends AuditStage {}
}
