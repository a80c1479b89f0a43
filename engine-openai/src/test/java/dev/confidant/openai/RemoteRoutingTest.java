package dev.confidant.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.AccessDeniedException;
import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.ModelNotFoundException;
import dev.confidant.api.RawJson;
import dev.confidant.api.RequestContext;
import dev.confidant.api.Sampling;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.Tools;
import dev.confidant.api.UserMessage;
import dev.confidant.core.ChatEngines;
import dev.confidant.core.ModelCapability;
import dev.confidant.core.ModelRegistry;
import dev.confidant.core.ModelSpec;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.core.ResilienceSettings;
import dev.confidant.openai.internal.OpenAiBackendProvider;
import dev.confidant.testkit.FakeModelServer;
import dev.confidant.testkit.Fault;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The registry inside the engine, with two remote backends: ids to backends and backend models, defaults, checks
 * and fallbacks. The second backend, named {@code ollama}, is what an Ollama server's OpenAI-compatible {@code /v1}
 * looks like to the engine.
 */
class RemoteRoutingTest {
  private final FakeModelServer openai = FakeModelServer.start();
  private final FakeModelServer ollama = FakeModelServer.start();

  @AfterEach
  void stop() {
    openai.close();
    ollama.close();
  }

  private ChatEngines.Builder builder() {
    return ChatEngines.builder().discover(false)
        .addBackend(new OpenAiBackendProvider())
        .addBackend(OpenAiBackends.create("ollama", ollama.baseUrl() + "/v1", null, ModelTimeouts.DEFAULT))
        .option(OpenAiOptions.BASE_URL, openai.baseUrl() + "/v1")
        .option(OpenAiOptions.API_KEY, "sk-routing-test-key")
        .resilience(ResilienceSettings.NONE);
  }

  private static ChatCompletionRequest ask(String model) {
    return ChatCompletionRequest.of(model, new UserMessage("hello there"));
  }

  @Test
  void publicIdsReachTheirBackendUnderTheBackendModelNameWithDefaults() {
    ModelSpec gpt = ModelSpec.builder("gpt-4o", "openai").backendModel("gpt-4o-2024-08-06")
        .defaults(Sampling.DEFAULT.withTemperature(0.3).withSeed(9L)).build();
    try (ChatCompletionEngine engine = builder().model(gpt).route("llama3", "ollama").build()) {
      assertThat(engine.complete(ask("gpt-4o").withSampling(Sampling.DEFAULT.withSeed(1L))).message().text())
          .isEqualTo("hello there");
      assertThat(engine.complete(ask("llama3")).message().text()).isEqualTo("hello there");
    }
    assertThat(openai.requests().get(0).path("model").asText()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(openai.requests().get(0).path("temperature").asDouble()).isEqualTo(0.3);
    assertThat(openai.requests().get(0).path("seed").asLong()).as("the request's own seed wins").isEqualTo(1L);
    assertThat(ollama.requests().get(0).path("model").asText()).isEqualTo("llama3");
  }

  @Test
  void aFailingModelFallsBackAlongItsChain() {
    openai.fail(new Fault.Status(500, null, "upstream broke"));
    ModelSpec gpt = ModelSpec.builder("gpt-4o", "openai").fallbacks(List.of("llama3")).build();
    try (ChatCompletionEngine engine = builder().model(gpt).model(ModelSpec.of("llama3", "ollama")).build()) {
      assertThat(engine.complete(ask("gpt-4o")).message().text()).isEqualTo("hello there");
    }
    assertThat(openai.calls()).isEqualTo(1);
    assertThat(ollama.calls()).isEqualTo(1);
  }

  @Test
  void unknownInactiveAndForbiddenModelsAreRejected() {
    ModelRegistry registry = ModelRegistry.of(List.of(
        ModelSpec.builder("team-model", "openai").allowedSpaces(Set.of("space_a")).build(),
        ModelSpec.builder("old", "openai").active(false).build()));
    try (ChatCompletionEngine engine = builder().models(registry).build()) {
      assertThatThrownBy(() -> engine.complete(ask("nope"), RequestContext.of("ann", "space_a")))
          .isInstanceOf(ModelNotFoundException.class)
          .hasMessage("model 'nope' not found; available: [team-model]");
      // Outside space_a the restricted model reads exactly like one that does not exist (issue 14 item 7).
      assertThatThrownBy(() -> engine.complete(ask("nope"), RequestContext.of("bob", "space_b")))
          .isInstanceOf(ModelNotFoundException.class).hasMessage("model 'nope' not found; available: []");
      assertThatThrownBy(() -> engine.complete(ask("team-model"), RequestContext.of("bob", "space_b")))
          .isInstanceOf(ModelNotFoundException.class).hasMessage("model 'team-model' not found; available: []");
      assertThatThrownBy(() -> engine.complete(ask("old"))).isInstanceOf(ModelNotFoundException.class);
      assertThat(engine.complete(ask("team-model"), RequestContext.of("ann", "space_a")).message().text())
          .isEqualTo("hello there");
    }
  }

  @Test
  void requestsNeedingAMissingCapabilityAreRejectedBeforeAnyCall() {
    ModelSpec plain = ModelSpec.builder("plain", "ollama")
        .capabilities(Set.of(ModelCapability.CHAT, ModelCapability.STREAMING)).build();
    ToolDefinition tool = new ToolDefinition("f", null, RawJson.of("{\"type\":\"object\"}"), null);
    try (ChatCompletionEngine engine = builder().model(plain).build()) {
      assertThatThrownBy(() -> engine.complete(ask("plain").withTools(Tools.of(tool))))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("model 'plain' does not support tools");
    }
    assertThat(ollama.calls()).isZero();
  }

  @Test
  void aBackendThatCannotHonourAFieldRejectsItOnStream() {
    try (ChatCompletionEngine engine = builder().route("llama3", "ollama").build()) {
      assertThatThrownBy(() -> engine.stream(ask("llama3").withExtraFields(
          java.util.Map.of("x_options", RawJson.of("{not json"))))) // the backend cannot write it
          .isInstanceOfSatisfying(InvalidRequestException.class, e ->
              assertThat(e.violations().get(0).loc()).isEmpty()); // the request itself: the server says body
    }
    assertThat(ollama.calls()).isZero();
  }

  @Test
  void unknownBackendInTheRegistryFailsTheBuild() {
    assertThatThrownBy(() -> builder().route("x", "vllm").build())
        .hasMessageContaining("model backend 'vllm' not found");
  }

  @Test
  void aRequestsOwnEndpointServesRegisteredAndUnregisteredOpenAiModelsWithItsKey() {
    try (FakeModelServer own = FakeModelServer.start();
        ChatCompletionEngine engine = builder().defaultBackend("ollama")
            .model(ModelSpec.builder("gpt-4o", "openai").backendModel("gpt-4o-2024-08-06").build()).build()) {
      RequestContext context = RequestContext.of("ann", "space_a")
          .with(ModelEndpoint.KEY, new ModelEndpoint(own.baseUrl() + "/v1", "sk-own-key-42"));
      assertThat(context.toString()).doesNotContain("sk-own-key-42");
      assertThat(engine.complete(ask("gpt-4o"), context).message().text()).isEqualTo("hello there");
      assertThat(engine.complete(ask("my-own-model"), context).message().text()).isEqualTo("hello there");
      assertThat(own.requests()).extracting(r -> r.path("model").asText())
          .containsExactly("gpt-4o-2024-08-06", "my-own-model");
      assertThat(own.headers().get(0).get("Authorization")).containsExactly("Bearer sk-own-key-42");
    }
    assertThat(openai.calls()).isZero();
    assertThat(ollama.calls()).isZero();
  }

  @Test
  void aRequestsOwnEndpointIsNeverIgnoredNorFallenBackFrom() {
    openai.fail(new Fault.Status(500, null, "upstream broke"));
    ModelSpec gpt = ModelSpec.builder("gpt-4o", "openai").fallbacks(List.of("llama3")).build();
    RequestContext context = RequestContext.anonymous()
        .with(ModelEndpoint.KEY, new ModelEndpoint(openai.baseUrl() + "/v1", null));
    try (ChatCompletionEngine engine = builder().model(gpt).route("llama3", "ollama").build()) {
      assertThatThrownBy(() -> engine.complete(ask("llama3"), context))
          .isInstanceOfSatisfying(InvalidRequestException.class, e ->
              assertThat(e.violations().get(0).path()).isEqualTo("options.model_endpoint"));
      assertThatThrownBy(() -> engine.complete(ask("gpt-4o"), context))
          .isInstanceOf(dev.confidant.api.ModelInvocationException.class);
    }
    assertThat(openai.calls()).isEqualTo(1);
    assertThat(ollama.calls()).as("no fallback away from the caller's endpoint").isZero();
  }

  @Test
  void withoutADefaultBackendUnknownIdsAreNotFound() {
    try (ChatCompletionEngine engine = builder().route("llama3", "ollama").noDefaultBackend().build()) {
      assertThatThrownBy(() -> engine.complete(ask("gpt-5")))
          .isInstanceOf(ModelNotFoundException.class)
          .hasMessage("model 'gpt-5' not found; available: [llama3]");
    }
  }

  @Test
  void failuresOfARequestsOwnEndpointDoNotOpenTheSharedBreaker() {
    try (FakeModelServer own = FakeModelServer.start();
        ChatCompletionEngine engine = builder().resilience(ResilienceSettings.NONE.withBreakerThreshold(1))
            .route("gpt-4o", "openai").build()) {
      own.fail(new Fault.Status(500, null, "broken"), new Fault.Status(500, null, "broken"));
      RequestContext context = RequestContext.anonymous()
          .with(ModelEndpoint.KEY, new ModelEndpoint(own.baseUrl() + "/v1", null));
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> engine.complete(ask("gpt-4o"), context))
            .isInstanceOf(dev.confidant.api.ModelInvocationException.class);
      }
      assertThat(engine.complete(ask("gpt-4o")).message().text()).isEqualTo("hello there");
      assertThat(own.calls()).isEqualTo(2);
    }
  }
}
