package dev.confidant.postgres;

import dev.confidant.testkit.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A schema of its own in the test PostgreSQL ({@link TestServers#postgresUrl()}), so that test classes never see
 * each other's rows; dropped by {@link #drop()}.
 */
public final class TestDatabase {
  private final String url;
  private final String schema;

  private TestDatabase(String url, String schema) {
    this.url = url;
    this.schema = schema;
  }

  /** A new schema name; the schema itself is created by the store's migration. Skips without a server. */
  public static TestDatabase create() {
    return new TestDatabase(TestServers.postgresUrl(), "t_" + UUID.randomUUID().toString().replace("-", "")
        .substring(0, 16));
  }

  /** Settings of a store in this schema. */
  public PostgresSettings settings() {
    return PostgresSettings.of(url).withSchema(schema).withMaxPoolSize(4);
  }

  public String schema() {
    return schema;
  }

  /** A plain JDBC connection in this schema (for looking at what a store wrote). */
  public Connection connect() throws SQLException {
    Connection c = DriverManager.getConnection(url);
    c.setSchema(schema);
    return c;
  }

  /** Runs SQL statements in this schema. */
  public void execute(String... statements) {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Drops the schema and everything in it. */
  public void drop() {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
