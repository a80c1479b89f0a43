package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.testkit.ScriptedModelBackend;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Requests per client address over HTTP: a client past its burst gets the seed's 429 with Retry-After, while another
 * address and the health check are served.
 */
class RateLimitTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aClientPastItsBurstGetsA429WithRetryAfterWhileOthersAreServed() throws Exception {
    // Two requests at once, then one every ten seconds: the third quick request must wait.
    ServerConfig config = Harness.config()
        .withLimits(ServerConfig.Limits.DEFAULT.withRate(new ServerConfig.Rate(0.1, 2, 100)));
    try (Harness h = new Harness(ScriptedModelBackend.echo(), config)) {
      List<String> replies = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        replies.add(get(h, "127.0.0.1", "/v1/models"));
      }
      String other = get(h, "127.0.0.2", "/v1/models");
      String health = get(h, "127.0.0.1", "/health");

      assertThat(replies.get(0)).startsWith("HTTP/1.1 200");
      assertThat(replies.get(1)).startsWith("HTTP/1.1 200");
      String refused = replies.get(2);
      assertThat(refused).startsWith("HTTP/1.1 429");
      int retryAfter = Integer.parseInt(header(refused, "retry-after"));
      assertThat(retryAfter).isBetween(1, 10);
      var body = JSON.readTree(refused.substring(refused.indexOf("\r\n\r\n") + 4));
      assertThat(body.path("detail").asText()).startsWith("Too many requests from your address");
      assertThat(body.path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");
      assertThat(other).startsWith("HTTP/1.1 200");
      assertThat(health).startsWith("HTTP/1.1 200");
    }
  }

  /** One GET from a given local address, on its own connection; the whole response. */
  private static String get(Harness h, String from, String path) throws IOException {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), h.server.port()), 2000);
      s.setSoTimeout(5000);
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + Harness.ADMIN
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      for (int n = s.getInputStream().read(buffer); n > 0; n = s.getInputStream().read(buffer)) {
        out.write(buffer, 0, n);
        String reply = out.toString(StandardCharsets.ISO_8859_1);
        int end = reply.indexOf("\r\n\r\n");
        if (end > 0 && reply.length() >= end + 4 + Integer.parseInt(header(reply, "content-length"))) {
          return reply;
        }
      }
      return out.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private static String header(String reply, String name) {
    for (String line : reply.substring(0, reply.indexOf("\r\n\r\n")).split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith(name + ":")) {
        return line.substring(name.length() + 1).strip();
      }
    }
    throw new AssertionError("no " + name + " header in " + reply);
  }
}
