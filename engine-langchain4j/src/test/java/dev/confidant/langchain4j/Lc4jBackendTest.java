package dev.confidant.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.RawJson;
import dev.confidant.api.RequestContext;
import dev.confidant.api.ResponseOptions;
import dev.confidant.api.Sampling;
import dev.confidant.api.ToolChoice;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.Tools;
import dev.confidant.api.UserMessage;
import dev.confidant.api.Violation;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.StageContext;
import dev.confidant.core.ChatEngines;
import dev.confidant.testkit.Cancellation;
import dev.confidant.testkit.FakeModelServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** LangChain4j models as backends: what reaches the wire, what is refused, routing and cancellation. */
class Lc4jBackendTest {
  private final FakeModelServer server = FakeModelServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  private static StageContext context() {
    return new StageContext(RequestContext.anonymous());
  }

  @Test
  void samplingToolsAndFormatReachTheProvidersWire() {
    ToolDefinition weather = new ToolDefinition("weather", "Weather by city", RawJson.of("{\"type\":\"object\","
        + "\"properties\":{\"city\":{\"type\":\"string\",\"minLength\":1}},\"required\":[\"city\"]}"), null);
    ChatCompletionRequest request = Lc4jModels.unseeded("one two three")
        .withSampling(new Sampling(0.2, 0.9, 12, null, List.of("END"), null, 0.1, 0.3, Map.of()))
        .withTools(new Tools(List.of(weather), ToolChoice.Mode.AUTO, null));
    try (ModelBackend backend = Lc4jModels.perRequest(server)) {
      backend.stream(request, context()).drain();
    }
    JsonNode body = server.requests().get(0);
    assertThat(body.path("model").asText()).as("the instance's own model name").isEqualTo(Lc4jModels.MODEL);
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
    assertThat(body.path("stop").get(0).asText()).isEqualTo("END");
    assertThat(body.path("frequency_penalty").asDouble()).isEqualTo(0.1);
    assertThat(body.path("presence_penalty").asDouble()).isEqualTo(0.3);
    assertThat(body.path("tools").get(0).path("function").path("parameters").path("properties").path("city")
        .path("minLength").asInt()).as("schema keywords LangChain4j has no type for travel verbatim").isEqualTo(1);
    assertThat(server.headers().get(0).get("Authorization")).containsExactly("Bearer sk-lc4j-test-key");
  }

  @Test
  void whatNeutralParametersCannotCarryIsRejectedBeforeAnythingIsSent() {
    ChatCompletionRequest request = Lc4jModels.unseeded("hi")
        .withSampling(new Sampling(null, null, null, null, List.of(), 7L, null, null, Map.of("42", 5)))
        .withOptions(new ResponseOptions(2, null, null, true, null, "user-1"))
        .withTools(new Tools(List.of(new ToolDefinition("f", null, null, null)), new ToolChoice.Function("f"), false));
    for (ModelBackend backend : List.of(Lc4jModels.streaming(server), Lc4jModels.blocking(server),
        Lc4jModels.perRequest(server))) {
      try (backend) {
        assertThatThrownBy(() -> backend.stream(request, context()))
            .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                .extracting(Violation::path).containsExactly("seed", "logit_bias", "n",
                    "logprobs", "user", "tool_choice", "parallel_tool_calls"));
      }
    }
    assertThat(server.calls()).isZero();
  }

  @Test
  void theEngineRoutesModelIdsToALangChain4jBackend() {
    try (ChatCompletionEngine engine = ChatEngines.builder().discover(false)
        .addBackend(Lc4jModels.blocking(server)).route("assistant", "lc4j-openai").noDefaultBackend().build()) {
      assertThat(engine.complete(ChatCompletionRequest.of("assistant", new UserMessage("hello over there")))
          .message().text()).isEqualTo("hello over there");
    }
    assertThat(server.requests().get(0).path("model").asText()).isEqualTo(Lc4jModels.MODEL);
  }

  @Test
  void closingAPerRequestStreamClosesTheResponse() {
    server.tokenDelayMillis(25);
    try (ModelBackend backend = Lc4jModels.perRequest(server)) {
      backend.stream(Lc4jModels.unseeded("warm up"), context()).drain(); // the HTTP client's threads start once
      Set<Thread> before = Cancellation.liveThreads();
      // A reply of 15 s: the server can only see the client go away if close() cut the response short, however
      // slow the close is on a loaded machine (a 10-word reply once ended before a cold close() did).
      ChatCompletionRequest request = Lc4jModels.unseeded("word ".repeat(600).strip());
      CompletionStream stream = backend.stream(request.withSampling(request.sampling().withMaxTokens(1000)),
          context());
      Cancellation.untilContent(stream);
      long closedAt = System.nanoTime();
      stream.close();
      Duration took = Cancellation.awaitStop(closedAt, () -> server.openStreams() == 0, Duration.ofSeconds(8));
      // Printed, not asserted: a duration is no unit-test verdict on a shared machine.
      System.out.printf("langchain4j per-request backend: close() to response closed at the server: %.1f ms%n",
          took.toNanos() / 1e6);
      assertThat(server.abortedStreams()).as("the server saw the client go away").isEqualTo(1);
      assertThat(stream.next()).isNull();
      assertThat(Cancellation.leftoverThreads(before, Duration.ofSeconds(1))).isEmpty();
    }
  }

  @Test
  void closingAStreamingInstanceCancelsLangChain4jsHandle() {
    server.tokenDelayMillis(25);
    try (ModelBackend backend = Lc4jModels.streaming(server)) {
      ChatCompletionRequest request = Lc4jModels.unseeded("word ".repeat(600).strip());
      // unseeded() caps the reply at 64 tokens (1.6 s); lift the cap so that the reply really lasts 15 s.
      request = request.withSampling(request.sampling().withMaxTokens(1000));
      CompletionStream stream = backend.stream(request, context());
      Cancellation.untilContent(stream);
      long closedAt = System.nanoTime();
      stream.close();
      // The reply would stream for 15 s more: the server sees the client go away well before, even on a loaded
      // machine (the limit is generous so that load cannot fail the test; the printed figure is the measurement).
      Duration took = Cancellation.awaitStop(closedAt, () -> server.openStreams() == 0, Duration.ofSeconds(8));
      System.out.printf("langchain4j streaming instance: close() to response closed at the server: %.1f ms%n",
          took.toNanos() / 1e6);
      assertThat(server.abortedStreams()).as("the server saw the client go away").isEqualTo(1);
      assertThat(stream.next()).isNull();
    }
  }
}
