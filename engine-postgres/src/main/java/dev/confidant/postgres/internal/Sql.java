package dev.confidant.postgres.internal;

import dev.confidant.api.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Transactions with retries and error messages without data. Stateless. */
public final class Sql {
  /** Attempts of a transaction that PostgreSQL aborted to resolve a deadlock or a serialization conflict. */
  static final int ATTEMPTS = 4;

  private Sql() {}

  /** Work inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs work in one transaction (READ COMMITTED) and commits it; rolls back on any exception. A transaction that
   * PostgreSQL aborted as a deadlock victim or for a serialization conflict is run again, up to {@value #ATTEMPTS}
   * times. Exceptions the work throws on purpose (not {@link SQLException}) pass through unchanged.
   *
   * @param what what the work does, for the message of a failure ("write the PII vault")
   * @throws StorageException if the database fails
   */
  public static <T> T transaction(DataSource db, String what, Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = db.getConnection()) {
        c.setAutoCommit(false);
        try {
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException | Error e) {
          rollbackQuietly(c, e);
          throw e;
        }
      } catch (SQLException e) {
        if (attempt < ATTEMPTS && retryable(e)) {
          continue;
        }
        throw new StorageException("PostgreSQL: cannot " + what + ": " + describe(e), e);
      }
    }
  }

  private static void rollbackQuietly(Connection c, Throwable failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /** Deadlock victim (40P01) or serialization failure (40001): the same work may succeed when run again. */
  static boolean retryable(SQLException e) {
    String state = e.getSQLState();
    return "40P01".equals(state) || "40001".equals(state);
  }

  /**
   * A failure in one line: the SQL state and the first line of the message, never the server's detail lines
   * (which can quote row contents).
   */
  public static String describe(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    String first = newline < 0 ? message : message.substring(0, newline);
    return e instanceof SQLException sql && sql.getSQLState() != null ? "[" + sql.getSQLState() + "] " + first : first;
  }
}
