package dev.confidant.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ListenerWatchdogTest {
  @Test
  void aListenerThatDiesIsReported() throws Exception {
    CountDownLatch dead = new CountDownLatch(1);
    ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    try (ListenerWatchdog watchdog = new ListenerWatchdog("127.0.0.1", listener.getLocalPort(),
        Duration.ofMillis(50), dead::countDown)) {
      assertThat(dead.await(400, TimeUnit.MILLISECONDS)).as("alive while it listens").isFalse();
      listener.close();
      assertThat(dead.await(5, TimeUnit.SECONDS)).as("reported once it stops listening").isTrue();
    }
  }

  @Test
  void aWildcardAddressIsProbedOnLoopback() throws Exception {
    CountDownLatch dead = new CountDownLatch(1);
    try (ServerSocket listener = new ServerSocket(0);
        ListenerWatchdog watchdog = new ListenerWatchdog("0.0.0.0", listener.getLocalPort(), Duration.ofMillis(50),
            dead::countDown)) {
      assertThat(dead.await(400, TimeUnit.MILLISECONDS)).isFalse();
    }
  }
}
