package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * THIRD-PARTY.txt at the repository root cannot drift from the build: license-maven-plugin lists this module's
 * runtime dependencies (every engine module's, the server's and the CLI's) with the licences their POMs declare,
 * at generate-resources, and the committed copy must equal that list.
 */
class ThirdPartyLicensesTest {
  @Test
  void theCommittedThirdPartyListIsTheOneTheBuildResolves() throws IOException {
    Path generated = Path.of("target/generated-sources/license/THIRD-PARTY.txt");
    Path committed = Path.of("../THIRD-PARTY.txt");
    assertThat(generated).as("written by license-maven-plugin (add-third-party) before the tests").isRegularFile();
    assertThat(committed).isRegularFile();

    assertThat(Files.readAllLines(committed, StandardCharsets.UTF_8))
        .as("THIRD-PARTY.txt differs from the resolved runtime dependencies; copy "
            + "engine-server/target/generated-sources/license/THIRD-PARTY.txt to the repository root")
        .containsExactlyElementsOf(Files.readAllLines(generated, StandardCharsets.UTF_8));
  }
}
