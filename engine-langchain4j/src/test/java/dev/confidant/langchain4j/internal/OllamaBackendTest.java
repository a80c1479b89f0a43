package dev.confidant.langchain4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.RawJson;
import dev.confidant.api.ResponseFormat;
import dev.confidant.api.ResponseOptions;
import dev.confidant.api.Sampling;
import dev.confidant.api.ToolChoice;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.Tools;
import dev.confidant.api.Violation;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.core.remote.UpstreamFailures;
import dev.confidant.testkit.AbstractRemoteBackendFaultTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OllamaBackendTest extends AbstractRemoteBackendFaultTest {

  @Override
  protected ModelBackend backend(Timeouts t) {
    return OllamaBackendProvider.ollama(server.baseUrl(), new ModelTimeouts(t.connect(), t.firstToken(), t.total()),
        Clock.systemUTC());
  }

  @Override
  protected Duration retryAfter(ModelInvocationException failure) {
    return UpstreamFailures.retryAfter(failure);
  }

  @Test
  void samplingToolsAndFormatReachTheWire() {
    ToolDefinition tool = new ToolDefinition("lookup", "Looks up", RawJson.of("{\"type\":\"object\"}"), null);
    ResponseFormat format = new ResponseFormat.JsonSchema("answer", null, RawJson.of(
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},\"required\":[\"a\"]}"), null);
    Sampling sampling = Sampling.DEFAULT.withTemperature(0.0).withTopP(0.5).withMaxTokens(12)
        .withStop(List.of("END")).withSeed(42L);
    try (ModelBackend backend = backend(FAST)) {
      backend.stream(hello().withSampling(sampling).withTools(Tools.of(tool)).withResponseFormat(format),
          context()).drain();
    }
    JsonNode body = server.requests().get(0);
    assertThat(body.path("model").asText()).isEqualTo("fake-model");
    assertThat(body.path("stream").asBoolean()).isTrue();
    JsonNode options = body.path("options");
    assertThat(options.path("temperature").asDouble(-1)).isEqualTo(0.0);
    assertThat(options.path("top_p").asDouble()).isEqualTo(0.5);
    assertThat(options.path("num_predict").asInt()).isEqualTo(12);
    assertThat(options.path("seed").asInt()).isEqualTo(42);
    assertThat(options.path("stop").get(0).asText()).isEqualTo("END");
    assertThat(body.path("tools").get(0).path("function").path("name").asText()).isEqualTo("lookup");
    assertThat(body.path("format").path("required").get(0).asText()).isEqualTo("a");
  }

  @Test
  void toolChoiceNoneWithholdsTheTools() {
    ToolDefinition tool = new ToolDefinition("lookup", null, null, null);
    try (ModelBackend backend = backend(FAST)) {
      String text = backend.stream(hello().withTools(new Tools(List.of(tool), ToolChoice.Mode.NONE, null)),
          context()).collect().message().text();
      assertThat(text).isEqualTo("one two three four five six");
    }
    assertThat(server.requests().get(0).path("tools").isEmpty()).isTrue();
  }

  @Test
  void fieldsOllamaHasNoPlaceForAreRejected() {
    ToolDefinition tool = new ToolDefinition("lookup", null, null, null);
    Sampling sampling = new Sampling(null, null, null, null, List.of(), null, 0.5, 0.5, Map.of("1", 5));
    try (ModelBackend backend = backend(FAST)) {
      assertThatThrownBy(() -> backend.stream(hello().withSampling(sampling)
          .withTools(new Tools(List.of(tool), ToolChoice.Mode.REQUIRED, null))
          .withOptions(new ResponseOptions(null, null, null, null, null, "u1")), context()))
          .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
              .extracting(Violation::path)
              .containsExactly("frequency_penalty", "presence_penalty", "logit_bias", "user",
                  "tool_choice"));
    }
    assertThat(server.calls()).isZero();
  }
}
