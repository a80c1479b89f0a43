package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.api.ErrorType;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void missingMessagesIsAFastApi422() throws Exception {
    try (Harness h = new Harness(ScriptedModelBackend.echo())) {
      HttpResponse<String> res = h.chat(Harness.ADMIN, "{\"model\":\"m\"}");

      assertThat(res.statusCode()).isEqualTo(422);
      JsonNode detail = JSON.readTree(res.body()).path("detail");
      assertThat(detail.isArray()).isTrue();
      assertThat(detail.get(0).path("loc").toString()).isEqualTo("[\"body\",\"messages\"]");
      assertThat(detail.get(0).path("type").asText()).isEqualTo("missing");
      assertThat(detail.get(0).path("msg").asText()).isEqualTo("Field required");
      assertThat(h.backend.requests()).isEmpty();
    }
  }

  @Test
  void errorBodiesKeepTheSeedsDetailAndAddOpenAisErrorObject() throws Exception {
    try (Harness h = new Harness(ScriptedModelBackend.echo())) {
      HttpResponse<String> unauthenticated = h.chat("wrong", Harness.userMessage("Hi"));
      HttpResponse<String> invalid = h.chat(Harness.ADMIN, "{\"model\":\"m\"}");

      // The seed's bodies, byte for byte, once OpenAI's error object is set aside.
      assertThat(Harness.seedBody(unauthenticated)).isEqualTo("{\"detail\":\"Not authenticated\"}");
      assertThat(Harness.seedBody(invalid))
          .isEqualTo("{\"detail\":[{\"loc\":[\"body\",\"messages\"],\"msg\":\"Field required\",\"type\":\"missing\"}]}");
      JsonNode error = JSON.readTree(unauthenticated.body()).path("error");
      assertThat(error.path("message").asText()).isEqualTo("Not authenticated");
      assertThat(error.path("type").asText()).isEqualTo("authentication_error");
      assertThat(error.has("param")).isTrue();
      assertThat(error.path("code").asText()).isEqualTo("not_authenticated");
      error = JSON.readTree(invalid.body()).path("error");
      assertThat(error.path("message").asText()).isEqualTo("body.messages: Field required");
      assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
      assertThat(error.path("param").asText()).isEqualTo("messages");
      assertThat(error.path("code").asText()).isEqualTo("missing");
    }
  }

  @Test
  void malformedJsonIsA422() throws Exception {
    try (Harness h = new Harness(ScriptedModelBackend.echo())) {
      HttpResponse<String> res = h.chat(Harness.ADMIN, "{\"messages\": [");

      assertThat(res.statusCode()).isEqualTo(422);
      assertThat(JSON.readTree(res.body()).path("detail").get(0).path("type").asText()).isEqualTo("json_invalid");
    }
  }

  @Test
  void headerAndBodyProblemsAreReportedTogether() throws Exception {
    try (Harness h = new Harness(ScriptedModelBackend.echo())) {
      HttpResponse<String> res = h.send(h.post("/v1/chat/completions", Harness.ADMIN, "{\"model\":\"m\"}")
          .header("X-Apply-Pii-Pseudonymization", "maybe")
          .header("X-Pii-Mapping", "[1,2]"));

      assertThat(res.statusCode()).isEqualTo(422);
      List<String> locs = new ArrayList<>();
      JSON.readTree(res.body()).path("detail").forEach(d -> locs.add(d.path("loc").toString()));
      assertThat(locs).containsExactlyInAnyOrder("[\"header\",\"x-apply-pii-pseudonymization\"]",
          "[\"header\",\"x-pii-mapping\"]", "[\"body\",\"messages\"]");
    }
  }

  @Test
  void invalidMappingJsonIsNotEchoed() throws Exception {
    try (Harness h = new Harness(ScriptedModelBackend.echo())) {
      HttpResponse<String> res = h.send(h.post("/v1/chat/completions", Harness.ADMIN, Harness.userMessage("x"))
          .header("X-Pii-Mapping", "{\"<P_1>\": \"secret-name"));

      assertThat(res.statusCode()).isEqualTo(422);
      assertThat(res.body()).doesNotContain("secret-name").contains("json_invalid");
    }
  }

  @Test
  void oversizedBodyIs413() throws Exception {
    ServerConfig small = Harness.config().withLimits(new ServerConfig.Limits(1024, 4, 4, 1000, 1));
    try (Harness h = new Harness(ScriptedModelBackend.echo(), small)) {
      HttpResponse<String> res = h.chat(Harness.ADMIN, Harness.userMessage("x".repeat(2000)));

      assertThat(res.statusCode()).isEqualTo(413);
      assertThat(JSON.readTree(res.body()).path("detail").asText()).contains("1024");
      assertThat(h.backend.requests()).isEmpty();
    }
  }

  @Test
  void oversizedChunkedBodyIs413() throws Exception {
    ServerConfig small = Harness.config().withLimits(new ServerConfig.Limits(1024, 4, 4, 1000, 1));
    try (Harness h = new Harness(ScriptedModelBackend.echo(), small)) {
      byte[] big = Harness.userMessage("x".repeat(5000)).getBytes(StandardCharsets.UTF_8);
      // An InputStream publisher has no known length: the JDK client sends it chunked.
      HttpResponse<String> res = h.send(HttpRequest.newBuilder(h.uri("/v1/chat/completions"))
          .header("Authorization", "Bearer " + Harness.ADMIN)
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))));

      assertThat(res.statusCode()).isEqualTo(413);
      assertThat(res.headers().firstValue("content-type")).hasValue("application/json");
    }
  }

  @Test
  void unknownPathIsAJson404() throws Exception {
    try (Harness h = new Harness(ScriptedModelBackend.echo())) {
      HttpResponse<String> res = h.send(h.get("/v1/nope", Harness.ADMIN));

      assertThat(res.statusCode()).isEqualTo(404);
      assertThat(Harness.seedBody(res)).isEqualTo("{\"detail\":\"Not Found\"}");
      assertThat(res.headers().firstValue("content-type")).hasValue("application/json");
    }
  }

  @Test
  void wrongMethodIsAJson405() throws Exception {
    try (Harness h = new Harness(ScriptedModelBackend.echo())) {
      HttpResponse<String> res = h.send(h.get("/api-proxy/v1/chat/completions", Harness.ADMIN));

      assertThat(res.statusCode()).isEqualTo(405);
      assertThat(Harness.seedBody(res)).isEqualTo("{\"detail\":\"Method Not Allowed\"}");
      assertThat(res.headers().firstValue("Allow")).hasValue("POST");
    }
  }

  @Test
  void malformedHttpIsAJson400NotHtml() throws Exception {
    try (Harness h = new Harness(ScriptedModelBackend.echo());
        Socket socket = new Socket("127.0.0.1", h.server.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write("GET /v1/models HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String reply = new String(in.readNBytes(600), StandardCharsets.ISO_8859_1);

      assertThat(reply).startsWith("HTTP/1.1 400");
      assertThat(reply.toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/json")
          .doesNotContain("<html");
      assertThat(reply).contains("{\"detail\":\"Bad Request\",\"error\":{\"message\":\"Bad Request\"");
    }
  }

  @ParameterizedTest
  @CsvSource({"BACKEND_ERROR,502", "BACKEND_UNAVAILABLE,503", "TIMEOUT,504"})
  void upstreamFailuresMapToGatewayStatuses(ErrorType type, int status) throws Exception {
    ScriptedReply failing = ScriptedReply.text("x")
        .failingOnStart(new ModelInvocationException(type, "upstream said no", 500, null));
    // Every call fails alike: the engine may retry retryable failures before giving up.
    try (Harness h = new Harness(ScriptedModelBackend.builder().responder(r -> failing).build())) {
      HttpResponse<String> res = h.chat(Harness.ADMIN, Harness.userMessage("Hi"));

      assertThat(res.statusCode()).isEqualTo(status);
      assertThat(JSON.readTree(res.body()).path("detail").asText()).contains("upstream said no");
    }
  }

  @Test
  void modelOutputInvalidIsA502NamingIt() throws Exception {
    ScriptedReply failing = ScriptedReply.text("x").failingOnStart(new ModelInvocationException(
        ErrorType.MODEL_OUTPUT_INVALID, "model_output_invalid: the reply of model 'm' does not follow "
            + "response_format json_object after 3 attempts: $: expected a JSON object, got array", 0, null));
    try (Harness h = new Harness(ScriptedModelBackend.builder().responder(r -> failing).build())) {
      for (String stream : List.of("false", "true")) {
        HttpResponse<String> res = h.chat(Harness.ADMIN, "{\"model\":\"m\",\"stream\":" + stream
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(res.body()).path("detail").asText())
            .startsWith("model_output_invalid: ").contains("expected a JSON object");
      }
    }
  }

  @Test
  void streamFailingOnStartGetsAStatusNotAnEventStream() throws Exception {
    ScriptedReply failing = ScriptedReply.text("x")
        .failingOnStart(new ModelInvocationException(ErrorType.BACKEND_UNAVAILABLE, "down", 0, null));
    try (Harness h = new Harness(ScriptedModelBackend.builder().responder(r -> failing).build())) {
      HttpResponse<String> res = h.chat(Harness.ADMIN,
          "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

      assertThat(res.statusCode()).isEqualTo(503);
      assertThat(res.headers().firstValue("content-type")).hasValue("application/json");
    }
  }

  @Test
  void streamFailingHalfWayEndsWithAnErrorEvent() throws Exception {
    ScriptedReply failing = ScriptedReply.chunks("a", "b", "c")
        .failingAfter(3, new ModelInvocationException(ErrorType.BACKEND_ERROR, "connection reset", 0, null));
    try (Harness h = new Harness(ScriptedModelBackend.of(failing))) {
      HttpResponse<String> res = h.chat(Harness.ADMIN,
          "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

      assertThat(res.statusCode()).isEqualTo(200);
      String[] events = res.body().split("\n\n");
      JsonNode last = JSON.readTree(events[events.length - 1].substring("data: ".length()));
      assertThat(last.path("error").path("message").asText()).contains("connection reset");
      assertThat(last.path("error").path("type").asText()).isEqualTo("server_error");
      assertThat(last.path("error").path("code").asText()).isEqualTo("backend_error");
      assertThat(res.body()).doesNotContain("[DONE]");
      assertThat(h.backend.openStreams()).isZero();
    }
  }

  @Test
  void concurrencyLimitAnswers429WithRetryAfter() throws Exception {
    ServerConfig tight = Harness.config().withLimits(new ServerConfig.Limits(1 << 20, 1, 0, 0, 7));
    ScriptedReply slow = ScriptedReply.text("slow").withFirstChunkDelay(Duration.ofMillis(1500));
    try (Harness h = new Harness(ScriptedModelBackend.of(slow, ScriptedReply.text("next")), tight)) {
      CompletableFuture<HttpResponse<String>> first = h.client.sendAsync(
          h.post("/v1/chat/completions", Harness.ADMIN, Harness.userMessage("one")).build(),
          HttpResponse.BodyHandlers.ofString());
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (h.backend.requests().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      HttpResponse<String> second = h.chat(Harness.ADMIN, Harness.userMessage("two"));

      assertThat(second.statusCode()).isEqualTo(429);
      assertThat(second.headers().firstValue("Retry-After")).hasValue("7");
      assertThat(JSON.readTree(second.body()).path("detail").asText()).isNotBlank();
      assertThat(first.get().statusCode()).isEqualTo(200);
      assertThat(h.chat(Harness.ADMIN, Harness.userMessage("three")).statusCode()).isEqualTo(200);
    }
  }
}
