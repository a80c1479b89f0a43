package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A bounded load test: rounds of 200 concurrent streaming requests on the scripted backend. The first round warms
 * up the pools (JDK client threads, virtual-thread carriers); a second round must not grow threads or heap by
 * anything near one per request, which is what a leak would do.
 */
class LoadTest {
  private static final int CONCURRENT = 200;
  private static final String BODY =
      "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}";

  @Test
  void twoHundredConcurrentStreamsAllCompleteWithoutLeaks() throws Exception {
    ServerConfig config = Harness.config().withLimits(new ServerConfig.Limits(1 << 20, 64, CONCURRENT, 60_000, 1));
    List<String> fragments = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      fragments.add("tok" + i + " ");
    }
    ScriptedModelBackend backend = ScriptedModelBackend.builder()
        .responder(request -> ScriptedReply.chunks(fragments).withChunkDelay(Duration.ofMillis(2)))
        .build();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (Harness h = new Harness(backend, config)) {
      round(h);
      System.gc();
      long heapAfterFirst = memory.getHeapMemoryUsage().getUsed();
      int threadsAfterFirst = ManagementFactory.getThreadMXBean().getThreadCount();

      double seconds = round(h);
      System.out.printf("load: %d concurrent streams of 20 chunks in %.2f s = %.1f streams/s%n", CONCURRENT,
          seconds, CONCURRENT / seconds);

      assertThat(backend.openStreams()).isZero();
      System.gc();
      assertThat(memory.getHeapMemoryUsage().getUsed() - heapAfterFirst).as("heap growth in the second round")
          .isLessThan(32L * 1024 * 1024);
      // A leak would keep a thread per request (200 a round); the margin absorbs pools of other tests in this JVM
      // (JDK and OkHttp clients) that grow and shrink on their own.
      assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).as("threads after the second round")
          .isLessThanOrEqualTo(threadsAfterFirst + 20);
    }
  }

  private static double round(Harness h) throws Exception {
    long start = System.nanoTime();
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 0; i < CONCURRENT; i++) {
      all.add(h.client.sendAsync(h.post("/api-proxy/v1/chat/completions", Harness.ADMIN, BODY).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    for (CompletableFuture<HttpResponse<String>> f : all) {
      HttpResponse<String> res = f.get();
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.body()).contains("tok19 ").endsWith("data: [DONE]\n\n");
    }
    return seconds;
  }
}
