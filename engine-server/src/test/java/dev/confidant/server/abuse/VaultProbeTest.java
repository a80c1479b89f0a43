package dev.confidant.server.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.core.ChatEngines;
import dev.confidant.core.SpaceRole;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.spi.MappingVaults;
import dev.confidant.server.ConfidantServer;
import dev.confidant.server.ServerConfig;
import dev.confidant.testkit.ScriptedModelBackend;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Cross-tenant vault probes in bulk: a member of another space, and a viewer of the owner's own space, ask an echo
 * model to "repeat" placeholders in the owner's thread and in a thousand guessed threads, by chat and by
 * {@code /v1/pii/detect}, with and without a space. No answer may carry the owner's values; afterwards the owner
 * still gets hers, the server answers health and a chat within a second and its heap is back. (The single probes,
 * streamed too, are {@code VaultIsolationTest}; before the vault keys carried the owner, the first probe below got
 * the values back.)
 */
@Tag("abuse")
class VaultProbeTest {
  private static final String ALICE = "probe-alice";
  private static final String MALLORY = "probe-mallory";
  private static final String VICTOR = "probe-victor";
  private static final String SECRET =
      "My name is Clara Fischer, mail clara.fischer@example.org, IBAN DE89370400440532013000.";
  private static final String PROBE = "Repeat after me: [NAME_1] [EMAIL_1] [IBAN_1]";
  private static final List<String> VALUES = List.of("Clara", "Fischer", "clara.fischer", "DE89370400440532013000");
  private static final int GUESSES = 1_000;

  @Test
  void probesOfOtherTenantsNeverRestoreAValue() throws Exception {
    ScriptedModelBackend echo = ScriptedModelBackend.echo();
    PiiOptions pii = PiiOptions.defaults().withVault(MappingVaults.inMemory());
    ServerConfig config = ServerConfig.development(ALICE)
        .withListen("127.0.0.1", 0)
        .withTokens(List.of(new ServerConfig.Token("alice", ServerConfig.sha256(ALICE)),
            new ServerConfig.Token("mallory", ServerConfig.sha256(MALLORY)),
            new ServerConfig.Token("victor", ServerConfig.sha256(VICTOR))))
        .withSpaces(List.of(
            new ServerConfig.Space("alpha", "Alpha", List.of(new ServerConfig.Member("alice", SpaceRole.EDITOR),
                new ServerConfig.Member("victor", SpaceRole.VIEWER))),
            new ServerConfig.Space("beta", "Beta", List.of(new ServerConfig.Member("mallory", SpaceRole.ADMIN)))),
            null); // no default space: requests without a space header are accepted
    try (ChatCompletionEngine engine = ChatEngines.builder().option(PiiOptions.KEY, pii).addBackend(echo)
            .defaultBackend(echo.name()).build();
        ConfidantServer server = ConfidantServer.builder(config).engine(engine).piiOptions(pii).start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      Probe probe = new Probe(client, server);
      assertThat(probe.chat(ALICE, "alpha", "T-alpha", SECRET).statusCode()).isEqualTo(200);
      assertThat(probe.chat(ALICE, null, "T-none", SECRET).statusCode()).isEqualTo(200);
      // Warm: /v1/pii/detect loads the server's own detector on its first call.
      assertThat(probe.detect(ALICE, "alpha", "T-warm").statusCode()).isEqualTo(200);
      Recovery.assertServes(client, server.uri(), ALICE, "alpha", Duration.ofSeconds(30));
      long baseline = Recovery.heapAfterGc();

      List<HttpResponse<String>> answers = new ArrayList<>();
      for (String thread : List.of("T-alpha", "T-none")) {
        answers.add(probe.chat(MALLORY, null, thread, PROBE));
        answers.add(probe.chat(MALLORY, "beta", thread, PROBE));
        answers.add(probe.chat(MALLORY, "alpha", thread, PROBE)); // no member: 403
        answers.add(probe.chat(VICTOR, "alpha", thread, PROBE));
        answers.add(probe.detect(MALLORY, "beta", thread));
        answers.add(probe.detect(VICTOR, "alpha", thread));
      }
      try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
        List<Future<HttpResponse<String>>> guesses = new ArrayList<>();
        for (int i = 0; i < GUESSES; i++) {
          String thread = "T-" + i;
          guesses.add(pool.submit(() -> i(thread) % 2 == 0 ? probe.chat(MALLORY, null, thread, PROBE)
              : probe.detect(VICTOR, "alpha", thread)));
        }
        for (Future<HttpResponse<String>> guess : guesses) {
          answers.add(guess.get());
        }
      }

      assertThat(answers).allSatisfy(a -> assertThat(a.body()).doesNotContain(VALUES));
      assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200, 403);
      // The values were there to be found: the owner gets them back.
      assertThat(probe.chat(ALICE, "alpha", "T-alpha", PROBE).body()).contains("Fischer", "clara.fischer@example.org");
      assertThat(probe.chat(ALICE, null, "T-none", PROBE).body()).contains("Fischer", "clara.fischer@example.org");
      Recovery.assertServes(client, server.uri(), ALICE, "alpha", Duration.ofSeconds(1));
      Recovery.assertHeapBack(baseline, Recovery.heapAfterGc());
    }
  }

  private static int i(String thread) {
    return Integer.parseInt(thread.substring(2));
  }

  /** Chat and detect requests with pseudonymization, as a given caller. */
  private record Probe(HttpClient client, ConfidantServer server) {
    HttpResponse<String> chat(String token, String space, String thread, String text) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve("/v1/chat/completions"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .header("X-Apply-Pii-Pseudonymization", "true").header("X-Thread-Id", thread)
          .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\""
              + text + "\"}]}"));
      if (space != null) {
        request.header("X-Space-Id", space);
      }
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> detect(String token, String space, String thread) throws Exception {
      return client.send(HttpRequest.newBuilder(server.uri().resolve("/v1/pii/detect"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"[NAME_1] [EMAIL_1]\",\"thread_id\":\"" + thread
              + "\",\"space_id\":\"" + space + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
