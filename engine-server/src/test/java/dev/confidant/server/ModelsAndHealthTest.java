package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.testkit.ScriptedModelBackend;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelsAndHealthTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void listsModelsForOpenAiSdksAndPlatformClients() throws Exception {
    ServerConfig config = Harness.config().withModels(List.of(
        new ServerConfig.ModelEntry(dev.confidant.core.ModelSpec.builder("llama", "scripted").displayName("Llama")
            .providerSlug("meta").contextWindow(8192).capabilities(java.util.Set.of(
                dev.confidant.core.ModelCapability.CHAT, dev.confidant.core.ModelCapability.STREAMING,
                dev.confidant.core.ModelCapability.TOOLS)).build()),
        ServerConfig.ModelEntry.of("old", "scripted").withActive(false)), "llama");
    try (Harness h = new Harness(ScriptedModelBackend.echo(), config)) {
      for (String path : List.of("/v1/models", "/api-proxy/v1/models")) {
        HttpResponse<String> res = h.send(h.get(path, Harness.VIEWER));

        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(res.body());
        assertThat(body.path("object").asText()).isEqualTo("list");
        JsonNode llama = body.path("data").get(0);
        assertThat(llama.path("id").asText()).isEqualTo("llama");
        assertThat(llama.path("object").asText()).isEqualTo("model");
        assertThat(llama.path("created").asLong()).isPositive();
        assertThat(llama.path("owned_by").asText()).isEqualTo("confidant");
        assertThat(llama.path("display_name").asText()).isEqualTo("Llama");
        assertThat(llama.path("provider_slug").asText()).isEqualTo("meta");
        assertThat(llama.path("context_window").asInt()).isEqualTo(8192);
        assertThat(llama.path("capabilities").toString()).isEqualTo("[\"chat\",\"streaming\",\"tools\"]");
        assertThat(llama.path("is_active").asBoolean()).isTrue();
        assertThat(body.path("data").get(1).path("is_active").asBoolean()).isFalse();
        assertThat(body.path("meta").path("total").asInt()).isEqualTo(2);
      }
    }
  }

  @Test
  void healthNeedsNoToken() throws Exception {
    try (Harness h = new Harness(ScriptedModelBackend.echo())) {
      for (String path : List.of("/health", "/v1/health", "/api-proxy/v1/health")) {
        HttpResponse<String> res = h.send(HttpRequest.newBuilder(h.uri(path)).GET());

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(res.body()).path("status").asText()).isEqualTo("ok");
      }
    }
  }
}
