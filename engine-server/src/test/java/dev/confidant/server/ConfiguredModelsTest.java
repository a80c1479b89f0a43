package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.testkit.ScriptedModelBackend;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server whose engine is built from the YAML {@code models} and {@code backends}: its {@code openai} models are
 * served by another Confidant server (A), its {@code ollama} model by nothing (to make it fail over). Also the
 * per-request {@code X-Model-Api-Base-Url} / {@code X-Model-Api-Key}, which only some spaces allow.
 */
class ConfiguredModelsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "sk-never-log-me-4711";

  private final Harness a = new Harness(ScriptedModelBackend.echo());
  private final Harness own = new Harness(ScriptedModelBackend.echo());
  private final ConfidantServer b = ConfidantServer.builder(ServerConfig.parse(config(a))).environment(
      Map.of("A_TOKEN", Harness.ADMIN)).start();
  private final Harness client = a; // only for its HTTP helpers

  @AfterEach
  void stop() {
    b.close();
    own.close();
    a.close();
  }

  private static String config(Harness a) {
    return """
        listen: {port: 0}
        default-space: default
        backends:
          openai: {base-url: "%s/api-proxy/v1", api-key-env: A_TOKEN}
          ollama: {base-url: "http://127.0.0.1:1"}
          timeouts: {connect-millis: 1000, first-token-millis: 10000, total-millis: 20000}
        models:
          - id: primary
            backend: ollama
            backend-model: gone
            display-name: Primary
            provider-slug: local
            context-window: 4096
            capabilities: [chat, streaming]
            fallbacks: [via-a]
          - id: via-a
            backend: openai
            backend-model: a-model
            defaults: {temperature: 0.25}
          - id: secret-model
            backend: openai
            allowed-spaces: [other]
          - id: retired
            backend: openai
            is-active: false
        tokens:
          - {principal: local, sha256: %s}
        spaces:
          - id: default
            allow-custom-model-endpoint: true
            members: [{principal: local, role: admin}]
          - id: other
            members: [{principal: local, role: admin}]
        """.formatted(a.server.uri(), ServerConfig.sha256(Harness.ADMIN));
  }

  private HttpRequest.Builder post(String model) {
    return HttpRequest.newBuilder(b.uri().resolve("/api-proxy/v1/chat/completions"))
        .timeout(java.time.Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + Harness.ADMIN)
        .header("Content-Type", "application/json")
        .header("X-Model", model)
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hello over there\"}]}"));
  }

  private HttpResponse<String> models(String... headers) {
    HttpRequest.Builder get = HttpRequest.newBuilder(b.uri().resolve("/v1/models"))
        .header("Authorization", "Bearer " + Harness.ADMIN).GET();
    if (headers.length > 0) {
      get.headers(headers);
    }
    return client.send(get);
  }

  @Test
  void theModelListReflectsTheConfiguredRegistryAndTheCallersSpace() throws Exception {
    JsonNode list = JSON.readTree(models().body());
    assertThat(list.path("data").findValuesAsText("id")).containsExactly("primary", "via-a", "retired");
    JsonNode primary = list.path("data").get(0);
    assertThat(primary.path("display_name").asText()).isEqualTo("Primary");
    assertThat(primary.path("provider_slug").asText()).isEqualTo("local");
    assertThat(primary.path("context_window").asInt()).isEqualTo(4096);
    assertThat(primary.path("capabilities").toString()).isEqualTo("[\"chat\",\"streaming\"]");
    assertThat(list.path("data").get(1).path("context_window").isNull()).isTrue();
    assertThat(list.path("data").get(2).path("is_active").asBoolean()).isFalse();
    assertThat(list.path("meta").path("active").asInt()).isEqualTo(2);

    JsonNode other = JSON.readTree(models("X-Aimable-Space-Id", "other").body());
    assertThat(other.path("data").findValuesAsText("id")).contains("secret-model");
  }

  @Test
  void aFailingModelFallsBackThroughTheServerWithTheFallbacksDefaults() throws Exception {
    HttpResponse<String> res = client.send(post("primary"));

    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    assertThat(JSON.readTree(res.body()).at("/choices/0/message/content").asText()).isEqualTo("hello over there");
    assertThat(a.backend.lastRequest().orElseThrow().model()).isEqualTo("a-model");
    assertThat(a.backend.lastRequest().orElseThrow().sampling().temperature()).isEqualTo(0.25);
  }

  @Test
  void unknownInactiveAndForeignModelsAreRefused() throws Exception {
    HttpResponse<String> unknown = client.send(post("gpt-4o"));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).path("detail").asText())
        .isEqualTo("model 'gpt-4o' not found; available: [primary, via-a]");
    assertThat(client.send(post("retired")).statusCode()).isEqualTo(404);
    // A model restricted to another space reads exactly like an unknown one: no 403 that reveals it (issue 14).
    HttpResponse<String> foreign = client.send(post("secret-model"));
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(foreign.body()).path("detail").asText())
        .isEqualTo("model 'secret-model' not found; available: [primary, via-a]");
    assertThat(a.backend.requests()).isEmpty();
  }

  @Test
  void aSpaceThatAllowsItMayNameItsOwnEndpoint() throws Exception {
    HttpResponse<String> res = client.send(post("my-own-model")
        .header("X-Model-Api-Base-Url", own.server.uri() + "/v1")
        .header("X-Model-Api-Key", "Bearer " + Harness.ADMIN));

    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    assertThat(own.backend.lastRequest().orElseThrow().model()).isEqualTo("my-own-model");
    assertThat(a.backend.requests()).as("the configured endpoint is not used").isEmpty();

    HttpResponse<String> streamed = client.send(HttpRequest.newBuilder(b.uri().resolve("/v1/chat/completions"))
        .header("Authorization", "Bearer " + Harness.ADMIN).header("Content-Type", "application/json")
        .header("X-Model-Api-Base-Url", own.server.uri() + "/api-proxy/v1").header("X-Model-Api-Key", Harness.ADMIN)
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"via-a\",\"stream\":true,"
            + "\"stream_options\":{\"include_usage\":true},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"streamed reply\"}]}")));
    assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
    assertThat(streamed.body()).contains("chat.completion.chunk", "\"prompt_tokens\"").endsWith("data: [DONE]\n\n");
    assertThat(own.backend.lastRequest().orElseThrow().model()).as("the registered backend model").isEqualTo("a-model");
    assertThat(a.backend.requests()).isEmpty();

    HttpResponse<String> otherBackend = client.send(post("primary")
        .header("X-Model-Api-Base-Url", own.server.uri() + "/v1"));
    assertThat(otherBackend.statusCode()).isEqualTo(422);
    assertThat(otherBackend.body()).contains("x-model-api-base-url", "backend 'ollama'");
  }

  @Test
  void otherSpacesAndMalformedHeadersAreRefusedWithoutEchoingOrLoggingTheKey() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        lines.add(r.getLoggerName() + " " + r.getMessage() + " " + r.getThrown());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger root = Logger.getLogger("");
    Level before = root.getLevel();
    root.addHandler(capture);
    root.setLevel(Level.ALL);
    try {
      HttpResponse<String> forbidden = client.send(post("via-a").header("X-Aimable-Space-Id", "other")
          .header("X-Model-Api-Base-Url", own.server.uri() + "/v1").header("X-Model-Api-Key", SECRET));
      assertThat(forbidden.statusCode()).isEqualTo(403);
      assertThat(forbidden.body()).contains("allow-custom-model-endpoint").doesNotContain(SECRET);

      HttpResponse<String> keyOnly = client.send(post("via-a").header("X-Aimable-Space-Id", "other")
          .header("X-Model-Api-Key", SECRET));
      assertThat(keyOnly.statusCode()).as("the key alone needs the permission too").isEqualTo(403);

      HttpResponse<String> malformed = client.send(post("via-a")
          .header("X-Model-Api-Base-Url", "ftp://user:pw@files.example/v1").header("X-Model-Api-Key", SECRET));
      assertThat(malformed.statusCode()).isEqualTo(422);
      assertThat(JSON.readTree(malformed.body()).at("/detail/0/loc").toString())
          .isEqualTo("[\"header\",\"x-model-api-base-url\"]");
      assertThat(malformed.body()).doesNotContain(SECRET, "files.example", "pw");

      HttpResponse<String> noUrl = client.send(post("via-a").header("X-Model-Api-Key", SECRET));
      assertThat(noUrl.statusCode()).isEqualTo(422);
      assertThat(noUrl.body()).contains("missing").doesNotContain(SECRET);

      HttpResponse<String> refused = client.send(post("via-a")
          .header("X-Model-Api-Base-Url", own.server.uri() + "/v1").header("X-Model-Api-Key", SECRET));
      assertThat(refused.statusCode()).as("own endpoint rejected the key: a 502, not the client's 401")
          .isEqualTo(502);
      assertThat(refused.body()).contains("401").doesNotContain(SECRET);
    } finally {
      root.removeHandler(capture);
      root.setLevel(before);
    }
    assertThat(String.join("\n", lines)).doesNotContain(SECRET);
    assertThat(own.backend.requests()).isEmpty();
  }
}
