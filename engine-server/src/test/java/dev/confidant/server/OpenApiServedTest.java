package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.testkit.ScriptedModelBackend;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live server serves its OpenAPI document and routes every operation it documents, under both prefixes. */
class OpenApiServedTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void servesTheDocumentWithoutATokenAndRoutesEveryDocumentedOperation() throws Exception {
    try (Harness h = new Harness(ScriptedModelBackend.echo())) {
      HttpResponse<String> res = h.send(HttpRequest.newBuilder(h.uri("/openapi.json")).GET());

      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.headers().firstValue("content-type")).hasValue("application/json");
      JsonNode doc = JSON.readTree(res.body());
      assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
      int operations = 0;
      for (var path : doc.path("paths").properties()) {
        String concrete = path.getKey().replace("{space_id}", "default").replace("{collection_id}", "c")
            .replace("{source_id}", "s").replace("{thread_id}", "t").replace("{placeholder}", "%5BNAME_1%5D");
        List<String> served = concrete.startsWith("/v1/") ? List.of(concrete, "/api-proxy" + concrete)
            : List.of(concrete);
        for (var op : path.getValue().properties()) {
          if (op.getKey().equals("parameters")) {
            continue;
          }
          for (String p : served) {
            HttpResponse<String> answer = h.send(HttpRequest.newBuilder(h.uri(p))
                .header("Authorization", "Bearer " + Harness.ADMIN)
                .method(op.getKey().toUpperCase(java.util.Locale.ROOT), HttpRequest.BodyPublishers.noBody()));
            String where = op.getKey() + " " + p + ": " + answer.body();
            // Routed: anything but the router's own 404 and 405 (a handler's 404 names what it did not find).
            assertThat(answer.statusCode()).as(where).isNotEqualTo(405);
            if (answer.statusCode() == 404) {
              assertThat(JSON.readTree(answer.body()).path("detail").asText()).as(where).isNotEqualTo("Not Found");
            }
            operations++;
          }
        }
      }
      assertThat(operations).isGreaterThan(20);
    }
  }
}
