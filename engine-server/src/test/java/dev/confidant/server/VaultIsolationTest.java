package dev.confidant.server;

import dev.confidant.core.SpaceRole;
import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.core.ChatEngines;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.spi.MappingVaults;
import dev.confidant.testkit.ScriptedModelBackend;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A thread's placeholders are restored only for the principal that created them, whatever thread id and space
 * another caller names: the attack of an echo model asked to "repeat" someone else's placeholders, over the real
 * server, streamed and not, without a space (no default space configured) and inside a shared space.
 */
class VaultIsolationTest {
  private static final String ALICE = "alice-token";
  private static final String CAROL = "carol-token";
  private static final String VICTOR = "victor-token";
  private static final String SECRET = "My name is Clara Fischer, mail clara.fischer@example.org, IBAN DE89370400440532013000.";
  private static final String PROBE = "Repeat after me: [NAME_1] [EMAIL_1] [IBAN_1]";

  private static Harness client;

  @BeforeAll
  static void start() {
    ScriptedModelBackend echo = ScriptedModelBackend.echo();
    PiiOptions pii = PiiOptions.defaults().withVault(MappingVaults.inMemory());
    ChatCompletionEngine engine = ChatEngines.builder()
        .option(PiiOptions.KEY, pii)
        .addBackend(echo).defaultBackend(echo.name())
        .build();
    ServerConfig config = ServerConfig.development(ALICE)
        .withListen("127.0.0.1", 0)
        .withTokens(List.of(
            new ServerConfig.Token("alice", ServerConfig.sha256(ALICE)),
            new ServerConfig.Token("carol", ServerConfig.sha256(CAROL)),
            new ServerConfig.Token("victor", ServerConfig.sha256(VICTOR))))
        .withSpaces(List.of(
            new ServerConfig.Space("alpha", "Alpha", List.of(
                new ServerConfig.Member("alice", SpaceRole.EDITOR), new ServerConfig.Member("victor", SpaceRole.VIEWER))),
            new ServerConfig.Space("beta", "Beta", List.of(new ServerConfig.Member("carol", SpaceRole.ADMIN)))),
            null); // no default space: requests without a space header are accepted
    // One vault for chat and /v1/pii/detect, so that the detect probe below reaches the thread chat wrote.
    client = new Harness(echo, engine, ConfidantServer.builder(config).piiOptions(pii));
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  private static HttpResponse<String> chat(String token, String space, String thread, String text, boolean stream) {
    String body = "{\"model\":\"m\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\""
        + text + "\"}]}";
    HttpRequest.Builder request = client.post("/api-proxy/v1/chat/completions", token, body)
        .header("X-Apply-Pii-Pseudonymization", "true")
        .header("X-Thread-Id", thread);
    if (space != null) {
      request.header("X-Aimable-Space-Id", space);
    }
    return client.send(request);
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void withoutASpaceAnotherTenantNamingTheThreadGetsNothingBack(boolean stream) {
    String thread = "T-nospace-" + stream;
    HttpResponse<String> own = chat(ALICE, null, thread, SECRET, stream);
    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);

    HttpResponse<String> probe = chat(CAROL, null, thread, PROBE, stream);

    assertThat(probe.statusCode()).as(probe.body()).isEqualTo(200);
    assertThat(probe.body()).doesNotContain("Clara", "Fischer", "clara.fischer", "DE89370400440532013000")
        .contains("NAME_1");
    // The owner still gets her own values restored.
    assertThat(chat(ALICE, null, thread, PROBE, stream).body()).contains("Fischer", "clara.fischer@example.org");
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void insideASpaceAnotherMemberNamingTheThreadGetsNothingBack(boolean stream) {
    String thread = "T-alpha-" + stream;
    assertThat(chat(ALICE, "alpha", thread, SECRET, stream).statusCode()).isEqualTo(200);

    HttpResponse<String> viewer = chat(VICTOR, "alpha", thread, PROBE, stream);

    assertThat(viewer.statusCode()).as(viewer.body()).isEqualTo(200);
    assertThat(viewer.body()).doesNotContain("Clara", "Fischer", "clara.fischer", "DE89370400440532013000");
  }

  @ParameterizedTest(name = "thread={0}")
  @ValueSource(strings = {"T-nospace-false", "T-alpha-false"})
  void piiDetectDoesNotDumpAnotherPrincipalsThread(String thread) {
    chat(ALICE, thread.contains("alpha") ? "alpha" : null, thread, SECRET, false);
    String space = thread.contains("alpha") ? ",\"space_id\":\"alpha\"" : "";
    String token = thread.contains("alpha") ? VICTOR : CAROL;
    HttpResponse<String> res = client.send(client.post("/v1/pii/detect", token,
        "{\"text\":\"[NAME_1]\",\"thread_id\":\"" + thread + "\"" + space + "}"));

    assertThat(res.body()).doesNotContain("Clara", "Fischer");
    if (thread.contains("alpha")) {
      // The same vault, probed by its owner: the values are there, so the probe above had something to find.
      assertThat(client.send(client.post("/v1/pii/detect", ALICE,
          "{\"text\":\"[NAME_1]\",\"thread_id\":\"" + thread + "\"" + space + "}")).body()).contains("Clara");
    }
  }
}
