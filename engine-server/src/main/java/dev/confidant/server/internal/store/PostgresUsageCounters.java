package dev.confidant.server.internal.store;

import dev.confidant.postgres.PostgresCounters;
import dev.confidant.server.UsageCounters;

/**
 * {@link UsageCounters} in the cluster's PostgreSQL ({@link PostgresCounters}): one atomic upsert per add, so the
 * server's request and token limits and its space budgets count every node's requests. Keeps the current and the
 * previous window of each key. Thread-safe; closing it leaves the store's pool to {@link ClusterStorage}.
 */
final class PostgresUsageCounters implements UsageCounters {
  private final PostgresCounters counters;

  PostgresUsageCounters(PostgresCounters counters) {
    this.counters = counters;
  }

  @Override
  public long add(String key, long window, long amount) {
    return counters.add(key, window, amount);
  }

  @Override
  public long get(String key, long window) {
    return counters.get(key, window);
  }
}
