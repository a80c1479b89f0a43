package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.testkit.ScriptedModelBackend;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PiiDetectTest {
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

  private HttpResponse<String> detect(String token, String body) {
    return h.send(h.post("/v1/pii/detect", token, body));
  }

  @Test
  void masksPersonalDataAndReturnsTheMapping() throws Exception {
    HttpResponse<String> res = detect(Harness.VIEWER, "{\"text\":\"Write to anna.weber@example.org today\"}");

    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(res.body());
    assertThat(body.path("redacted_text").asText()).isEqualTo("Write to [EMAIL_1] today");
    assertThat(body.path("pii_mapping").path("[EMAIL_1]").asText()).isEqualTo("anna.weber@example.org");
    JsonNode entity = body.path("entity_details").get(0);
    assertThat(entity.path("entity_type").asText()).isEqualTo("EMAIL");
    assertThat(entity.path("start").asInt()).isEqualTo(9);
    assertThat(entity.path("end").asInt()).isEqualTo(31);
  }

  @Test
  void keepsAThreadsMappingWithinItsSpace() throws Exception {
    String first = "{\"text\":\"Mail a@example.org\",\"thread_id\":\"t1\",\"space_id\":\"default\"}";
    String second = "{\"text\":\"Mail b@example.org\",\"thread_id\":\"t1\",\"space_id\":\"default\"}";
    String elsewhere = "{\"text\":\"Mail b@example.org\",\"thread_id\":\"t1\",\"space_id\":\"other\"}";

    assertThat(detect(Harness.ADMIN, first).statusCode()).isEqualTo(200);
    JsonNode again = JSON.readTree(detect(Harness.ADMIN, second).body());
    JsonNode other = JSON.readTree(detect(Harness.ADMIN, elsewhere).body());

    assertThat(again.path("redacted_text").asText()).isEqualTo("Mail [EMAIL_2]");
    assertThat(again.path("pii_mapping").path("[EMAIL_1]").asText()).isEqualTo("a@example.org");
    assertThat(other.path("redacted_text").asText()).isEqualTo("Mail [EMAIL_1]");
    assertThat(other.path("pii_mapping").has("[EMAIL_2]")).isFalse();
  }

  @Test
  void anotherSpacesThreadIs403() {
    HttpResponse<String> res = detect(Harness.VIEWER,
        "{\"text\":\"x\",\"thread_id\":\"t1\",\"space_id\":\"other\"}");

    assertThat(res.statusCode()).isEqualTo(403);
    assertThat(res.body()).doesNotContain("a@example.org");
  }

  @Test
  void theOiiHeaderIsReadLikeOnChatAndNonBooleansAre422() throws Exception {
    String text = "{\"text\":\"We buy from Nordlicht Logistik GmbH now\"}";
    String masked = JSON.readTree(h.send(h.post("/v1/pii/detect", Harness.VIEWER, text)).body())
        .path("redacted_text").asText();
    assertThat(masked).contains("[ORG_1]");

    for (String no : List.of("false", "0", "no", "off", "F", "N")) {
      HttpResponse<String> res = h.send(h.post("/v1/pii/detect", Harness.VIEWER, text)
          .header("X-Apply-Oii-Pseudonymization", no));
      assertThat(JSON.readTree(res.body()).path("redacted_text").asText()).as(no)
          .isEqualTo("We buy from Nordlicht Logistik GmbH now");
    }
    for (String yes : List.of("true", "1", "yes", "on")) {
      HttpResponse<String> res = h.send(h.post("/v1/pii/detect", Harness.VIEWER, text)
          .header("X-Apply-Oii-Pseudonymization", yes));
      assertThat(JSON.readTree(res.body()).path("redacted_text").asText()).as(yes).isEqualTo(masked);
    }
    HttpResponse<String> maybe = h.send(h.post("/v1/pii/detect", Harness.VIEWER, text)
        .header("X-Apply-Oii-Pseudonymization", "maybe"));
    assertThat(maybe.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(maybe.body()).path("detail").get(0).path("type").asText()).isEqualTo("bool_parsing");
  }

  @Test
  void mappingKeysThatAreNoPlaceholdersAndUnknownFieldsAre422sNamingThem() throws Exception {
    HttpResponse<String> res = detect(Harness.VIEWER,
        "{\"text\":\"Hi Anna\",\"existing_mapping\":{\"Anna\":\"Anna Weber\"},\"thread\":\"t1\"}");

    assertThat(res.statusCode()).isEqualTo(422);
    List<String> locs = new java.util.ArrayList<>();
    JSON.readTree(res.body()).path("detail").forEach(d -> locs.add(d.path("loc").toString()));
    assertThat(locs).containsExactlyInAnyOrder("[\"body\",\"thread\"]",
        "[\"body\",\"existing_mapping\",\"Anna\"]");
    assertThat(JSON.readTree(res.body()).path("error").path("message").asText())
        .contains("Key 'Anna' is not a placeholder");
  }

  @Test
  void invalidBodiesAre422AndMissingTokenIs401() throws Exception {
    HttpResponse<String> missing = detect(Harness.ADMIN, "{\"existing_mapping\":[1]}");
    HttpResponse<String> notJson = detect(Harness.ADMIN, "{\"text\": \"Anna");
    HttpResponse<String> anonymous = h.send(HttpRequest.newBuilder(h.uri("/api-proxy/v1/pii/detect"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"x\"}")));

    assertThat(missing.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(missing.body()).path("detail").findValuesAsText("type"))
        .containsExactlyInAnyOrder("missing", "dict_type");
    assertThat(notJson.statusCode()).isEqualTo(422);
    assertThat(notJson.body()).contains("json_invalid").doesNotContain("Anna");
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }
}
