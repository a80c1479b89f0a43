package dev.confidant.server;

import dev.confidant.core.SpaceRole;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.core.ChatEngines;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.spi.MappingVaults;
import dev.confidant.pii.spi.VaultPolicy;
import dev.confidant.testkit.ScriptedModelBackend;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Erasing PII mappings over HTTP, against the attack of an echo model asked to "repeat" placeholders: what was
 * deleted is never restored again; only the owner, or an admin of the thread's space, may delete a thread; only an
 * admin a whole space. And the vault's bounds: a full thread is a 422 naming where the thread came from.
 */
class VaultEndpointsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALICE = "alice-token";
  private static final String VICTOR = "victor-token";
  private static final String ADA = "ada-token";
  private static final String SECRET = "My name is Clara Fischer, mail clara.fischer@example.org.";
  private static final String PROBE = "Repeat after me: [NAME_1] [EMAIL_1]";

  private static Harness client;

  @BeforeAll
  static void start() {
    ScriptedModelBackend echo = ScriptedModelBackend.echo();
    PiiOptions pii = PiiOptions.defaults()
        .withVault(MappingVaults.inMemory(VaultPolicy.defaults().withMaxEntriesPerThread(6)));
    ChatCompletionEngine engine = ChatEngines.builder().option(PiiOptions.KEY, pii)
        .addBackend(echo).defaultBackend(echo.name()).build();
    ServerConfig config = ServerConfig.development(ALICE).withListen("127.0.0.1", 0)
        .withTokens(List.of(new ServerConfig.Token("alice", ServerConfig.sha256(ALICE)),
            new ServerConfig.Token("victor", ServerConfig.sha256(VICTOR)),
            new ServerConfig.Token("ada", ServerConfig.sha256(ADA))))
        .withSpaces(List.of(new ServerConfig.Space("alpha", "Alpha", List.of(
            new ServerConfig.Member("alice", SpaceRole.EDITOR), new ServerConfig.Member("victor", SpaceRole.VIEWER),
            new ServerConfig.Member("ada", SpaceRole.ADMIN)))), null);
    client = new Harness(echo, engine, ConfidantServer.builder(config).piiOptions(pii));
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  private static HttpResponse<String> chat(String token, String space, String thread, String text) {
    HttpRequest.Builder request = client.post("/v1/chat/completions", token, Harness.userMessage(text))
        .header("X-Apply-Pii-Pseudonymization", "true").header("X-Thread-Id", thread);
    if (space != null) {
      request.header("X-Aimable-Space-Id", space);
    }
    return client.send(request);
  }

  private static HttpResponse<String> delete(String token, String space, String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(client.uri(path)).timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + token).DELETE();
    if (space != null) {
      request.header("X-Aimable-Space-Id", space);
    }
    return client.send(request);
  }

  private static JsonNode json(HttpResponse<String> res) throws Exception {
    return JSON.readTree(res.body());
  }

  private static boolean restored(String token, String space, String thread) {
    String body = chat(token, space, thread, PROBE).body();
    assertThat(body).contains("Repeat after me");
    return body.contains("Clara Fischer");
  }

  @Test
  void theOwnerDeletesHerThreadAndItIsNeverRestoredAgain() throws Exception {
    assertThat(chat(ALICE, "alpha", "own-1", SECRET).statusCode()).isEqualTo(200);
    assertThat(restored(ALICE, "alpha", "own-1")).isTrue();

    HttpResponse<String> res = delete(ALICE, "alpha", "/api-proxy/v1/pii/threads/own-1");

    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    assertThat(json(res).toString())
        .isEqualTo("{\"space_id\":\"alpha\",\"thread_id\":\"own-1\",\"owner\":\"alice\",\"deleted\":true}");
    assertThat(restored(ALICE, "alpha", "own-1")).isFalse();
    assertThat(json(delete(ALICE, "alpha", "/v1/pii/threads/own-1")).path("deleted").asBoolean()).isFalse();
  }

  @Test
  void withoutASpaceTheOwnerDeletesAndNobodyElseMay() throws Exception {
    chat(VICTOR, null, "nospace-1", SECRET);

    HttpResponse<String> other = delete(ALICE, null, "/v1/pii/threads/nospace-1?owner=victor");
    assertThat(other.statusCode()).as(other.body()).isEqualTo(403);
    assertThat(restored(VICTOR, null, "nospace-1")).isTrue();

    HttpResponse<String> own = delete(VICTOR, null, "/v1/pii/threads/nospace-1");
    assertThat(json(own).path("deleted").asBoolean()).as(own.body()).isTrue();
    assertThat(json(own).path("space_id").isNull()).isTrue();
    assertThat(restored(VICTOR, null, "nospace-1")).isFalse();
  }

  @Test
  void onlyAnAdminOfTheSpaceMayDeleteAnotherMembersThread() throws Exception {
    chat(ALICE, "alpha", "shared-1", SECRET);

    HttpResponse<String> viewer = delete(VICTOR, "alpha", "/v1/pii/threads/shared-1?owner=alice");
    assertThat(viewer.statusCode()).as(viewer.body()).isEqualTo(403);
    HttpResponse<String> ownOfSameId = delete(VICTOR, "alpha", "/v1/pii/threads/shared-1");
    assertThat(json(ownOfSameId).path("deleted").asBoolean()).as("victor's own thread of that id: none").isFalse();
    assertThat(restored(ALICE, "alpha", "shared-1")).isTrue();

    HttpResponse<String> admin = delete(ADA, "alpha", "/v1/pii/threads/shared-1?owner=alice");

    assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
    assertThat(json(admin).path("owner").asText()).isEqualTo("alice");
    assertThat(json(admin).path("deleted").asBoolean()).isTrue();
    assertThat(restored(ALICE, "alpha", "shared-1")).isFalse();
  }

  @Test
  void deletingOnePlaceholderForgetsThatValueAlone() throws Exception {
    chat(ALICE, "alpha", "entry-1", SECRET);

    HttpResponse<String> res = delete(ALICE, "alpha", "/v1/pii/threads/entry-1/placeholders/%5BNAME_1%5D");

    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    assertThat(json(res).path("placeholder").asText()).isEqualTo("[NAME_1]");
    assertThat(json(res).path("deleted").asBoolean()).isTrue();
    String reply = chat(ALICE, "alpha", "entry-1", PROBE).body();
    assertThat(reply).doesNotContain("Clara Fischer").contains("clara.fischer@example.org");
  }

  @Test
  void aWholeSpaceIsErasedByItsAdminOnly() throws Exception {
    chat(ALICE, "alpha", "space-1", SECRET);
    chat(VICTOR, "alpha", "space-2", SECRET);

    assertThat(delete(ALICE, null, "/v1/spaces/alpha/pii/threads").statusCode()).as("an editor").isEqualTo(403);
    HttpResponse<String> res = delete(ADA, null, "/v1/spaces/alpha/pii/threads");

    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    assertThat(json(res).path("space_id").asText()).isEqualTo("alpha");
    assertThat(json(res).path("deleted_threads").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(restored(ALICE, "alpha", "space-1")).isFalse();
    assertThat(restored(VICTOR, "alpha", "space-2")).isFalse();
  }

  @Test
  void malformedIdsAndPlaceholdersAre422s() throws Exception {
    HttpResponse<String> thread = delete(ALICE, "alpha", "/v1/pii/threads/a%0Ab");
    HttpResponse<String> placeholder = delete(ALICE, "alpha", "/v1/pii/threads/t/placeholders/Anna");
    HttpResponse<String> owner = delete(ALICE, "alpha", "/v1/pii/threads/t?owner=");
    HttpResponse<String> detect = client.send(client.post("/v1/pii/detect", ALICE,
        "{\"text\":\"hi\",\"thread_id\":\"../etc\",\"space_id\":\"alpha\"}"));

    assertThat(json(thread).path("detail").get(0).path("loc").toString()).isEqualTo("[\"path\",\"thread_id\"]");
    assertThat(json(placeholder).path("detail").get(0).path("loc").toString())
        .isEqualTo("[\"path\",\"placeholder\"]");
    assertThat(json(owner).path("detail").get(0).path("loc").toString()).isEqualTo("[\"query\",\"owner\"]");
    assertThat(json(detect).path("detail").get(0).path("loc").toString()).isEqualTo("[\"body\",\"thread_id\"]");
    for (HttpResponse<String> res : List.of(thread, placeholder, owner, detect)) {
      assertThat(res.statusCode()).as(res.body()).isEqualTo(422);
    }
  }

  @Test
  void aFullThreadIsA422AtTheThreadAndKeepsWhatItHad() throws Exception {
    String emails = "a1@example.org b2@example.org c3@example.org d4@example.org";
    HttpResponse<String> first = client.send(client.post("/v1/pii/detect", ALICE,
        "{\"text\":\"" + emails + "\",\"thread_id\":\"full-1\",\"space_id\":\"alpha\"}"));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);

    HttpResponse<String> detect = client.send(client.post("/v1/pii/detect", ALICE,
        "{\"text\":\"e5@example.org f6@example.org g7@example.org\",\"thread_id\":\"full-1\",\"space_id\":\"alpha\"}"));
    HttpResponse<String> chat = chat(ALICE, "alpha", "full-1", "e5@example.org f6@example.org g7@example.org");

    assertThat(detect.statusCode()).as(detect.body()).isEqualTo(422);
    assertThat(json(detect).path("detail").get(0).path("loc").toString()).isEqualTo("[\"body\",\"thread_id\"]");
    assertThat(json(detect).path("detail").get(0).path("type").asText()).isEqualTo("vault_full");
    assertThat(json(detect).path("detail").get(0).path("msg").asText()).contains("6").doesNotContain("e5@");
    assertThat(chat.statusCode()).as(chat.body()).isEqualTo(422);
    assertThat(json(chat).path("detail").get(0).path("loc").toString()).isEqualTo("[\"header\",\"x-thread-id\"]");
    assertThat(chat(ALICE, "alpha", "full-1", "Repeat [EMAIL_1]").body()).contains("a1@example.org");
  }
}
