package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.testkit.ScriptedModelBackend;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Collections, documents and files over the server's own knowledge base (a temporary directory). */
class KnowledgeEndpointsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Harness h;

  @BeforeAll
  static void start() {
    h = new Harness(ScriptedModelBackend.echo());
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @Test
  void collectionsAreCreatedByAdminsAndListedByViewers() throws Exception {
    HttpResponse<String> created = h.send(h.post("/v1/spaces/default/collections", Harness.ADMIN,
        "{\"name\":\"Handbook\",\"collection_id\":\"handbook\"}"));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode body = JSON.readTree(created.body());
    assertThat(body.path("collection_id").asText()).isEqualTo("handbook");
    assertThat(body.path("space_id").asText()).isEqualTo("default");
    assertThat(body.path("created_at").asText()).isNotBlank();

    HttpResponse<String> listed = h.send(h.get("/api-proxy/v1/spaces/default/collections", Harness.VIEWER));
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(listed.body()).path("data").findValuesAsText("collection_id")).contains("handbook");

    assertThat(h.send(h.post("/v1/spaces/default/collections", Harness.VIEWER, "{\"name\":\"x\"}")).statusCode())
        .isEqualTo(403);
    assertThat(h.send(h.get("/v1/spaces/other/collections", Harness.VIEWER)).statusCode()).isEqualTo(403);
    assertThat(h.send(h.get("/v1/spaces/default/collections", Harness.OUTSIDER)).statusCode()).isEqualTo(403);
    assertThat(h.send(HttpRequest.newBuilder(h.uri("/v1/spaces/default/collections")).GET()).statusCode())
        .isEqualTo(401);
    assertThat(h.send(h.post("/v1/spaces/default/collections", Harness.ADMIN, "{}")).statusCode()).isEqualTo(422);
    assertThat(h.send(HttpRequest.newBuilder(h.uri("/v1/spaces/default/collections"))
        .header("Authorization", "Bearer " + Harness.ADMIN).DELETE()).statusCode()).isEqualTo(405);
  }

  @Test
  void documentsAreUploadedByEditorsAndIndexed() throws Exception {
    h.send(h.post("/v1/spaces/default/collections", Harness.ADMIN, "{\"name\":\"Policies\",\"collection_id\":"
        + "\"policies\"}"));

    HttpResponse<String> upload = h.send(h.multipart("/v1/spaces/default/collections/policies/documents",
        Harness.ADMIN, "leave.txt", "Employees get thirty vacation days per year."));

    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
    String sourceId = JSON.readTree(upload.body()).path("source_ids").get(0).asText();
    String status = "";
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!status.equals("indexed") && System.nanoTime() < deadline) {
      HttpResponse<String> doc = h.send(h.get("/v1/spaces/default/collections/policies/documents/" + sourceId,
          Harness.VIEWER));
      status = JSON.readTree(doc.body()).path("status").asText();
      Thread.sleep(100);
    }
    assertThat(status).isEqualTo("indexed");
    assertThat(h.send(h.multipart("/v1/spaces/default/collections/policies/documents", Harness.VIEWER, "x.txt", "x"))
        .statusCode()).isEqualTo(403);
    assertThat(h.send(h.multipart("/v1/spaces/default/collections/nope/documents", Harness.ADMIN, "x.txt", "x"))
        .statusCode()).isEqualTo(404);
    assertThat(h.send(h.post("/v1/spaces/default/collections/policies/documents", Harness.ADMIN, "{}"))
        .statusCode()).isEqualTo(422);
  }

  @Test
  void uploadingTheSameFileAgainKeepsOneDocumentUnderTheSameId() throws Exception {
    h.send(h.post("/v1/spaces/default/collections", Harness.ADMIN, "{\"name\":\"Travel\",\"collection_id\":"
        + "\"travel\"}"));
    String path = "/v1/spaces/default/collections/travel/documents";
    String first = JSON.readTree(h.send(h.multipart(path, Harness.ADMIN, "travel.txt", "Book trains, not flights."))
        .body()).path("source_ids").get(0).asText();
    HttpResponse<String> again = h.send(h.multipart(path, Harness.ADMIN, "travel.txt", "Book trains, not flights."));

    assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
    assertThat(JSON.readTree(again.body()).path("source_ids").get(0).asText()).isEqualTo(first);
    // The list names every document with its status; a client polls it until none is pending.
    JsonNode listed = JSON.readTree(h.send(h.get(path, Harness.VIEWER)).body()).path("documents");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (listed.findValuesAsText("status").contains("pending") && System.nanoTime() < deadline) {
      Thread.sleep(50);
      listed = JSON.readTree(h.send(h.get(path, Harness.VIEWER)).body()).path("documents");
    }
    assertThat(listed).singleElement().satisfies(d -> {
      assertThat(d.path("source_id").asText()).isEqualTo(first);
      assertThat(d.path("title").asText()).startsWith("travel");
      assertThat(d.path("status").asText()).isEqualTo("indexed");
    });
  }

  @Test
  void uploadedFilesAreSearchableWithinTheSpace() throws Exception {
    HttpResponse<String> upload = h.send(h.multipart("/v1/files/", Harness.ADMIN, "notes.md",
        "# Notes\n\nThe quarterly budget review happens in March."));

    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
    String sourceId = JSON.readTree(upload.body()).path("source_ids").get(0).asText();
    HttpResponse<String> search = h.send(h.post("/v1/files/search", Harness.VIEWER,
        "{\"search_query\":\"budget review\",\"source_ids\":[\"" + sourceId + "\"],\"k\":3}"));

    assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
    JsonNode first = JSON.readTree(search.body()).path("results").get(0);
    assertThat(first.path("source_id").asText()).isEqualTo(sourceId);
    assertThat(first.path("content").asText()).contains("budget review");

    HttpResponse<String> foreign = h.send(h.post("/v1/files/search", Harness.VIEWER,
        "{\"search_query\":\"budget\",\"source_ids\":[\"" + sourceId + "\"]}").header("X-Space-Id", "other"));
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(h.send(h.multipart("/v1/files/", Harness.VIEWER, "x.txt", "x")).statusCode()).isEqualTo(403);
    assertThat(h.send(h.post("/v1/files/search", Harness.VIEWER, "{\"k\":\"3\"}")).statusCode()).isEqualTo(422);
  }

  @Test
  void fileSearchNamesWhatIsMissingUnknownOrMisspelt() throws Exception {
    String sourceId = h.uploadFile("default", "a.txt", "Anything at all.");

    HttpResponse<String> withoutSources = h.send(h.post("/v1/files/search", Harness.VIEWER,
        "{\"search_query\":\"anything\"}"));
    HttpResponse<String> emptySources = h.send(h.post("/v1/files/search", Harness.VIEWER,
        "{\"search_query\":\"anything\",\"source_ids\":[]}"));
    HttpResponse<String> misspelt = h.send(h.post("/v1/files/search", Harness.VIEWER,
        "{\"search_query\":\"anything\",\"source_id\":[\"" + sourceId + "\"]}"));
    HttpResponse<String> unknown = h.send(h.post("/v1/files/search", Harness.VIEWER,
        "{\"search_query\":\"anything\",\"source_ids\":[\"" + sourceId + "\",\"src_nope\"]}"));

    assertThat(withoutSources.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(withoutSources.body()).path("error").path("message").asText())
        .isEqualTo("body.source_ids: Field required");
    assertThat(emptySources.statusCode()).isEqualTo(422);
    assertThat(emptySources.body()).contains("too_short");
    assertThat(misspelt.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(misspelt.body()).path("detail").findValuesAsText("type"))
        .containsExactlyInAnyOrder("missing", "extra_forbidden");
    assertThat(misspelt.body()).contains("[\"body\",\"source_id\"]");
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(unknown.body()).path("detail").get(0).path("msg").asText())
        .startsWith("Unknown source ids in space 'default': [src_nope]");
    assertThat(h.send(h.post("/v1/spaces/default/collections", Harness.ADMIN, "{\"name\":\"x\",\"nmae\":\"y\"}"))
        .body()).contains("extra_forbidden");
  }
}
