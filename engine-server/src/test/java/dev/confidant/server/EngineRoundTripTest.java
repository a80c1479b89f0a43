package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.ErrorType;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.ResponseOptions;
import dev.confidant.api.Sampling;
import dev.confidant.api.UserMessage;
import dev.confidant.core.ChatEngines;
import dev.confidant.core.ModelSpec;
import dev.confidant.core.ResilienceSettings;
import dev.confidant.openai.OpenAiOptions;
import dev.confidant.testkit.ScriptedModelBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Engine B's {@code openai} backend calls engine A's REST server: the engine-to-engine round trip over the real
 * wire protocol (JSON and SSE), with A's errors mapped to B's exceptions.
 */
class EngineRoundTripTest {
  private final Harness a = new Harness(ScriptedModelBackend.echo());

  @AfterEach
  void stop() {
    a.close();
  }

  /** Engine B: one model, {@code via-a}, served by A under the name {@code a-model}. */
  private ChatCompletionEngine engineB(String path, String token) {
    return ChatEngines.builder()
        .removeStage("validation") // so that A's own validation answers the 422 below
        .option(OpenAiOptions.BASE_URL, a.server.uri() + path)
        .option(OpenAiOptions.API_KEY, token)
        .model(ModelSpec.builder("via-a", "openai").backendModel("a-model").build())
        .noDefaultBackend()
        .resilience(ResilienceSettings.NONE)
        .build();
  }

  private static ChatCompletionRequest ask(String text) {
    return ChatCompletionRequest.of("via-a", new UserMessage(text));
  }

  @Test
  void aPlainCompletionTravelsThroughAsServerWithUsage() {
    for (String path : List.of("/api-proxy/v1", "/v1")) {
      try (ChatCompletionEngine b = engineB(path, Harness.ADMIN)) {
        ChatCompletionResponse response = b.complete(ask("Hello from B"));

        assertThat(response.message().text()).isEqualTo("Hello from B");
        assertThat(response.model()).isEqualTo("a-model");
        assertThat(response.usage()).isNotNull();
        assertThat(response.usage().totalTokens()).isPositive();
      }
    }
    assertThat(a.backend.lastRequest().orElseThrow().model()).isEqualTo("a-model");
    assertThat(a.contexts).extracting(c -> c.principal()).containsOnly(ServerConfig.LOCAL_PRINCIPAL);
  }

  @Test
  void aStreamedCompletionArrivesInChunksWithUsage() {
    ChatCompletionRequest request = ask("one two three four")
        .withOptions(new ResponseOptions(null, true, true, null, null, null));
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (ChatCompletionEngine b = engineB("/api-proxy/v1", Harness.ADMIN);
        CompletionStream stream = b.stream(request)) {
      for (ChatCompletionChunk chunk = stream.next(); chunk != null; chunk = stream.next()) {
        chunks.add(chunk);
      }
    }
    StringBuilder text = new StringBuilder();
    chunks.forEach(c -> c.choices().forEach(choice -> {
      if (choice.delta().content() != null) {
        text.append(choice.delta().content());
      }
    }));
    assertThat(text.toString()).isEqualTo("one two three four");
    assertThat(chunks.stream().filter(c -> c.choices().size() > 0).count()).isGreaterThan(1);
    assertThat(chunks).anySatisfy(c -> assertThat(c.usage()).isNotNull());
  }

  @Test
  void asRefusalsMapToTheMatchingExceptionsInB() {
    try (ChatCompletionEngine b = engineB("/api-proxy/v1", Harness.OUTSIDER)) {
      assertThatThrownBy(() -> b.complete(ask("hi")))
          .isInstanceOfSatisfying(ModelInvocationException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.PERMISSION_DENIED);
            assertThat(e.upstreamStatus()).isEqualTo(403);
            assertThat(e.getMessage()).contains("Not authorized for space 'default'; you are a member of no space");
          });
    }
    try (ChatCompletionEngine b = engineB("/api-proxy/v1", "not-a-token")) {
      assertThatThrownBy(() -> b.complete(ask("hi")))
          .isInstanceOfSatisfying(ModelInvocationException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.AUTHENTICATION);
            assertThat(e.upstreamStatus()).isEqualTo(401);
            assertThat(e.getMessage()).doesNotContain("not-a-token");
          });
    }
    try (ChatCompletionEngine b = engineB("/api-proxy/v1", Harness.ADMIN)) {
      assertThatThrownBy(() -> b.complete(ask("hi").withSampling(Sampling.DEFAULT.withTemperature(7.0))))
          .isInstanceOfSatisfying(ModelInvocationException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.BACKEND_ERROR);
            assertThat(e.upstreamStatus()).isEqualTo(422);
            assertThat(e.getMessage()).contains("temperature");
          });
    }
    assertThat(a.backend.requests()).as("A's model was never called").isEmpty();
  }
}
