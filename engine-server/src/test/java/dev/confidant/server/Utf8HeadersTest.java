package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.Pseudonymization;
import dev.confidant.testkit.ScriptedModelBackend;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Header values sent as raw UTF-8 bytes, as curl and most HTTP clients send them, over one raw connection. */
class Utf8HeadersTest {

  @Test
  void rawUtf8InXPiiMappingRoundTripsPerRequestOnOneConnection() throws Exception {
    try (Harness h = new Harness(ScriptedModelBackend.echo());
        Socket socket = new Socket("127.0.0.1", h.server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      // Two requests whose values read the same once decoded as US-ASCII ("J\uFFFD\uFFFDrgen M\uFFFD\uFFFDller"):
      // each must get its own.
      send(out, "{\"[NAME_1]\":\"Jürgen Müller\"}", Harness.userMessage("Hi"));
      String firstReply = readResponse(in);
      send(out, "{\"[NAME_1]\":\"Jörgen Möller\", \"<ORG_1>\": \"Grüne Straße GmbH\"}", Harness.userMessage("Hi"));
      String secondReply = readResponse(in);

      assertThat(firstReply).startsWith("HTTP/1.1 200");
      assertThat(secondReply).startsWith("HTTP/1.1 200");
      assertThat(h.contexts).hasSize(2);
      assertThat(Pseudonymization.of(h.contexts.get(0)).callerMapping()).isEqualTo(Map.of("[NAME_1]", "Jürgen Müller"));
      assertThat(Pseudonymization.of(h.contexts.get(1)).callerMapping())
          .isEqualTo(Map.of("[NAME_1]", "Jörgen Möller", "<ORG_1>", "Grüne Straße GmbH"));
    }
  }

  private static void send(OutputStream out, String mapping, String body) throws Exception {
    byte[] entity = body.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
        + Harness.ADMIN + "\r\nContent-Type: application/json\r\nX-Apply-Pii-Pseudonymization: true\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    request.write(("X-Pii-Mapping: " + mapping + "\r\n").getBytes(StandardCharsets.UTF_8)); // raw UTF-8, as curl
    request.write(("Content-Length: " + entity.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    request.write(entity);
    out.write(request.toByteArray());
    out.flush();
  }

  /** One response with a Content-Length body. */
  private static String readResponse(InputStream in) throws Exception {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    String headers = head.toString(StandardCharsets.ISO_8859_1);
    int length = headers.lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
        .map(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).strip())).findFirst().orElse(0);
    return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
