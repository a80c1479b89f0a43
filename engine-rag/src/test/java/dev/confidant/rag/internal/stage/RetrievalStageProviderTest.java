package dev.confidant.rag.internal.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.EngineOption;
import dev.confidant.api.spi.Phase;
import dev.confidant.api.spi.PipelineStageProvider;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import dev.confidant.testkit.StageHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RetrievalStageProviderTest {

  @Test
  void serviceLoaderFindsTheRetrievalStageInTheAugmentPhase() {
    List<PipelineStageProvider> providers = ServiceLoader.load(PipelineStageProvider.class).stream()
        .filter(p -> p.type() == RetrievalStageProvider.class)
        .map(ServiceLoader.Provider::get)
        .toList();

    assertThat(providers).hasSize(1);
    assertThat(providers.getFirst().name()).isEqualTo("retrieval").matches("[a-z][a-z0-9-]{0,63}");
    assertThat(providers.getFirst().phase()).isEqualTo(Phase.AUGMENT);
  }

  @Test
  void moduleInfoProvidesWhatMetaInfServicesLists() throws IOException {
    String moduleInfo = Files.readString(Path.of("src/main/java/module-info.java"));
    Matcher provides = Pattern.compile("provides\\s+dev\\.confidant\\.api\\.spi\\.PipelineStageProvider\\s+with\\s+"
        + "([^;]+);").matcher(moduleInfo);
    assertThat(provides.find()).isTrue();
    List<String> fromModule = List.of(provides.group(1).split("\\s*,\\s*")).stream().map(String::strip).toList();
    List<String> fromServices = Files.readAllLines(
            Path.of("src/main/resources/META-INF/services/dev.confidant.api.spi.PipelineStageProvider")).stream()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

    assertThat(fromServices).containsExactlyInAnyOrderElementsOf(fromModule);
  }

  @Test
  void withoutAKnowledgeBaseTheStagePassesRequestsThrough() {
    EngineContext none = new EngineContext() {
      @Override
      public <T> Optional<T> option(EngineOption<T> option) {
        return Optional.ofNullable(option.defaultValue());
      }
    };
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("hi"));
    ChatCompletionRequest request = ChatCompletionRequest.of(ScriptedModelBackend.NAME, new UserMessage("q"));

    String reply = StageHarness.of(new RetrievalStageProvider().create(none), backend).stream(request).collect()
        .message().text();

    assertThat(reply).isEqualTo("hi");
    assertThat(backend.lastRequest()).contains(request);
  }
}
