package dev.confidant.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.server.ServerConfig;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token buckets on a hand-driven clock. */
class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong now = new AtomicLong(1_000 * SECOND);

  @Test
  void aClientGetsItsBurstThenItsRate() throws Exception {
    RateLimiter limiter = new RateLimiter(new ServerConfig.Rate(2, 3, 10), now::get);
    InetAddress client = InetAddress.getByName("192.0.2.1");

    for (int i = 0; i < 3; i++) {
      assertThat(limiter.acquire(client)).isZero();
    }
    assertThat(limiter.acquire(client)).as("nanoseconds until the next token").isEqualTo(SECOND / 2);
    now.addAndGet(SECOND / 2);
    assertThat(limiter.acquire(client)).isZero();
    assertThat(limiter.acquire(client)).isPositive();
    now.addAndGet(10 * SECOND); // refills up to the burst, not beyond
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.acquire(client)).isZero();
    }
    assertThat(limiter.acquire(client)).isPositive();
  }

  @Test
  void theDefaultBurstIsTwoSecondsWorth() throws Exception {
    RateLimiter limiter = new RateLimiter(ServerConfig.Rate.perClient(5), now::get);
    InetAddress client = InetAddress.getByName("192.0.2.1");
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.acquire(client)).isZero();
    }
    assertThat(limiter.acquire(client)).isPositive();
  }

  @Test
  void anIpv6NetworkIsOneClient() throws Exception {
    RateLimiter limiter = new RateLimiter(new ServerConfig.Rate(1, 1, 10), now::get);

    assertThat(limiter.acquire(InetAddress.getByName("2001:db8:1:2::1"))).isZero();
    assertThat(limiter.acquire(InetAddress.getByName("2001:db8:1:2:ffff::9"))).as("same /64").isPositive();
    assertThat(limiter.acquire(InetAddress.getByName("2001:db8:1:3::1"))).as("another /64").isZero();
  }

  @Test
  void theTableOfClientsStaysBoundedAndNewcomersShareOneBucketWhileItIsFull() throws Exception {
    RateLimiter limiter = new RateLimiter(new ServerConfig.Rate(1, 1, 3), now::get);
    for (int i = 1; i <= 3; i++) {
      assertThat(limiter.acquire(InetAddress.getByName("192.0.2." + i))).isZero();
    }
    // The table is full of clients that have used their token: newcomers share the overflow bucket.
    for (int i = 4; i <= 1_000; i++) {
      limiter.acquire(InetAddress.getByName("192.0.2." + (i % 250 + 4)));
    }
    assertThat(limiter.trackedClients()).isEqualTo(3);
    assertThat(limiter.acquire(InetAddress.getByName("198.51.100.7"))).as("the shared bucket is used up")
        .isPositive();

    now.addAndGet(2 * RateLimiter.SWEEP_MILLIS * 1_000_000 + 5 * SECOND); // every bucket refilled: idle clients
    assertThat(limiter.acquire(InetAddress.getByName("198.51.100.7"))).isZero();
    assertThat(limiter.trackedClients()).isEqualTo(1);
  }
}
