package dev.confidant.postgres;

import dev.confidant.api.StorageException;
import dev.confidant.postgres.internal.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;

/**
 * Counters per key and period in PostgreSQL ({@code confidant_usage_counter}, migration {@code V2}), shared by every
 * node of a cluster: engine-server's request and token limits and per-space budgets count here with
 * {@code storage.postgres}, so a limit holds for the cluster, not per node.
 *
 * <p>{@link #add} is one atomic upsert ({@code INSERT ... ON CONFLICT (key, period) DO UPDATE SET value = value +
 * amount RETURNING value}): concurrent adds on any number of nodes all count, and each sees the total after its own.
 * Bounded: at most two periods per key are kept (adding to a new period deletes the key's periods before the
 * previous one), so the table holds two rows per key, and keys are the caller's (the server's are bounded by its
 * configured principals and spaces). Keys are stored as given: callers must not put personal data in them. Thread-
 * safe.
 */
public final class PostgresCounters {
  private static final String ADD = """
      INSERT INTO confidant_usage_counter AS c (key, period, value) VALUES (?, ?, ?)
      ON CONFLICT (key, period) DO UPDATE SET value = c.value + EXCLUDED.value
      RETURNING c.value, (xmax = 0) AS inserted""";
  private static final String FORGET = "DELETE FROM confidant_usage_counter WHERE key = ? AND period < ?";
  private static final String GET = "SELECT value FROM confidant_usage_counter WHERE key = ? AND period = ?";

  private final DataSource db;

  PostgresCounters(DataSource db) {
    this.db = db;
  }

  /**
   * Adds to a counter and returns its new value; the first add to a period forgets the key's periods before
   * {@code period - 1}.
   *
   * @param amount how much (negative to take back)
   * @throws StorageException if the database fails
   */
  public long add(String key, long period, long amount) {
    return Sql.transaction(db, "add to a usage counter", c -> {
      long value;
      boolean inserted;
      try (PreparedStatement s = c.prepareStatement(ADD)) {
        s.setString(1, key);
        s.setLong(2, period);
        s.setLong(3, amount);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          value = r.getLong(1);
          inserted = r.getBoolean(2);
        }
      }
      if (inserted) {
        try (PreparedStatement s = c.prepareStatement(FORGET)) {
          s.setString(1, key);
          s.setLong(2, period - 1);
          s.executeUpdate();
        }
      }
      return value;
    });
  }

  /**
   * A counter's value in a period, 0 if never added to (or forgotten).
   *
   * @throws StorageException if the database fails
   */
  public long get(String key, long period) {
    return Sql.transaction(db, "read a usage counter", c -> {
      try (PreparedStatement s = c.prepareStatement(GET)) {
        s.setString(1, key);
        s.setLong(2, period);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? r.getLong(1) : 0L;
        }
      }
    });
  }
}
