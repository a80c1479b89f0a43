package dev.confidant.pii.internal.mapping;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * How many entries the conversations of recently active owners hold, so that a merge need not count them on disk.
 * A total is an upper bound (expiry on disk does not lower it); whoever would be refused by it counts again.
 * Bounded: the least recently used owners beyond {@code capacity} are forgotten and counted again when next needed.
 * Thread-safe.
 */
final class OwnerTotals<K> {
  private final Map<K, Long> totals;

  OwnerTotals(int capacity) {
    this.totals = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, Long> eldest) {
        return size() > capacity;
      }
    };
  }

  synchronized OptionalLong get(K owner) {
    Long total = totals.get(owner);
    return total == null ? OptionalLong.empty() : OptionalLong.of(total);
  }

  synchronized void put(K owner, long total) {
    totals.put(owner, total);
  }

  /** Lowers a known total (never below 0); an unknown one stays unknown. */
  synchronized void subtract(K owner, long n) {
    totals.computeIfPresent(owner, (k, total) -> Math.max(0, total - n));
  }

  synchronized void removeIf(Predicate<K> which) {
    totals.keySet().removeIf(which);
  }
}
