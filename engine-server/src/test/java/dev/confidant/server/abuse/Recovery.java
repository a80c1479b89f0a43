package dev.confidant.server.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What every abuse test checks afterwards: the server answers {@code /health} and a normal chat within a second, and
 * its heap is back near its baseline.
 */
final class Recovery {
  /** How much the heap may stay above its baseline after an attack, after a full GC. */
  static final double HEAP_TOLERANCE = 0.10;

  private Recovery() {}

  /**
   * Health turns 200 (it may say 503 while a closed flood is still being reaped) and a chat with the echo model is
   * answered, both within {@code within} from now.
   */
  static void assertServes(HttpClient client, URI base, String token, String space, Duration within)
      throws Exception {
    long start = System.nanoTime();
    long deadline = start + within.toNanos();
    HttpResponse<String> health = null;
    do {
      if (health != null) {
        Thread.sleep(20);
      }
      health = client.send(HttpRequest.newBuilder(base.resolve("/health")).timeout(within).build(),
          HttpResponse.BodyHandlers.ofString());
    } while (health.statusCode() == 503 && System.nanoTime() < deadline);
    HttpResponse<String> chat = client.send(HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
        .timeout(within)
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .header("X-Space-Id", space)
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"still there?\"}]}")).build(),
        HttpResponse.BodyHandlers.ofString());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
    assertThat(chat.body()).contains("still there?");
    assertThat(took).as("health and a chat after the attack").isLessThan(within);
  }

  /** Used heap after full collections: the least of a few readings, so that a concurrent allocation counts less. */
  static long heapAfterGc() throws InterruptedException {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
      least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return least;
  }

  /** Asserts that the heap is within {@link #HEAP_TOLERANCE} of {@code baseline} (after a full GC). */
  static void assertHeapBack(long baseline, long now) {
    assertThat(now).as("heap after a full GC, against %,d bytes before the attack", baseline)
        .isLessThanOrEqualTo((long) (baseline * (1 + HEAP_TOLERANCE)));
  }
}
