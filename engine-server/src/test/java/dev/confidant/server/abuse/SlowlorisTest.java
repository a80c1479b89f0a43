package dev.confidant.server.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.server.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Slowloris from one address: connections that trickle a request head a byte at a time, and connections that send a
 * whole head of a chat request and then trickle its body. While they trickle, the server answers {@code /health} and
 * a chat within a second; the server closes every one of them (heads after the header timeout, bodies after the
 * body timeout, both lowered here to keep the test short), and the heap comes back. Before the body timeout a
 * trickled body held its connection (and its handler thread) for as long as the client kept sending.
 */
@Tag("abuse")
class SlowlorisTest {
  private static final int HEADS = 100;
  private static final int BODIES = 100;
  private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration BODY_TIMEOUT = Duration.ofSeconds(2);
  /** How long the attack goes on at most: far beyond both timeouts, so a connection still open then was kept. */
  private static final Duration ATTACK = Duration.ofSeconds(15);

  @Test
  void trickledHeadsAndBodiesAreClosedAndOthersAreServedMeanwhile() throws Exception {
    ServerConfig.Connections connections = new ServerConfig.Connections(0, 512, HEADER_TIMEOUT,
        ServerConfig.Connections.DEFAULT.idleTimeout(), BODY_TIMEOUT,
        ServerConfig.Connections.DEFAULT_BODY_BYTES_IN_FLIGHT);
    List<Socket> sockets = new ArrayList<>();
    try (Target target = new Target(c -> c.withLimits(c.limits().withConnections(connections)))) {
      target.assertServesWithin(Duration.ofSeconds(30)); // warm: class loading is not what is measured
      long baseline = Recovery.heapAfterGc();

      byte[] head = "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
      byte[] bodyHead = ("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + Target.ADMIN
          + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"model\":\"m\",\"messages\":")
          .getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < HEADS + BODIES; i++) {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target.port()), 2000);
        socket.setSoTimeout(1);
        if (i >= HEADS) {
          socket.getOutputStream().write(bodyHead);
        }
        sockets.add(socket);
      }

      long start = System.nanoTime();
      int open = sockets.size();
      boolean servedMeanwhile = false;
      for (int round = 0; open > 0 && System.nanoTime() - start < ATTACK.toNanos(); round++) {
        open = 0;
        for (int i = 0; i < sockets.size(); i++) {
          Socket socket = sockets.get(i);
          if (socket.isClosed()) {
            continue;
          }
          byte next = i < HEADS ? (round < head.length ? head[round] : (byte) 'a') : (byte) ' ';
          if (trickle(socket, next)) {
            open++;
          } else {
            socket.close();
          }
        }
        if (!servedMeanwhile && open >= sockets.size() / 2) {
          target.assertServes(); // while they trickle, others are still served within a second
          servedMeanwhile = true;
        }
        Thread.sleep(100);
      }

      assertThat(servedMeanwhile).as("served while most slow connections were open").isTrue();
      assertThat(open).as("slow connections the server kept open for %s", ATTACK).isZero();
      target.assertServes();
      Recovery.assertHeapBack(baseline, Recovery.heapAfterGc());
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  /** Sends one byte; whether the connection is still open (not closed nor reset by the server). */
  private static boolean trickle(Socket socket, byte b) {
    try {
      socket.getOutputStream().write(b);
      socket.getOutputStream().flush();
      socket.getInputStream().read(); // the end of the stream, or a response before a close: either ends it
      return false;
    } catch (SocketTimeoutException e) {
      return true; // nothing to read: still open
    } catch (IOException e) {
      return false; // reset under our write
    }
  }
}
