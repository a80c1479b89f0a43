package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.jlama.TinyModels;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local development mode end to end: no config file, the engine the server builds itself, the tiny Jlama model. */
class DevelopmentModeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void servesTheEmbeddedTinyModelWithTheDevelopmentToken() throws Exception {
    String token = ConfidantServer.developmentToken(java.util.Map.of(), t -> { });
    HttpClient client = HttpClient.newHttpClient();
    try (ConfidantServer server = ConfidantServer.start(ServerConfig.development(token).withPort(0))) {
      HttpRequest.Builder chat = HttpRequest.newBuilder(server.uri().resolve("/api-proxy/v1/chat/completions"))
          .timeout(Duration.ofSeconds(120))
          .header("Authorization", "Bearer " + token)
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"messages\":[{\"role\":\"user\",\"content\":\"Once upon a time\"}],\"max_tokens\":4}"));

      HttpResponse<String> res = client.send(chat.build(), HttpResponse.BodyHandlers.ofString());

      assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
      JsonNode body = JSON.readTree(res.body());
      assertThat(body.path("object").asText()).isEqualTo("chat.completion");
      assertThat(body.path("usage").path("completion_tokens").asInt()).isBetween(1, 4);

      HttpResponse<String> models = client.send(HttpRequest.newBuilder(server.uri().resolve("/v1/models"))
          .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode listed = JSON.readTree(models.body()).path("data");
      assertThat(listed).hasSize(1);
      assertThat(listed.get(0).path("id").asText()).isEqualTo(body.path("model").asText());
      assertThat(listed.get(0).path("context_window").asInt()).as("the tiny model's context").isEqualTo(4096);

      // Unknown model ids fail closed: a 404 naming the offered ids, never the tiny model under another name.
      HttpResponse<String> unknown = client.send(chat.copy().header("X-Model", "gpt-4o").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
      assertThat(JSON.readTree(unknown.body()).path("detail").asText())
          .isEqualTo("model 'gpt-4o' not found; available: [confidant-tiny]");
      assertThat(JSON.readTree(unknown.body()).path("error").path("code").asText()).isEqualTo("model_not_found");
      assertThat(body.path("model").asText()).isEqualTo("confidant-tiny");

      HttpResponse<String> denied = client.send(HttpRequest.newBuilder(server.uri().resolve("/v1/models"))
          .header("Authorization", "Bearer not-" + token).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(denied.statusCode()).isEqualTo(401);
    }
  }

  @Test
  void aModelDirectoryIsServedUnderItsNameWithTheContextWindowOfItsConfig(@TempDir Path temp) throws Exception {
    Path dir = Files.createDirectories(temp.resolve("my-model"));
    TinyModels.writeTo(dir);
    ServerConfig config = ServerConfig.development("t0ken", dir);

    assertThat(config.models()).singleElement().satisfies(m -> {
      assertThat(m.id()).isEqualTo("my-model");
      assertThat(m.modelDir()).isEqualTo(dir);
      assertThat(m.spec().backend()).isEqualTo("jlama");
      assertThat(m.spec().contextWindow()).isEqualTo(4096);
    });
    assertThat(ServerConfig.development("t0ken", null).models()).as("the embedded model, as without a registry")
        .isEmpty();
  }
}
