package dev.confidant.postgres;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where the cluster's PostgreSQL is and how many connections a node keeps. Immutable; vary with {@code with*}.
 * {@link #toString()} never shows the password.
 *
 * @param url the JDBC URL, {@code jdbc:postgresql://host:port/database} (it may carry {@code user} and
 *     {@code password} parameters instead of {@link #withCredentials})
 * @param user the role, or {@code null} to take it from the URL
 * @param password the role's password, or {@code null}
 * @param schema the schema Confidant's tables live in (created if missing); {@code public} by default
 * @param maxPoolSize connections this node keeps open at most (default {@value #DEFAULT_POOL_SIZE}); every
 *     node counts against the server's {@code max_connections}
 * @param connectTimeout how long an operation waits for a connection before it fails (default 10 s)
 */
public record PostgresSettings(String url, @Nullable String user, @Nullable String password, String schema,
    int maxPoolSize, Duration connectTimeout) {
  /** Connections per node by default: enough for a node's vault writes, job leases and counters. */
  public static final int DEFAULT_POOL_SIZE = 8;

  /** @throws IllegalArgumentException if the URL is not a PostgreSQL JDBC URL or a number is out of range */
  public PostgresSettings {
    requireNonNull(url, "url");
    requireNonNull(schema, "schema");
    requireNonNull(connectTimeout, "connectTimeout");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("a PostgreSQL URL starts with jdbc:postgresql://, was "
          + withoutSecrets(url));
    }
    if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("schema must be a plain lower-case SQL name, was '" + schema + "'");
    }
    if (maxPoolSize < 1 || maxPoolSize > 1000) {
      throw new IllegalArgumentException("maxPoolSize must be in [1, 1000], was " + maxPoolSize);
    }
    if (connectTimeout.toMillis() < 250) {
      throw new IllegalArgumentException("connectTimeout must be at least 250 ms, was " + connectTimeout);
    }
  }

  /** The database at a JDBC URL, schema {@code public}, {@value #DEFAULT_POOL_SIZE} connections, 10 s timeout. */
  public static PostgresSettings of(String url) {
    return new PostgresSettings(url, null, null, "public", DEFAULT_POOL_SIZE, Duration.ofSeconds(10));
  }

  /** These settings with a role and its password. */
  public PostgresSettings withCredentials(String user, @Nullable String password) {
    return new PostgresSettings(url, user, password, schema, maxPoolSize, connectTimeout);
  }

  /** These settings with another schema. */
  public PostgresSettings withSchema(String schema) {
    return new PostgresSettings(url, user, password, schema, maxPoolSize, connectTimeout);
  }

  /** These settings with another pool size. */
  public PostgresSettings withMaxPoolSize(int maxPoolSize) {
    return new PostgresSettings(url, user, password, schema, maxPoolSize, connectTimeout);
  }

  /** These settings with another connection timeout. */
  public PostgresSettings withConnectTimeout(Duration connectTimeout) {
    return new PostgresSettings(url, user, password, schema, maxPoolSize, connectTimeout);
  }

  /** The URL without its query string (which may hold a password), for messages. */
  public String displayUrl() {
    return withoutSecrets(url);
  }

  private static String withoutSecrets(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?…";
  }

  @Override
  public String toString() {
    return "PostgresSettings[url=" + displayUrl() + ", user=" + user + ", schema=" + schema + ", maxPoolSize="
        + maxPoolSize + ", connectTimeout=" + connectTimeout + "]";
  }
}
