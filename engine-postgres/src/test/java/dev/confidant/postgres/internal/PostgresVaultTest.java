package dev.confidant.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.StorageException;
import dev.confidant.pii.spi.MappingVault;
import dev.confidant.pii.spi.VaultKey;
import dev.confidant.pii.spi.VaultKeyring;
import dev.confidant.pii.spi.VaultPolicy;
import dev.confidant.pii.testing.MutableClock;
import dev.confidant.postgres.PostgresSettings;
import dev.confidant.postgres.PostgresStore;
import dev.confidant.postgres.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the contract kit cannot see: what lies in the tables, two nodes (two stores, two pools) writing at once,
 * key rotation, the expiry sweep and failures.
 */
class PostgresVaultTest {
  private static final VaultKey ALICE = new VaultKey("space_q7", "alice@example.org", "thread-xy42");
  private static TestDatabase database;
  private static PostgresStore nodeA;
  private static PostgresStore nodeB;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
  private final VaultPolicy policy = VaultPolicy.defaults().withTimeToLive(Duration.ofHours(1)).withClock(clock);

  @BeforeAll
  static void open() {
    database = TestDatabase.create();
    nodeA = PostgresStore.open(database.settings());
    nodeB = PostgresStore.open(database.settings()); // a second node: its own pool, the same database
  }

  @AfterAll
  static void close() {
    if (nodeA != null) {
      nodeA.close();
      nodeB.close();
      database.drop();
    }
  }

  @BeforeEach
  void empty() {
    database.execute("TRUNCATE confidant_vault_entry, confidant_vault_thread, confidant_vault_owner");
  }

  @Test
  void nothingInTheTablesNamesASpaceAPrincipalAThreadOrAValue() throws SQLException {
    MappingVault vault = nodeA.vault(VaultKeyring.generate(), policy);
    vault.merge(ALICE, Map.of("[NAME_1]", "Zyxo Quarnberg", "[EMAIL_1]", "zyxo@quarn.example"));

    List<byte[]> stored = new ArrayList<>();
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      for (String table : List.of("confidant_vault_owner", "confidant_vault_thread", "confidant_vault_entry")) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              stored.add(rs.getBytes(i) == null ? new byte[0] : rs.getBytes(i));
            }
          }
        }
      }
    }
    String all = new String(stored.stream().reduce(new byte[0], PostgresVaultTest::concat), StandardCharsets.ISO_8859_1);
    for (String secret : List.of("Zyxo", "Quarnberg", "quarn.example", "space_q7", "alice", "thread-xy42")) {
      assertThat(all).as(secret).doesNotContain(secret);
    }
    assertThat(all).contains("[NAME_1]"); // placeholders are not personal data
  }

  @Test
  void aValueMovedIntoAnotherConversationFailsToOpenInsteadOfBeingRestored() {
    MappingVault vault = nodeA.vault(VaultKeyring.generate(), policy);
    VaultKey mallory = new VaultKey("space_q7", "mallory", "thread-xy42");
    vault.merge(ALICE, Map.of("[NAME_1]", "Zyxo Quarnberg"));
    vault.merge(mallory, Map.of("[NAME_2]", "Mallory"));

    // An attacker with write access to the table copies Alice's sealed value into Mallory's conversation.
    database.execute("INSERT INTO confidant_vault_entry (thread_id, placeholder, value)"
        + " SELECT m.thread_id, '[NAME_1]', a.value FROM confidant_vault_entry a, confidant_vault_entry m"
        + " WHERE a.placeholder = '[NAME_1]' AND m.placeholder = '[NAME_2]'");

    assertThatThrownBy(() -> vault.load(mallory)).isInstanceOf(StorageException.class)
        .hasMessageContaining("integrity").hasMessageNotContaining("Zyxo");
    assertThat(vault.load(ALICE)).containsEntry("[NAME_1]", "Zyxo Quarnberg");
  }

  @Test
  void theFirstWriterWinsAcrossNodes() throws Exception {
    VaultKeyring keys = VaultKeyring.generate();
    MappingVault a = nodeA.vault(keys, policy);
    MappingVault b = nodeB.vault(keys, policy);
    int rounds = 20;
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      for (int i = 0; i < rounds; i++) {
        VaultKey thread = new VaultKey("space_1", "alice", "race-" + i);
        CountDownLatch start = new CountDownLatch(1);
        Callable<Void> fromA = () -> {
          start.await();
          a.merge(thread, Map.of("[NAME_1]", "Anna"));
          return null;
        };
        Callable<Void> fromB = () -> {
          start.await();
          b.merge(thread, Map.of("[NAME_1]", "Bruno"));
          return null;
        };
        Future<Void> fa = pool.submit(fromA);
        Future<Void> fb = pool.submit(fromB);
        start.countDown();
        fa.get();
        fb.get();
        Map<String, String> seenByA = a.load(thread);
        assertThat(seenByA).hasSize(1).containsKey("[NAME_1]");
        assertThat(b.load(thread)).isEqualTo(seenByA);
      }
    }
    // Later writers never rebind it, from either node.
    VaultKey thread = new VaultKey("space_1", "alice", "race-0");
    String winner = a.load(thread).get("[NAME_1]");
    b.merge(thread, Map.of("[NAME_1]", "Eve"));
    assertThat(a.load(thread)).containsEntry("[NAME_1]", winner);
  }

  @Test
  void theOwnerLimitHoldsAcrossNodes() throws Exception {
    VaultKeyring keys = VaultKeyring.generate();
    VaultPolicy small = policy.withMaxEntriesPerOwner(30);
    MappingVault a = nodeA.vault(keys, small);
    MappingVault b = nodeB.vault(keys, small);
    List<Future<Boolean>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < 50; i++) {
        int n = i;
        MappingVault node = i % 2 == 0 ? a : b;
        results.add(pool.submit(() -> {
          try {
            node.merge(new VaultKey("space_1", "alice", "t" + (n % 5)), Map.of("[NAME_" + n + "]", "v" + n));
            return true;
          } catch (dev.confidant.api.InvalidRequestException full) {
            return false;
          }
        }));
      }
    }
    long accepted = 0;
    for (Future<Boolean> f : results) {
      accepted += f.get() ? 1 : 0;
    }
    int stored = 0;
    for (int t = 0; t < 5; t++) {
      stored += a.load(new VaultKey("space_1", "alice", "t" + t)).size();
    }
    assertThat(accepted).isEqualTo(30);
    assertThat(stored).isEqualTo(30);
  }

  @Test
  void aRotatedKeyStillReadsAndTheNextWriteResealsWithTheNewKey() throws SQLException {
    byte[] oldKey = VaultKeyring.randomKey();
    byte[] newKey = VaultKeyring.randomKey();
    nodeA.vault(VaultKeyring.of(oldKey), policy).merge(ALICE, Map.of("[NAME_1]", "Anna", "[NAME_2]", "Bea"));

    VaultKeyring rotated = VaultKeyring.of(newKey).withRetired(oldKey);
    MappingVault vault = nodeB.vault(rotated, policy);
    assertThat(vault.load(ALICE)).isEqualTo(Map.of("[NAME_1]", "Anna", "[NAME_2]", "Bea"));

    vault.merge(ALICE, Map.of("[NAME_3]", "Clara"));

    assertThat(keyIdsStored()).containsExactly(rotated.currentKeyId());
    MappingVault newKeyOnly = nodeA.vault(VaultKeyring.of(newKey), policy);
    assertThat(newKeyOnly.load(ALICE)).isEqualTo(Map.of("[NAME_1]", "Anna", "[NAME_2]", "Bea", "[NAME_3]", "Clara"));
    assertThat(ownerTotals()).as("the old key's owner row is left empty").containsExactlyInAnyOrder(3L, 0L);
  }

  @Test
  void theSweepDeletesExpiredConversationsFromTheTables() throws SQLException {
    VaultKeyring keys = VaultKeyring.generate();
    MappingVault vault = nodeA.vault(keys, policy);
    vault.merge(ALICE, Map.of("[NAME_1]", "Anna"));
    vault.merge(new VaultKey("space_2", "bob", "t1"), Map.of("[NAME_1]", "Bruno", "[NAME_2]", "Carl"));
    clock.advance(Duration.ofHours(2));

    // A vault starts with a sweep due; any call runs it.
    nodeB.vault(keys, policy).load(new VaultKey("space_9", "nobody", "t"));

    assertThat(count("confidant_vault_thread")).isZero();
    assertThat(count("confidant_vault_entry")).isZero();
    assertThat(ownerTotals()).containsOnly(0L);
  }

  @Test
  void anUnreachableDatabaseIsAStorageErrorWithoutThePassword() {
    PostgresSettings nowhere = PostgresSettings.of("jdbc:postgresql://127.0.0.1:9/confidant?password=hunter2")
        .withConnectTimeout(Duration.ofMillis(500));
    assertThatThrownBy(() -> PostgresStore.open(nowhere)).isInstanceOf(StorageException.class)
        .hasMessageContaining("127.0.0.1:9").hasMessageNotContaining("hunter2");
    assertThat(nowhere.toString()).doesNotContain("hunter2");
  }

  @Test
  void nodesStartingTogetherMigrateOnce() throws Exception {
    TestDatabase fresh = TestDatabase.create();
    try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
      List<Future<PostgresStore>> stores = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        stores.add(pool.submit(() -> PostgresStore.open(fresh.settings())));
      }
      for (Future<PostgresStore> f : stores) {
        f.get().close();
      }
      try (Connection c = fresh.connect(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM confidant_schema_history WHERE success")) {
        rs.next();
        long migrations;
        try (var files = Files.list(Path.of("src/main/resources/confidant-postgres/migration"))) {
          migrations = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
        assertThat(rs.getInt(1)).as("one row per migration (and the schema's own)").isEqualTo(migrations + 1);
      }
    } finally {
      fresh.drop();
    }
  }

  private static List<String> keyIdsStored() throws SQLException {
    return column("SELECT key_id FROM confidant_vault_thread").stream().map(String::valueOf).toList();
  }

  private static List<Long> ownerTotals() throws SQLException {
    return column("SELECT total FROM confidant_vault_owner").stream().map(v -> (Long) v).toList();
  }

  private static List<Object> column(String query) throws SQLException {
    List<Object> values = new ArrayList<>();
    try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        values.add(rs.getObject(1));
      }
    }
    return values;
  }

  private static int count(String table) throws SQLException {
    try (Connection c = database.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length + 1];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length + 1, b.length);
    return out;
  }
}
