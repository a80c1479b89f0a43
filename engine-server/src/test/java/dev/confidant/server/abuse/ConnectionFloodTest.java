package dev.confidant.server.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The connection flood that used to kill the listener for good: a server process limited to 1,024 file descriptors
 * gets 1,600 connections from four client addresses that send nothing. It must survive, and answer health and a
 * chat within a second once the flood is gone.
 */
@Tag("abuse")
@EnabledOnOs(OS.LINUX)
class ConnectionFloodTest {
  private static final int FD_LIMIT = 1024;
  private static final int FLOOD = 1600;

  @Test
  void aConnectionFloodUnderALowDescriptorLimitLeavesTheServerServing() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    String command = "ulimit -n " + FD_LIMIT + " && exec '" + java + "' -cp '" + System.getProperty("java.class.path")
        + "' " + FloodTarget.class.getName();
    Process server = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      int port = -1;
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("port=")) {
          port = Integer.parseInt(line.substring(5));
          break;
        }
      }
      assertThat(port).as("the server started").isPositive();
      Thread.ofVirtual().start(() -> out.lines().forEach(l -> { })); // keep its output drained

      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      URI base = URI.create("http://127.0.0.1:" + port);
      assertServes(client, base, Duration.ofSeconds(30)); // warm: the second answer is measured, not class loading

      List<Socket> flood = Collections.synchronizedList(new ArrayList<>());
      int target = port;
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < FLOOD; i++) {
          String from = "127.0.0." + (2 + i % 4);
          pool.submit(() -> {
            Socket s = new Socket();
            try {
              s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
              s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 1000);
              flood.add(s);
            } catch (IOException e) {
              s.close(); // backlog full: the kernel drops the handshake, as it should
            }
            return null;
          });
        }
      }
      Thread.sleep(1500);
      assertThat(server.isAlive()).isTrue();
      assertThat(flood.size()).as("connections the kernel completed").isGreaterThan(FD_LIMIT / 4);

      for (Socket s : flood) {
        s.close();
      }
      long start = System.nanoTime();
      assertServes(client, base, Duration.ofSeconds(1));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
      assertThat(server.isAlive()).isTrue();
      client.close();
    } finally {
      server.getOutputStream().close();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  private static void assertServes(HttpClient client, URI base, Duration within) throws Exception {
    Recovery.assertServes(client, base, FloodTarget.TOKEN, "default", within);
  }
}
