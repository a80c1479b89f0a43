package dev.confidant.server;

import dev.confidant.server.internal.store.FileUsageCounters;
import java.nio.file.Path;

/**
 * Counters of requests and tokens per key and time window, behind the server's request and token limits and its
 * per-space token budgets ({@code budgets:} in the configuration). Implementations must be thread-safe and may be
 * shared by several servers (a PostgreSQL one, later, for a cluster); the server's own keep them in memory and,
 * with a storage directory, in a file, so that counts survive a restart.
 *
 * <p>A window is a number: the server counts per minute ({@code epochSecond / 60}) and per budget period
 * ({@code epochSecond / periodSeconds}). Keys are the server's own ({@code principal:<name>:requests}, ...); the
 * number of keys is bounded by the configured principals and spaces.
 */
public interface UsageCounters extends AutoCloseable {

  /**
   * Adds to a counter and returns its new value.
   *
   * @param key what is counted
   * @param window the window the amount falls into; an implementation may forget windows older than the previous one
   * @param amount how much (negative to take back a request that was refused)
   * @return the counter's value in this window after adding
   */
  long add(String key, long window, long amount);

  /** A counter's value in a window (0 if never added to). */
  long get(String key, long window);

  /** Releases files or connections. */
  @Override
  default void close() {}

  /**
   * Counters in memory, written through to an append-only file under {@code dir} ({@code usage-counters.log},
   * compacted to the current windows on open), or in memory alone when {@code dir} is {@code null}.
   */
  static UsageCounters open(@org.jspecify.annotations.Nullable Path dir) {
    return FileUsageCounters.open(dir);
  }
}
