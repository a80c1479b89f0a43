package dev.confidant.server.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 20,000 requests with invented method names (any token is a valid method): they used to become 20,000 metric
 * timers (13-17 MB of heap that no GC frees) and 20,000 access-log lines quoting the name. The metric's label set
 * must stay bounded, the log must not quote a name, and the heap must come back.
 */
@Tag("abuse")
class MethodFloodTest {
  private static final int REQUESTS = 20_000;
  private static final int CONNECTIONS = 8;

  @Test
  void inventedMethodsNeitherGrowTheMetricsNorReachTheLog() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        lines.add(String.valueOf(r.getMessage()));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger access = Logger.getLogger("dev.confidant.server.access");
    Level before = access.getLevel();
    access.addHandler(capture);
    access.setLevel(Level.INFO);
    try (Target target = new Target(UnaryOperator.identity())) {
      flood(target, 200, 1); // warm up: the same code paths and meters, then the baseline
      target.assertServesWithin(Duration.ofSeconds(30)); // the check after the flood, too: it must time no warm-up
      long baseline = Recovery.heapAfterGc();
      lines.clear();

      flood(target, REQUESTS, 42);
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (lines.size() < REQUESTS && System.nanoTime() < deadline) {
        Thread.sleep(10); // each line is written just after its response
      }

      Recovery.assertHeapBack(baseline, Recovery.heapAfterGc());
      List<Meter> timers = target.registry.getMeters().stream()
          .filter(m -> m.getId().getName().equals("confidant.http.requests")).toList();
      assertThat(timers).hasSizeLessThan(10);
      // The warm-up's health and chat are GET and POST; every invented method is OTHER.
      assertThat(timers.stream().map(m -> m.getId().getTag("method")).distinct().toList())
          .contains("OTHER").isSubsetOf("OTHER", "GET", "POST");
      assertThat(lines).hasSizeGreaterThanOrEqualTo(REQUESTS);
      assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("OTHER /v1/models 405 "));
      target.assertServes();
    } finally {
      access.removeHandler(capture);
      access.setLevel(before);
    }
  }

  /** {@code count} requests with random upper-case method names to a GET-only path, on kept-alive connections. */
  private static void flood(Target target, int count, long seed) throws Exception {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> connections = new ArrayList<>();
      for (int c = 0; c < CONNECTIONS; c++) {
        Random random = new Random(seed + c);
        connections.add(pool.submit(() -> {
          try (RawHttp http = new RawHttp(target.port())) {
            for (int i = 0; i < count / CONNECTIONS; i++) {
              StringBuilder method = new StringBuilder("X");
              for (int k = 0; k < 12; k++) {
                method.append((char) ('A' + random.nextInt(26)));
              }
              int status = http.exchange(method + " /v1/models HTTP/1.1\r\nHost: x\r\n\r\n");
              assertThat(status).isEqualTo(405);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : connections) {
        f.get();
      }
    }
  }
}
