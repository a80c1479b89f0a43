package dev.confidant.postgres;

import dev.confidant.pii.spi.MappingVault;
import dev.confidant.pii.spi.VaultKeyring;
import dev.confidant.pii.spi.VaultPolicy;
import java.util.List;

/** The code samples of this module's javadoc ({@code {@snippet class=... region=...}}); compiled with the tests. */
final class PostgresSnippets {
  private PostgresSnippets() {}

  static void vault(String keyBase64) {
    // @start region="vault"
    try (PostgresStore store = PostgresStore.open(PostgresSettings.of("jdbc:postgresql://db:5432/confidant")
        .withCredentials("confidant", System.getenv("PGPASSWORD")))) {
      MappingVault vault = store.vault(VaultKeyring.fromBase64(keyBase64, List.of()), VaultPolicy.defaults());
      // engine builder: .option(PiiOptions.KEY, PiiOptions.defaults().withVault(vault))
    }
    // @end
  }
}
