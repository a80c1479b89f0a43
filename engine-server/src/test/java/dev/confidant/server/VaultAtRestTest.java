package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.api.EngineConfigException;
import dev.confidant.core.ChatEngines;
import dev.confidant.pii.spi.VaultKeyring;
import dev.confidant.server.internal.store.VaultKeys;
import dev.confidant.testkit.ScriptedModelBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's vault on disk: encrypted with {@code CONFIDANT_VAULT_KEY} (or a generated key file in development),
 * owner-only permissions, key rotation through {@code CONFIDANT_VAULT_RETIRED_KEYS}, and keys that are refused
 * rather than half-used.
 */
class VaultAtRestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EMAIL = "clara.fischer@example.org";
  private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};

  @TempDir Path tmp;

  private Path storage() {
    return tmp.resolve("storage");
  }

  /** The mapping {@code /v1/pii/detect} returns for thread t1 after detecting {@code text} in it. */
  private Map<String, Object> detect(Map<String, String> env, String text) throws IOException {
    ScriptedModelBackend echo = ScriptedModelBackend.echo();
    ServerConfig config = Harness.config().withStorageDir(storage());
    try (Harness h = new Harness(echo, ChatEngines.builder().addBackend(echo).defaultBackend(echo.name()).build(),
        ConfidantServer.builder(config).environment(env))) {
      var res = h.send(h.post("/v1/pii/detect", Harness.ADMIN,
          "{\"text\":\"" + text + "\",\"thread_id\":\"t1\",\"space_id\":\"default\"}"));
      assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
      return JSON.convertValue(JSON.readTree(res.body()).path("pii_mapping"), MAP);
    }
  }

  private void assertNothingInClear() throws IOException {
    try (Stream<Path> files = Files.walk(storage().resolve("vault"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).doesNotContain("clara", "EMAIL");
      }
    }
  }

  @Test
  void withoutAKeyOneIsGeneratedIntoTheStorageDirectoryAndKeptThere() throws IOException {
    assertThat(detect(Map.of(), "Mail " + EMAIL)).containsEntry("[EMAIL_1]", EMAIL);

    Path keyFile = storage().resolve(VaultKeys.KEY_FILE);
    assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip())).hasSize(32);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(storage()))).isEqualTo("rwx------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(storage().resolve("vault"))))
          .isEqualTo("rwx------");
    }
    assertNothingInClear();
    assertThat(detect(Map.of(), "Hello")).as("after a restart").containsEntry("[EMAIL_1]", EMAIL);
  }

  @Test
  void theEnvironmentsKeyIsUsedAndARotatedKeyStillReadsTheOldFiles() throws IOException {
    String oldKey = Base64.getEncoder().encodeToString(VaultKeyring.randomKey());
    String newKey = Base64.getEncoder().encodeToString(VaultKeyring.randomKey());
    detect(Map.of(VaultKeys.KEY_ENV, oldKey), "Mail " + EMAIL);
    assertThat(storage().resolve(VaultKeys.KEY_FILE)).doesNotExist();
    assertNothingInClear();

    assertThat(detect(Map.of(VaultKeys.KEY_ENV, newKey), "Hello")).as("another key finds nothing").isEmpty();
    assertThat(detect(Map.of(VaultKeys.KEY_ENV, newKey, VaultKeys.RETIRED_ENV, oldKey), "Hello"))
        .containsEntry("[EMAIL_1]", EMAIL);
  }

  @Test
  void malformedKeysAndAKeyFileOthersMayReadStopTheStart() throws IOException {
    ServerConfig config = Harness.config().withStorageDir(storage());
    String secretLooking = "c2VjcmV0LWJ1dC10b28tc2hvcnQ=";
    assertThatThrownBy(() -> ConfidantServer.builder(config).environment(Map.of(VaultKeys.KEY_ENV, secretLooking))
        .start()).isInstanceOf(EngineConfigException.class).hasMessageContaining("32 bytes")
        .hasMessageNotContaining(secretLooking);

    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    Files.createDirectories(storage());
    Path keyFile = Files.writeString(storage().resolve(VaultKeys.KEY_FILE),
        Base64.getEncoder().encodeToString(VaultKeyring.randomKey()));
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> ConfidantServer.builder(config).environment(Map.of()).start())
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("chmod 600");
  }
}
