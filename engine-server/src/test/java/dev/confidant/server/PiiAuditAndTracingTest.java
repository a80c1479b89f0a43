package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PII audit (X-Pii-Audit and the JSON-lines log), tracing with the W3C traceparent and /metrics, on a server
 * that builds its own engine (the tiny Jlama model, the real detector), as in development mode.
 */
class PiiAuditAndTracingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "audit-test-token";
  private static final String SEED = "{\"max_tokens\":3,\"messages\":[{\"role\":\"system\",\"content\":"
      + "\"You are a helpful support assistant.\"},{\"role\":\"user\",\"content\":"
      + "\"My name is John Doe and I need help with my account.\"}]}";

  @TempDir static Path dir;
  private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  private static OpenTelemetrySdk otel;
  private static ConfidantServer server;
  private static Path log;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    log = dir.resolve("audit/pii-audit.jsonl");
    otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build()).build();
    ServerConfig config = ServerConfig.development(TOKEN).withPort(0)
        .withObservability(new ServerConfig.Observability(false, log, true));
    server = ConfidantServer.builder(config).openTelemetry(otel).start();
  }

  @AfterAll
  static void stop() {
    server.close();
    otel.close();
  }

  private HttpResponse<String> chat(String body, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve("/v1/chat/completions"))
        .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theCallerGetsTheAuditAndTheOperatorsLogAJsonLineWithoutAnyValue() throws Exception {
    HttpResponse<String> res = chat(SEED, "X-Apply-Pii-Pseudonymization", "true", "X-Pii-Audit", "true",
        "X-Pii-Mapping", "{\"[NAME_7]\":\"Jane Roe\"}");

    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    JsonNode audit = JSON.readTree(res.body()).path("pii_audit");
    assertThat(audit.path("pseudonymization").asBoolean()).isTrue();
    assertThat(audit.path("entries")).singleElement().satisfies(e -> {
      assertThat(e.path("entity_type").asText()).isEqualTo("NAME");
      assertThat(e.path("decision").asText()).isEqualTo("masked");
      assertThat(e.path("placeholder").asText()).isEqualTo("[NAME_1]");
      assertThat(e.path("placeholder_origin").asText()).isEqualTo("created");
      assertThat(e.path("detector").asText()).startsWith("names/");
      assertThat(e.path("count").asInt()).isEqualTo(1);
    });
    assertThat(audit.toString()).doesNotContain("John", "Doe", "Jane", "Roe");

    List<String> lines = Files.readAllLines(log);
    assertThat(lines).isNotEmpty();
    JsonNode line = JSON.readTree(lines.get(lines.size() - 1));
    assertThat(line.path("principal").asText()).isEqualTo(ServerConfig.LOCAL_PRINCIPAL);
    assertThat(line.path("space_id").asText()).isEqualTo(ServerConfig.DEFAULT_SPACE);
    assertThat(line.path("outcome").asText()).isEqualTo("ok");
    assertThat(line.path("entries").get(0).path("placeholder").asText()).isEqualTo("[NAME_1]");
    assertThat(String.join("\n", lines)).doesNotContain("John", "Doe", "Jane", "Roe", "account");
  }

  @Test
  void aStreamEndsWithAnAuditChunkBeforeDone() throws Exception {
    HttpResponse<String> res = chat(SEED.replace("{\"max_tokens\"", "{\"stream\":true,\"max_tokens\""),
        "X-Apply-Pii-Pseudonymization", "true", "X-Pii-Audit", "1");

    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    List<String> events = res.body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
    assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
    JsonNode last = JSON.readTree(events.get(events.size() - 2));
    assertThat(last.path("object").asText()).isEqualTo("chat.completion.chunk");
    assertThat(last.path("choices")).isEmpty();
    assertThat(last.path("pii_audit").path("entries").get(0).path("placeholder").asText()).isEqualTo("[NAME_1]");
  }

  @Test
  void withoutTheHeaderOrWithoutPseudonymizationTheAnswerSaysSo() throws Exception {
    JsonNode plain = JSON.readTree(chat(SEED, "X-Apply-Pii-Pseudonymization", "true").body());
    assertThat(plain.has("pii_audit")).isFalse();

    JsonNode off = JSON.readTree(chat(SEED, "X-Pii-Audit", "true").body()).path("pii_audit");
    assertThat(off.path("pseudonymization").asBoolean()).isFalse();
    assertThat(off.path("entries")).isEmpty();

    HttpResponse<String> bad = chat(SEED, "X-Pii-Audit", "perhaps");
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(bad.body()).contains("x-pii-audit");
  }

  @Test
  void aTraceparentMakesTheRequestsSpansJoinTheCallersTrace() throws Exception {
    String trace = "0af7651916cd43dd8448eb211c80319c";
    String parent = "b7ad6b7169203331";
    HttpResponse<String> res = chat(SEED, "traceparent", "00-" + trace + "-" + parent + "-01",
        "X-Apply-Pii-Pseudonymization", "true");

    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    assertThat(res.headers().firstValue("X-Trace-Id")).hasValue(trace);
    List<SpanData> spans = SPANS.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(trace)).toList();
    SpanData request = spans.stream().filter(s -> s.getName().equals("confidant.request")).findFirst().orElseThrow();
    assertThat(request.getParentSpanId()).isEqualTo(parent);
    assertThat(spans).extracting(SpanData::getName).contains("chat confidant-tiny",
        "confidant.stage pseudonymization");
    assertThat(spans).allSatisfy(s -> assertThat(s.getAttributes().toString()).doesNotContain("John", "Doe"));
  }

  @Test
  void metricsArePrometheusTextForAnAuthenticatedScraper() throws Exception {
    chat(SEED);
    HttpRequest.Builder metrics = HttpRequest.newBuilder(server.uri().resolve("/metrics"));
    HttpResponse<String> denied = client.send(metrics.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(denied.statusCode()).isEqualTo(401);

    HttpResponse<String> res = client.send(metrics.header("Authorization", "Bearer " + TOKEN).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(res.body()).contains("# TYPE confidant_chat_tokens_total counter")
        .containsPattern("confidant_chat_tokens_total\\{kind=\"prompt\"\\} [1-9]")
        .contains("confidant_http_requests_seconds_count{method=\"POST\",route=\"chat\",status=\"200\"}");
  }

  @Test
  void thePlaygroundIsOffInConfigurationModeUnlessEnabled() throws Exception {
    HttpResponse<String> res = client.send(HttpRequest.newBuilder(server.uri().resolve("/playground")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(res.body()).contains("\"detail\":\"Not Found\"");
  }
}
