package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connections that hold a slot without completing a request are closed, one client cannot take more than its share
 * of connections, and busy connections are never cut: over the real server on loopback.
 */
class ConnectionLimitsTest {
  private static final Duration HEADER_TIMEOUT = Duration.ofMillis(300);
  private static final Duration IDLE_TIMEOUT = Duration.ofMillis(600);
  private final List<Socket> sockets = new ArrayList<>();
  private Harness h;

  private Harness start(ScriptedModelBackend backend, int perClient) {
    return start(backend, perClient, HEADER_TIMEOUT);
  }

  private Harness start(ScriptedModelBackend backend, int perClient, Duration headerTimeout) {
    ServerConfig.Connections connections = new ServerConfig.Connections(0, perClient, headerTimeout, IDLE_TIMEOUT);
    h = new Harness(backend, Harness.config().withLimits(ServerConfig.Limits.DEFAULT.withConnections(connections)));
    return h;
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    if (h != null) {
      h.close();
    }
  }

  private Socket open(String fromAddress) throws IOException {
    Socket socket = new Socket();
    sockets.add(socket);
    socket.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), h.server.port()), 2000);
    socket.setSoTimeout(5000);
    return socket;
  }

  /** Reads until the server closes the connection; fails the test if it stays open for 5 s. */
  private static byte[] readUntilClosed(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    try {
      return in.readAllBytes();
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server kept the connection open", e);
    } catch (IOException e) {
      return new byte[0]; // reset by the server: closed too
    }
  }

  @Test
  void aConnectionThatSendsNothingIsClosedAfterTheHeaderTimeout() throws IOException {
    start(ScriptedModelBackend.echo(), 512);
    List<Socket> silent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      silent.add(open("127.0.0.1"));
    }
    for (Socket s : silent) {
      assertThat(readUntilClosed(s)).isEmpty();
    }
    assertThat(h.send(h.get("/health", Harness.ADMIN)).statusCode()).isEqualTo(200);
  }

  @Test
  void aTrickledRequestHeadIsClosedAfterTheHeaderTimeout() throws Exception {
    start(ScriptedModelBackend.echo(), 512);
    Socket slow = open("127.0.0.1");
    OutputStream out = slow.getOutputStream();
    byte[] head = "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
    long start = System.nanoTime();
    boolean closed = false;
    slow.setSoTimeout(1);
    for (int i = 0; i < 100 && !closed; i++) {
      try {
        out.write(i < head.length ? head[i] : 'a');
        out.flush();
        Thread.sleep(50); // a byte every 50 ms: each read is quick, the head never completes
        closed = slow.getInputStream().read() == -1;
      } catch (SocketTimeoutException e) {
        // still open
      } catch (IOException e) {
        closed = true; // reset under our writes
      }
    }
    assertThat(closed).as("closed by the server").isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void oneClientCannotHoldMoreThanItsShareAndOthersStillGetIn() throws Exception {
    start(ScriptedModelBackend.echo(), 4, Duration.ofSeconds(30));
    List<Socket> greedy = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      greedy.add(open("127.0.0.2"));
    }
    Thread.sleep(300); // let the server accept (or refuse) all of them
    long closedAtOnce = greedy.stream().filter(s -> {
      try {
        s.setSoTimeout(20);
        return s.getInputStream().read() == -1;
      } catch (SocketTimeoutException e) {
        return false; // still open: one of the admitted four
      } catch (IOException e) {
        return true;
      }
    }).count();

    assertThat(closedAtOnce).isEqualTo(6);
    // Another address is not affected by 127.0.0.2's share.
    HttpResponse<String> health = h.send(h.get("/health", Harness.ADMIN));
    assertThat(health.statusCode()).isEqualTo(200);
  }

  @Test
  void aResponseLongerThanTheTimeoutsIsNotCut() {
    ScriptedModelBackend slow = ScriptedModelBackend.of(ScriptedReply.chunks("one ", "two ", "three")
        .withChunkDelay(Duration.ofMillis(500)));
    start(slow, 512);
    HttpResponse<String> res = h.chat(Harness.ADMIN,
        "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).contains("three").endsWith("data: [DONE]\n\n");
  }

  @Test
  void requestBodiesInFlightAreBoundedAcrossConnections() throws Exception {
    Duration minute = Duration.ofMinutes(1);
    ServerConfig.Connections connections = new ServerConfig.Connections(0, 512, minute, minute, minute, 100_000);
    h = new Harness(ScriptedModelBackend.echo(), Harness.config().withLimits(
        new ServerConfig.Limits(90_000, 32, 64, 10_000, 1).withConnections(connections)));
    String chat = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(40_000)
        + "\"}]}";
    // One request declares 80,000 bytes and sends one: its body holds them while the rest is awaited.
    Socket holder = open("127.0.0.1");
    holder.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
        + Harness.ADMIN + "\r\nContent-Type: application/json\r\nContent-Length: 80000\r\n\r\n{")
        .getBytes(StandardCharsets.US_ASCII));

    HttpResponse<String> refused = untilStatus(() -> h.chat(Harness.ADMIN, chat), 503);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(refused.body()).contains("server_busy");
    holder.close();
    HttpResponse<String> served = untilStatus(() -> h.chat(Harness.ADMIN, chat), 200);
    assertThat(served.statusCode()).as("the holder's bytes are released with its request").isEqualTo(200);
  }

  /** Sends until the answer has {@code status}, for at most 10 s; the last answer. */
  private static HttpResponse<String> untilStatus(java.util.function.Supplier<HttpResponse<String>> send, int status)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    HttpResponse<String> res = send.get();
    while (res.statusCode() != status && System.nanoTime() < deadline) {
      Thread.sleep(50);
      res = send.get();
    }
    return res;
  }

  @Test
  void aKeptAliveConnectionServesAgainWithinTheIdleTimeout() throws Exception {
    start(ScriptedModelBackend.echo(), 512);
    Socket socket = open("127.0.0.1");
    String request = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
    for (int i = 0; i < 3; i++) {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      byte[] buf = new byte[512];
      int n = socket.getInputStream().read(buf);
      assertThat(new String(buf, 0, n, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
      Thread.sleep(IDLE_TIMEOUT.toMillis() / 3);
    }
    assertThat(readUntilClosed(socket)).as("closed once idle").isEmpty();
  }
}
