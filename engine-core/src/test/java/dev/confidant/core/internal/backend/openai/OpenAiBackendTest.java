package dev.confidant.core.internal.backend.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confidant.api.InvalidRequestException;
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
import dev.confidant.core.internal.backend.remote.AbstractRemoteBackendFaultTest;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiBackendTest extends AbstractRemoteBackendFaultTest {

  @Override
  protected ModelBackend backend(ModelTimeouts timeouts) {
    return new OpenAiBackend(server.baseUrl() + "/v1", SECRET, timeouts, Clock.systemUTC());
  }

  @Test
  void everyFieldReachesTheWire() {
    ToolDefinition tool = new ToolDefinition("lookup", "Looks up", RawJson.of("{\"type\":\"object\"}"), null);
    ResponseFormat format = new ResponseFormat.JsonSchema("answer", "The answer", RawJson.of(
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"pattern\":\"^x\"}}}"), true);
    Sampling sampling = new Sampling(0.2, 0.9, 50, null, List.of("END"), 42L, 0.1, 0.2,
        java.util.Map.of("50256", -100));
    try (ModelBackend backend = backend(FAST)) {
      backend.stream(hello().withSampling(sampling)
          .withTools(new Tools(List.of(tool), new ToolChoice.Function("lookup"), false))
          .withResponseFormat(format)
          .withOptions(new ResponseOptions(1, true, true, null, null, "user-7")), context()).drain();
    }
    JsonNode body = server.requests().get(0);
    assertThat(body.path("model").asText()).isEqualTo("fake-model");
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
    assertThat(body.path("max_tokens").asInt()).isEqualTo(50);
    assertThat(body.path("stop").get(0).asText()).isEqualTo("END");
    assertThat(body.path("seed").asLong()).isEqualTo(42L);
    assertThat(body.path("frequency_penalty").asDouble()).isEqualTo(0.1);
    assertThat(body.path("presence_penalty").asDouble()).isEqualTo(0.2);
    assertThat(body.path("logit_bias").path("50256").asInt()).isEqualTo(-100);
    assertThat(body.path("user").asText()).isEqualTo("user-7");
    assertThat(body.path("parallel_tool_calls").asBoolean(true)).isFalse();
    assertThat(body.path("tool_choice").path("function").path("name").asText()).isEqualTo("lookup");
    assertThat(body.path("tools").get(0).path("function").path("name").asText()).isEqualTo("lookup");
    JsonNode schema = body.path("response_format").path("json_schema");
    assertThat(schema.path("description").asText()).isEqualTo("The answer");
    assertThat(schema.path("strict").asBoolean()).isTrue();
    assertThat(schema.path("schema").path("properties").path("a").path("pattern").asText()).isEqualTo("^x");
    assertThat(server.headers().get(0).get("Authorization")).containsExactly("Bearer " + SECRET);
  }

  @Test
  void aPerRequestEndpointReplacesTheConfiguredOne() {
    try (dev.confidant.core.internal.backend.remote.FakeModelServer own =
        dev.confidant.core.internal.backend.remote.FakeModelServer.start();
        ModelBackend backend = backend(FAST)) {
      dev.confidant.api.spi.StageContext context = context();
      context.put(dev.confidant.core.ModelEndpoint.KEY,
          new dev.confidant.core.ModelEndpoint(own.baseUrl() + "/v1", "sk-space-own-key-123456"));
      assertThat(backend.stream(hello(), context).collect().message().text()).isEqualTo("one two three four five six");
      assertThat(own.headers().get(0).get("Authorization")).containsExactly("Bearer sk-space-own-key-123456");
      assertThat(server.calls()).isZero();
    }
  }

  @Test
  void fieldsTheBackendCannotHonourAreRejected() {
    try (ModelBackend backend = backend(FAST)) {
      assertThatThrownBy(() -> backend.stream(hello()
          .withOptions(new ResponseOptions(2, null, null, true, 3, null))
          .withSampling(Sampling.DEFAULT.withSeed(1L << 40)), context()))
          .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
              .extracting(Violation::path)
              .containsExactly("body.seed", "body.n", "body.logprobs", "body.top_logprobs"));
    }
    assertThat(server.calls()).isZero();
  }
}
