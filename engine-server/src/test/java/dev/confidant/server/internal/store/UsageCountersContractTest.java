package dev.confidant.server.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.server.UsageCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UsageCounters} keeps, whatever it stores in: the file-backed one of a single server and the
 * PostgreSQL one of a cluster both pass it. {@link #open()} returns counters on a fresh store, {@link #reopen()}
 * counters on the same store after the last ones were closed (a restart), {@link #alongside} counters that count
 * together with open ones (another node of a cluster; the same instance where only one process counts).
 */
abstract class UsageCountersContractTest {

  /** Counters on a fresh, empty store. */
  abstract UsageCounters open();

  /** Counters on the store of the last {@link #open()}, opened again after those were closed. */
  abstract UsageCounters reopen();

  /** Counters that count together with {@code open}, which stay open: another node's, or {@code open} itself. */
  abstract UsageCounters alongside(UsageCounters open);

  @Test
  void addsPerKeyAndWindow() {
    try (UsageCounters c = open()) {
      assertThat(c.get("principal:alice:requests", 10)).isZero();
      assertThat(c.add("principal:alice:requests", 10, 1)).isEqualTo(1);
      assertThat(c.add("principal:alice:requests", 10, 4)).isEqualTo(5);
      assertThat(c.add("principal:alice:requests", 10, -1)).isEqualTo(4);
      assertThat(c.add("principal:bob:requests", 10, 7)).isEqualTo(7);
      assertThat(c.get("principal:alice:requests", 10)).isEqualTo(4);
      assertThat(c.get("principal:alice:requests", 11)).isZero();
      assertThat(c.get("principal:bob:requests", 10)).isEqualTo(7);
    }
  }

  @Test
  void aNewWindowStartsAtZeroAndKeepsThePreviousOne() {
    try (UsageCounters c = open()) {
      c.add("space:s1:tokens", 100, 30);
      assertThat(c.add("space:s1:tokens", 101, 5)).isEqualTo(5);
      assertThat(c.get("space:s1:tokens", 100)).isEqualTo(30);
      assertThat(c.add("space:s1:tokens", 100, 1)).isEqualTo(31);
      c.add("space:s1:tokens", 103, 2);
      assertThat(c.get("space:s1:tokens", 103)).isEqualTo(2);
      assertThat(c.get("space:s1:tokens", 100)).as("older than the previous window: forgotten").isZero();
    }
  }

  @Test
  void anotherInstanceOnTheSameStoreSeesTheCounts() {
    try (UsageCounters first = open()) {
      first.add("space:s1:budget", 7, 120);
      first.add("principal:alice:tokens", 9, 3);
    }
    try (UsageCounters second = reopen()) {
      assertThat(second.get("space:s1:budget", 7)).isEqualTo(120);
      assertThat(second.add("principal:alice:tokens", 9, 2)).isEqualTo(5);
    }
  }

  @Test
  void concurrentAddsAllCount() throws Exception {
    try (UsageCounters a = open()) {
      UsageCounters b = alongside(a);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> adds = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          UsageCounters c = t % 2 == 0 ? a : b;
          adds.add(pool.submit(() -> {
            for (int i = 0; i < 50; i++) {
              c.add("space:s1:requests", 42, 1);
            }
          }));
        }
        for (Future<?> f : adds) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
      assertThat(a.get("space:s1:requests", 42)).isEqualTo(200);
      assertThat(b.get("space:s1:requests", 42)).isEqualTo(200);
      if (b != a) {
        b.close();
      }
    }
  }
}
