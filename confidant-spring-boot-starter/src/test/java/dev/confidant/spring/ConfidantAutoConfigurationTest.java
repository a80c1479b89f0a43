package dev.confidant.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.MessageContext;
import dev.confidant.api.RawJson;
import dev.confidant.api.RequestContext;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.ToolMessage;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.ToolProvider;
import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.IngestionListener;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.KnowledgeSources;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import dev.confidant.testkit.ScriptedToolCall;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The auto-configuration in an application of its own: a {@link ToolProvider} bean run by the engine's tool loop,
 * the knowledge base on disk under {@code confidant.rag.storage-dir} feeding the retrieval stage, the health
 * indicator and the observations. The models are scripted; the sample application in {@code examples/spring-boot}
 * runs the embedded model.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(properties = {
    "confidant.default-model=scripted-support",
    "confidant.models[0].id=scripted-support", "confidant.models[0].backend=scripted",
    "confidant.models[1].id=cited", "confidant.models[1].backend=scripted",
    "management.observations.enable.all=true"})
class ConfidantAutoConfigurationTest {
  static final Path STORAGE = temporaryDirectory();
  /** What the tool result messages said, as the model received them. */
  static final List<String> TOOL_RESULTS = new CopyOnWriteArrayList<>();
  /**
   * The model: for {@code cited}, answers with every message it received (so the passages the retrieval stage
   * added show); for {@code scripted-support}, calls the tool, then answers once it has the tool's result.
   */
  static final ScriptedModelBackend MODEL = ScriptedModelBackend.builder().responder(r -> {
    if ("cited".equals(r.model())) {
      return ScriptedReply.text(r.messages().stream().map(ChatMessage::text).collect(Collectors.joining("\n")));
    }
    if (r.messages().getLast() instanceof ToolMessage result) {
      TOOL_RESULTS.add(result.text());
      return ScriptedReply.text("Your order A-17 has shipped.");
    }
    return ScriptedReply.toolCalls(ScriptedToolCall.of("c1", "order_status", "{\"order\":\"A-17\"}"));
  }).build();

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Application {
    /** A server tool as a Spring bean: the auto-configuration adds it with {@code addTool}. */
    @Bean
    ToolProvider orderStatus() {
      return ToolProvider.of("order_status", "The status of a customer's order",
          RawJson.of("{\"type\":\"object\",\"properties\":{\"order\":{\"type\":\"string\"}},\"required\":[\"order\"]}"),
          (arguments, context) -> "{\"status\":\"shipped\",\"for\":" + arguments + "}");
    }

    @Bean
    EngineCustomizer scriptedBackends() {
      return builder -> builder.addBackend(MODEL);
    }
  }

  @DynamicPropertySource
  static void storage(DynamicPropertyRegistry registry) {
    registry.add("confidant.rag.storage-dir", STORAGE::toString);
  }

  private static Path temporaryDirectory() {
    try {
      Path dir = Files.createTempDirectory("confidant-starter-rag");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Autowired ChatCompletionEngine engine;
  @Autowired KnowledgeBase knowledgeBase;
  @Autowired @Qualifier("confidantHealthIndicator") HealthIndicator health;
  @Autowired MeterRegistry meters;

  @Test
  void aToolBeanRunsInTheEnginesToolLoop() {
    String answer = engine.complete(ChatCompletionRequest.of("scripted-support",
        new UserMessage("Where is my order A-17?")), RequestContext.of("alice", "support")).message().text();
    assertThat(answer).isEqualTo("Your order A-17 has shipped.");
    // The model got the bean's result for its arguments: the Spring bean ran in the tool loop.
    assertThat(TOOL_RESULTS).singleElement().asString().startsWith("{\"status\":\"shipped\",\"for\":{")
        .contains("A-17");
    assertThat(MODEL.requests().getFirst().tools().definitions()).extracting(ToolDefinition::name)
        .contains("order_status");
  }

  @Test
  void aDocumentIngestedIntoTheConfiguredStorageIsCitedInAChat() throws IOException {
    knowledgeBase.createCollection("support", "handbook", "Support handbook");
    knowledgeBase.ingest("support", "handbook", List.of(
            DocumentInput.ofText("shipping", "Shipping", "Parcels leave the warehouse within two days.")),
        IngestionListener.NONE).await(Duration.ofMinutes(1));
    String text = "Customers may return goods within 45 days.";
    ChatCompletionRequest request = ChatCompletionRequest.of("cited",
        new UserMessage("Within how many days can I return goods?"));
    // region readme-retrieval
    knowledgeBase.ingest("support", "handbook", List.of(DocumentInput.ofText("returns", "Returns policy", text)),
        IngestionListener.NONE).await(Duration.ofMinutes(1));
    ChatCompletionResponse answer = engine.complete(request, RequestContext.of("alice", "support")
        .with(KnowledgeSources.KEY, KnowledgeSources.ofCollections(List.of("handbook"))));
    List<MessageContext.Citation> citations = answer.message().context().citations(); // best first
    // endregion readme-retrieval
    try (Stream<Path> files = Files.walk(STORAGE)) {
      assertThat(files.filter(Files::isRegularFile)).isNotEmpty(); // Lucene on disk, not in memory
    }
    assertThat(citations).extracting(MessageContext.Citation::sourceId).first().isEqualTo("returns");
    assertThat(answer.message().text()).contains("45 days"); // the model was given the passage
  }

  @Test
  void theHealthIndicatorListsTheModels() {
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    assertThat(health.health().getDetails().get("models")).isEqualTo(List.of("scripted-support", "cited"));
  }

  @Test
  void eachCallIsObserved() {
    engine.complete(ChatCompletionRequest.of("cited", new UserMessage("hello")), RequestContext.of("bob", null));
    assertThat(meters.get("confidant.chat").tag("outcome", "ok").tag("gen_ai.request.model", "cited")
        .timer().count()).isPositive();
  }
}
