package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.SharedData;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** curl-equivalent raw HTTP: the platform's example request, and OpenAI's documented examples replayed. */
class ReferenceRequestsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theDesignsExampleRequest() throws Exception {
    try (Harness h = new Harness(ScriptedModelBackend.echo())) {
      // The design's ids must exist: unknown collection and file ids are 422s. Uploads get generated ids.
      h.createCollection("default", "c1");
      h.createCollection("default", "c2");
      String files = h.uploadFile("default", "a.txt", "A.") + "," + h.uploadFile("default", "b.txt", "B.");
      HttpResponse<String> res = h.send(h.post("/api-proxy/v1/chat/completions", Harness.ADMIN, """
              {"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hello Anna"}],
               "temperature":0.7,"max_tokens":64,"top_p":1,"stop":["\\n\\n"],"n":1,"seed":7,"stream":false,
               "user":"u-1"}""")
          .header("X-Model", "gpt-4o")
          .header("X-Aimable-Space-Id", "default")
          .header("X-Apply-Pii-Pseudonymization", "true")
          .header("X-Apply-Oii-Pseudonymization", "true")
          .header("X-Pii-Mapping", "{\"<PERSON_1>\":\"Anna\"}")
          .header("X-Collection-Ids", "c1,c2")
          .header("X-Uploaded-Files", files));

      assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
      JsonNode body = JSON.readTree(res.body());
      assertThat(body.path("model").asText()).isEqualTo("gpt-4o");
      assertThat(body.path("choices").get(0).path("message").path("content").asText()).isEqualTo("Hello Anna");
    }
  }

  @Test
  void openAisDocumentedExamplesAreAnsweredOrRejectedCleanly() throws Exception {
    Optional<Path> file = SharedData.resolve("data/openai/chat-completions-examples.json");
    assumeTrue(file.isPresent(), "shared/data/openai is not beside this checkout");
    try (Harness h = new Harness(ScriptedModelBackend.echo())) {
      int answered = 0;
      for (JsonNode example : JSON.readTree(file.get().toFile())) {
        String curl = example.path("request_curl").asText();
        int start = curl.indexOf("-d '") + 4;
        String body = curl.substring(start, curl.indexOf("'", start));
        HttpResponse<String> res = h.chat(Harness.ADMIN, body);

        assertThat(res.statusCode()).as(example.path("title").asText() + ": " + res.body()).isIn(200, 422);
        if (res.statusCode() == 200) {
          answered++;
        } else {
          assertThat(JSON.readTree(res.body()).path("detail").isArray()).isTrue();
        }
      }
      assertThat(answered).isGreaterThanOrEqualTo(3);
    }
  }
}
