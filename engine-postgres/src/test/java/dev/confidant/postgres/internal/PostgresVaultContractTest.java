package dev.confidant.postgres.internal;

import dev.confidant.pii.spi.MappingVault;
import dev.confidant.pii.testing.MappingVaultContractTest;
import dev.confidant.pii.spi.VaultKeyring;
import dev.confidant.pii.spi.VaultPolicy;
import dev.confidant.postgres.PostgresStore;
import dev.confidant.postgres.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The vault contract of engine-pii, against the real PostgreSQL that CI starts. */
class PostgresVaultContractTest extends MappingVaultContractTest {
  private static TestDatabase database;
  private static PostgresStore store;

  @BeforeAll
  static void open() {
    database = TestDatabase.create();
    store = PostgresStore.open(database.settings());
  }

  @AfterAll
  static void close() {
    if (store != null) {
      store.close();
      database.drop();
    }
  }

  @Override
  protected MappingVault newVault(VaultPolicy policy) {
    database.execute("TRUNCATE confidant_vault_entry, confidant_vault_thread, confidant_vault_owner");
    return store.vault(VaultKeyring.generate(), policy);
  }
}
