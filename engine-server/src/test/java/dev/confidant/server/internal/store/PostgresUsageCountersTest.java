package dev.confidant.server.internal.store;

import dev.confidant.postgres.PostgresSettings;
import dev.confidant.postgres.PostgresStore;
import dev.confidant.server.UsageCounters;
import dev.confidant.testkit.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The cluster's counters in the real PostgreSQL of {@code .ci/run} pass the contract; {@link #alongside} is another
 * node: a store with its own pool on the same schema. Skipped without {@code CONFIDANT_POSTGRES_URL}.
 */
class PostgresUsageCountersTest extends UsageCountersContractTest {
  private final List<PostgresStore> stores = new ArrayList<>();
  private String url;
  private String schema;

  @BeforeEach
  void schema() {
    url = TestServers.postgresUrl();
    schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  @AfterEach
  void drop() throws Exception {
    stores.forEach(PostgresStore::close);
    if (url == null) {
      return; // skipped: no PostgreSQL
    }
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private UsageCounters node() {
    PostgresStore store = PostgresStore.open(PostgresSettings.of(url).withSchema(schema).withMaxPoolSize(2));
    stores.add(store);
    return new PostgresUsageCounters(store.counters());
  }

  @Override
  UsageCounters open() {
    return node();
  }

  @Override
  UsageCounters reopen() {
    return node();
  }

  @Override
  UsageCounters alongside(UsageCounters open) {
    return node();
  }
}
