package dev.confidant.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.confidant.api.StorageException;
import dev.confidant.pii.spi.MappingVault;
import dev.confidant.pii.spi.VaultKeyring;
import dev.confidant.pii.spi.VaultPolicy;
import dev.confidant.postgres.internal.IngestNotices;
import dev.confidant.postgres.internal.PostgresIngestQueue;
import dev.confidant.postgres.internal.PostgresVault;
import dev.confidant.postgres.internal.Sql;
import dev.confidant.rag.IngestLimits;
import dev.confidant.rag.spi.DurableIngestQueue;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * A node's connection to the cluster's PostgreSQL: a connection pool and the stores on it. Thread-safe; open one
 * per node and close it on shutdown. Every node of a cluster opens its own against the same database, and the
 * stores it hands out see what every other node wrote.
 *
 * <p>Opening brings the schema up to date: Flyway applies the migrations this version ships (SQL files under
 * {@code confidant-postgres/migration}), recording them in {@code confidant_schema_history}, under a PostgreSQL
 * advisory lock, so nodes starting together migrate once. A database whose schema is newer than this version
 * knows is refused (roll nodes forward, not back).
 */
public final class PostgresStore implements AutoCloseable {
  /** Flyway's history table: named for Confidant, so that a shared database keeps other tools' histories apart. */
  static final String HISTORY_TABLE = "confidant_schema_history";

  private final PostgresSettings settings;
  private final HikariDataSource pool;
  /** The ingestion queues' LISTEN/NOTIFY, one listening connection per store while a queue is subscribed to. */
  private final IngestNotices notices;

  private PostgresStore(PostgresSettings settings, HikariDataSource pool) {
    this.settings = settings;
    this.pool = pool;
    this.notices = new IngestNotices(this::listenerConnection, settings.schema());
  }

  /**
   * Connects and migrates the schema.
   *
   * @throws StorageException if the database cannot be reached, refuses the credentials, or its schema cannot be
   *     migrated; the message names the URL without its parameters and never the password
   */
  public static PostgresStore open(PostgresSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.url());
    if (settings.user() != null) {
      config.setUsername(settings.user());
    }
    if (settings.password() != null) {
      config.setPassword(settings.password());
    }
    config.setSchema(settings.schema());
    config.setMaximumPoolSize(settings.maxPoolSize());
    config.setMinimumIdle(1);
    config.setConnectionTimeout(settings.connectTimeout().toMillis());
    config.setInitializationFailTimeout(settings.connectTimeout().toMillis());
    config.setPoolName("confidant-postgres");
    config.setAutoCommit(true);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StorageException("cannot connect to PostgreSQL at " + settings.displayUrl() + ": "
          + Sql.describe(e), e);
    }
    try {
      migrate(pool, settings.schema());
    } catch (FlywayException e) {
      pool.close();
      throw new StorageException("cannot migrate the Confidant schema '" + settings.schema() + "' in PostgreSQL at "
          + settings.displayUrl() + ": " + Sql.describe(e), e);
    }
    return new PostgresStore(settings, pool);
  }

  private static void migrate(DataSource db, String schema) {
    Flyway.configure(PostgresStore.class.getClassLoader())
        .dataSource(db)
        .schemas(schema)
        .createSchemas(true)
        .table(HISTORY_TABLE)
        .locations("classpath:confidant-postgres/migration")
        .validateMigrationNaming(true)
        .load()
        .migrate();
  }

  /**
   * The PII vault of the cluster (see {@link PostgresVault}): the same conversation's mapping whichever node
   * handles a turn. Values are sealed with the keyring's current key; every node must be given the same keyring.
   */
  public MappingVault vault(VaultKeyring keys, VaultPolicy policy) {
    return new PostgresVault(pool, keys, policy);
  }

  /**
   * The request and token counters of the cluster (see {@link PostgresCounters}): every node counts in the same
   * rows, so limits and budgets hold for the cluster.
   */
  public PostgresCounters counters() {
    return new PostgresCounters(pool);
  }

  /**
   * The ingestion queue of the cluster (see {@link PostgresIngestQueue}): documents any node accepted wait here,
   * any node's workers take them, fair per space, and a batch whose node died is taken again once its lease runs
   * out. Bounded per space and in all by {@code limits}' queue bounds, as the embedded queue.
   *
   * @param lease how long a node holds a batch without renewing it (at least 1 s); the nodes renew every third of it
   */
  public DurableIngestQueue ingestQueue(IngestLimits limits, Duration lease) {
    return new PostgresIngestQueue(pool, limits, lease, notices, settings.connectTimeout());
  }

  /**
   * A connection outside the pool, for a session that stays open (the ingestion queue's {@code LISTEN}): a pooled
   * one would be taken from the pool for good.
   */
  private Connection listenerConnection() throws SQLException {
    Properties properties = new Properties();
    if (settings.user() != null) {
      properties.setProperty("user", settings.user());
    }
    if (settings.password() != null) {
      properties.setProperty("password", settings.password());
    }
    properties.setProperty("connectTimeout", Long.toString(Math.max(1, settings.connectTimeout().toSeconds())));
    properties.setProperty("ApplicationName", "confidant-ingest-notices");
    Connection c = new org.postgresql.Driver().connect(settings.url(), properties);
    if (c == null) {
      throw new SQLException("not a PostgreSQL URL: " + settings.displayUrl());
    }
    return c;
  }

  /** The settings this store was opened with. */
  public PostgresSettings settings() {
    return settings;
  }

  /** Stops the ingestion queues' notices and closes the pool; stores handed out fail afterwards. */
  @Override
  public void close() {
    notices.close();
    pool.close();
  }

  @Override
  public String toString() {
    return "PostgresStore[" + settings.displayUrl() + ", schema=" + settings.schema() + "]";
  }
}
