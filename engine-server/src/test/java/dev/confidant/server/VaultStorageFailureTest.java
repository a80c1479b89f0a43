package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.core.ChatEngines;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.spi.MappingVaults;
import dev.confidant.pii.spi.VaultKeyring;
import dev.confidant.testkit.ScriptedModelBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vault that cannot be written is the server's failure, not the caller's: a 500 with {@code storage_error}, never
 * a 400, and the model is not called. The vault's directory is a regular file, so nothing can be written in it
 * (this holds for root too, unlike a read-only directory).
 */
class VaultStorageFailureTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aVaultWriteFailureIsA500AndNothingReachesTheModel(@TempDir Path tmp) throws Exception {
    Path storage = Files.createDirectory(tmp.resolve("storage"));
    Path notADirectory = Files.writeString(storage.resolve("vault"), "a file, not a directory");
    ScriptedModelBackend echo = ScriptedModelBackend.echo();
    ChatCompletionEngine engine = ChatEngines.builder()
        .option(PiiOptions.KEY, PiiOptions.defaults().withVault(MappingVaults.directory(notADirectory, VaultKeyring.generate())))
        .addBackend(echo).defaultBackend(echo.name())
        .build();
    try (Harness h = new Harness(echo, engine, Harness.config().withStorageDir(storage))) {
      HttpResponse<String> chat = h.send(h.post("/v1/chat/completions", Harness.ADMIN,
              Harness.userMessage("My name is Clara Fischer"))
          .header("X-Apply-Pii-Pseudonymization", "true").header("X-Thread-Id", "t1"));
      HttpResponse<String> detect = h.send(h.post("/v1/pii/detect", Harness.ADMIN,
          "{\"text\":\"Mail clara@example.org\",\"thread_id\":\"t1\"}"));

      for (HttpResponse<String> res : java.util.List.of(chat, detect)) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(500);
        JsonNode error = JSON.readTree(res.body()).path("error");
        assertThat(error.path("code").asText()).as(res.body()).isEqualTo("storage_error");
        assertThat(res.body()).doesNotContain("Clara", "clara@example.org", notADirectory.toString());
      }
      assertThat(echo.requests()).isEmpty();
    }
  }
}
