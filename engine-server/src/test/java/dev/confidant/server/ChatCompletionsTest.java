package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.api.RequestContext;
import dev.confidant.core.ChatEngines;
import dev.confidant.pii.Pseudonymization;
import dev.confidant.rag.KnowledgeSources;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatCompletionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void answersAChatCompletionAsJson() throws Exception {
    try (Harness h = new Harness(ScriptedModelBackend.of(ScriptedReply.text("Hello, Jürgen 😀")))) {
      HttpResponse<String> res = h.chat(Harness.ADMIN, Harness.userMessage("Hi"));

      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith(
          "application/json"));
      JsonNode body = JSON.readTree(res.body());
      assertThat(body.path("object").asText()).isEqualTo("chat.completion");
      assertThat(body.path("choices").get(0).path("message").path("content").asText()).isEqualTo("Hello, Jürgen 😀");
      assertThat(body.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
      assertThat(body.path("model").asText()).isEqualTo("m");
    }
  }

  @Test
  void servesTheV1AliasToo() throws Exception {
    try (Harness h = new Harness(ScriptedModelBackend.of(ScriptedReply.text("ok")))) {
      HttpResponse<String> res = h.send(h.post("/v1/chat/completions", Harness.ADMIN, Harness.userMessage("Hi")));

      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(res.body()).path("choices").get(0).path("message").path("content").asText())
          .isEqualTo("ok");
    }
  }

  @Test
  void mapsThePlatformHeadersToTheRequestContext() throws Exception {
    try (Harness h = new Harness(ScriptedModelBackend.of(ScriptedReply.text("ok")))) {
      h.createCollection("other", "c1");
      h.createCollection("other", "c2");
      String src1 = h.uploadFile("other", "one.txt", "One.");
      String src2 = h.uploadFile("other", "two.txt", "Two.");
      HttpResponse<String> res = h.send(h.post("/api-proxy/v1/chat/completions", Harness.ADMIN,
              "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
          .header("X-Model", "gpt-4o")
          .header("X-Aimable-Space-Id", "other")
          .header("X-Apply-Pii-Pseudonymization", "true")
          .header("X-Apply-Oii-Pseudonymization", "false")
          .header("X-Pii-Mapping", "{\"<PERSON_1>\":\"J\\u00fcrgen Wei\\u00df\", \"<ORG_1>\":\"ACME, Inc.\"}")
          .header("X-Collection-Ids", "c1, c2")
          .header("X-Uploaded-Files", "[\"" + src1 + "\", \"" + src2 + "\"]")
          .header("X-Trace-Id", "trace-123")
          .header("X-Parent-Span-Id", "span-9"));

      assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
      RequestContext ctx = h.contexts.get(0);
      assertThat(ctx.principal()).isEqualTo(ServerConfig.LOCAL_PRINCIPAL);
      assertThat(ctx.spaceId()).isEqualTo("other");
      assertThat(ctx.option(ChatEngines.MODEL)).contains("gpt-4o");
      assertThat(Pseudonymization.of(ctx)).isEqualTo(new Pseudonymization(true, false,
          Map.of("<PERSON_1>", "Jürgen Weiß", "<ORG_1>", "ACME, Inc.")));
      assertThat(KnowledgeSources.of(ctx)).isEqualTo(new KnowledgeSources(List.of("c1", "c2"), List.of(src1, src2)));
      assertThat(ctx.traceId()).isEqualTo("trace-123");
      assertThat(ctx.parentSpanId()).isEqualTo("span-9");
      assertThat(h.backend.lastRequest().orElseThrow().model()).isEqualTo("gpt-4o");
      assertThat(res.headers().firstValue("X-Trace-Id")).hasValue("trace-123");
    }
  }

  @Test
  void unknownSourcesAndMappingKeysThatAreNoPlaceholdersAre422sNamingThem() throws Exception {
    try (Harness h = new Harness(ScriptedModelBackend.echo())) {
      h.createCollection("default", "handbook");
      HttpResponse<String> res = h.send(h.post("/v1/chat/completions", Harness.ADMIN, Harness.userMessage("Hi"))
          .header("X-Collection-Ids", "handbook,hnadbook")
          .header("X-Uploaded-Files", "src_1")
          .header("X-Pii-Mapping", "{\"Anna\":\"Anna Weber\",\"[NAME_1]\":\"Jan\"}"));

      assertThat(res.statusCode()).isEqualTo(422);
      JsonNode detail = JSON.readTree(res.body()).path("detail");
      assertThat(detail).hasSize(1);
      assertThat(detail.get(0).path("loc").toString()).isEqualTo("[\"header\",\"x-pii-mapping\",\"Anna\"]");
      assertThat(detail.get(0).path("msg").asText()).isEqualTo("Key 'Anna' is not a placeholder; keys look like "
          + "[NAME_1] or <NAME_1>");

      res = h.send(h.post("/v1/chat/completions", Harness.ADMIN, Harness.userMessage("Hi"))
          .header("X-Collection-Ids", "handbook,hnadbook")
          .header("X-Uploaded-Files", "src_1"));
      assertThat(res.statusCode()).isEqualTo(422);
      assertThat(JSON.readTree(res.body()).path("error").path("message").asText()).isEqualTo(
          "header.x-collection-ids: Unknown collection ids in space 'default': [hnadbook]; GET "
              + "/v1/spaces/default/collections lists the space's collections; header.x-uploaded-files: Unknown "
              + "source ids in space 'default': [src_1]; use the source_ids that POST /v1/files/ returned");
      // A collection of another space reads as unknown.
      h.createCollection("other", "secret");
      assertThat(h.send(h.post("/v1/chat/completions", Harness.ADMIN, Harness.userMessage("Hi"))
          .header("X-Collection-Ids", "[\"secret\"]")).body()).contains("Unknown collection ids in space "
          + "'default': [secret]");
      assertThat(h.backend.requests()).isEmpty();
    }
  }

  @Test
  void defaultsTheSpaceAndPseudonymizationFlags() throws Exception {
    try (Harness h = new Harness(ScriptedModelBackend.of(ScriptedReply.text("ok")))) {
      HttpResponse<String> res = h.send(h.post("/api-proxy/v1/chat/completions", Harness.ADMIN,
          Harness.userMessage("Hi")).header("X-Space-Id", "other"));

      assertThat(res.statusCode()).isEqualTo(200);
      RequestContext ctx = h.contexts.get(0);
      assertThat(ctx.spaceId()).isEqualTo("other");
      assertThat(Pseudonymization.of(ctx)).isEqualTo(Pseudonymization.OFF);
      assertThat(ctx.traceId()).matches("[0-9a-f]{32}");

      h.chat(Harness.ADMIN, Harness.userMessage("again"));
      assertThat(h.contexts.get(1).spaceId()).isEqualTo("default");
    }
  }

  @Test
  void streamsServerSentEventsEndingWithDone() throws Exception {
    ScriptedReply reply = ScriptedReply.text("Grüße 😀!").splitEvery(1);
    try (Harness h = new Harness(ScriptedModelBackend.of(reply))) {
      HttpResponse<String> res = h.chat(Harness.ADMIN,
          "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
              + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v)
          .startsWith("text/event-stream"));
      String body = res.body();
      assertThat(body).endsWith("data: [DONE]\n\n");
      String[] events = body.split("\n\n");
      StringBuilder text = new StringBuilder();
      boolean sawUsage = false;
      for (int i = 0; i < events.length - 1; i++) {
        assertThat(events[i]).startsWith("data: ");
        JsonNode chunk = JSON.readTree(events[i].substring("data: ".length()));
        assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
        for (JsonNode choice : chunk.path("choices")) {
          text.append(choice.path("delta").path("content").asText(""));
        }
        sawUsage |= chunk.path("usage").isObject();
      }
      assertThat(text.toString()).isEqualTo("Grüße 😀!");
      assertThat(sawUsage).isTrue();
      assertThat(h.backend.openStreams()).isZero();
    }
  }

  @Test
  void closingTheConnectionClosesTheCompletionStream() throws Exception {
    ScriptedReply endless = ScriptedReply.chunks(repeat("tick ", 2000)).withChunkDelay(Duration.ofMillis(5));
    try (Harness h = new Harness(ScriptedModelBackend.of(endless))) {
      HttpResponse<InputStream> res = h.client.send(h.post("/api-proxy/v1/chat/completions", Harness.ADMIN,
              "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").build(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertThat(res.statusCode()).isEqualTo(200);
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
        assertThat(reader.readLine()).startsWith("data: ");
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (h.backend.openStreams() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(h.backend.openStreams()).isZero();
      assertThat(h.backend.wasCancelled()).isTrue();
    }
  }

  private static List<String> repeat(String s, int times) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      out.add(s);
    }
    return out;
  }
}
