package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.testkit.ScriptedModelBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the attack pass found the server doing with broken or ambiguous requests (issue 14, LOW items): each is a 4xx
 * JSON answer naming the problem, without a stack trace in the log, and never echoes values a caller wanted
 * pseudonymized.
 */
class MalformedRequestsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AUTH = "Authorization: Bearer " + Harness.ADMIN + "\r\n";

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      records.add(r);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private Level rootLevel;

  @BeforeEach
  void captureLogs() {
    Logger root = Logger.getLogger("");
    rootLevel = root.getLevel();
    root.addHandler(capture);
    root.setLevel(Level.INFO);
  }

  @AfterEach
  void release() {
    Logger root = Logger.getLogger("");
    root.removeHandler(capture);
    root.setLevel(rootLevel);
  }

  @Test
  void invalidMethodTokensAreA400WithoutAStackTrace() throws Exception {
    try (Harness h = new Harness(ScriptedModelBackend.echo())) {
      for (String method : List.of("GE(T", "G\u00e9T", "P@ST")) {
        String reply = exchange(h, method + " /v1/models HTTP/1.1\r\nHost: x\r\n" + AUTH + "\r\n", false);

        assertThat(reply).as(method).startsWith("HTTP/1.1 400");
        assertThat(body(reply).path("detail").asText()).isEqualTo("Bad Request");
      }
      assertNoStackTraceLogged();
    }
  }

  @Test
  void brokenChunkedFramingIsA400WithoutAStackTrace() throws Exception {
    try (Harness h = new Harness(ScriptedModelBackend.echo())) {
      for (String chunks : List.of("zz\r\nabc\r\n0\r\n\r\n", "5\r\nabcdefghij\r\n0\r\n\r\n", "-3\r\nabc\r\n0\r\n\r\n")) {
        String reply = exchange(h, "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n" + AUTH
            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks, false);

        assertThat(reply).as(chunks).startsWith("HTTP/1.1 400");
        assertThat(body(reply).path("error").path("code").asText()).isEqualTo("malformed_body");
      }
      assertThat(h.backend.requests()).isEmpty();
      assertNoStackTraceLogged();
    }
  }

  @Test
  void aBodyShorterThanItsContentLengthIsA400WithoutAStackTrace() throws Exception {
    try (Harness h = new Harness(ScriptedModelBackend.echo())) {
      String reply = exchange(h, "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n" + AUTH
          + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"model\":\"m\"", true);

      assertThat(reply).startsWith("HTTP/1.1 400");
      assertThat(body(reply).path("detail").asText()).startsWith("Malformed request body");
      assertNoStackTraceLogged();
    }
  }

  @Test
  void connectionsClosedInTheMiddleOfARequestLogNoStackTrace() throws Exception {
    try (Harness h = new Harness(ScriptedModelBackend.echo())) {
      List<String> partial = List.of("GET /v1/models HTTP/1.1\r\nHost: x\r\n",
          "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n" + AUTH + "Content-Length: 500\r\n\r\n{\"model\":",
          "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n" + AUTH + "Transfer-Encoding: chunked\r\n\r\n9\r\n{\"m");
      for (int i = 0; i < 3; i++) {
        for (String request : partial) {
          try (Socket s = new Socket("127.0.0.1", h.server.port())) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            Thread.sleep(50);
          } // closed normally: the server reads the end of the stream in the middle of the request
        }
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (System.nanoTime() < deadline) { // the connections' threads log, if at all, after they saw the close
        assertNoStackTraceLogged();
        assertThat(records).filteredOn(r -> r.getLevel().intValue() >= Level.WARNING.intValue()).isEmpty();
        Thread.sleep(100);
      }
    }
  }

  @Test
  void aSecondAuthorizationHeaderIsRejectedWhicheverComesFirst() throws Exception {
    try (Harness h = new Harness(ScriptedModelBackend.echo())) {
      for (String headers : List.of(AUTH + "Authorization: Bearer nope\r\n", "Authorization: Bearer nope\r\n" + AUTH,
          AUTH + AUTH)) {
        String reply = exchange(h, "GET /v1/models HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n", false);

        assertThat(reply).as(headers).startsWith("HTTP/1.1 400");
        assertThat(body(reply).path("error").path("code").asText()).isEqualTo("duplicate_header");
      }
    }
  }

  @Test
  void duplicateJsonKeysAreA422NotTheLastValue() throws Exception {
    try (Harness h = new Harness(ScriptedModelBackend.echo())) {
      HttpResponse<String> chat = h.chat(Harness.ADMIN, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
          + "\"content\":\"first\",\"content\":\"second\"}]}");
      HttpResponse<String> search = h.send(h.post("/v1/files/search", Harness.ADMIN,
          "{\"search_query\":\"a\",\"source_ids\":[\"src_1\"],\"search_query\":\"b\"}"));
      HttpResponse<String> detect = h.send(h.post("/v1/pii/detect", Harness.ADMIN,
          "{\"text\":\"Anna Weber\",\"text\":\"nothing\"}"));
      HttpResponse<String> header = h.send(h.post("/v1/chat/completions", Harness.ADMIN, Harness.userMessage("hi"))
          .header("X-Pii-Mapping", "{\"[NAME_1]\":\"Anna\",\"[NAME_1]\":\"Berta\"}"));

      for (HttpResponse<String> res : List.of(chat, search, detect, header)) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(422);
        assertThat(JSON.readTree(res.body()).path("detail").get(0).path("type").asText()).isEqualTo("json_invalid");
      }
      assertThat(h.backend.requests()).isEmpty();
    }
  }

  @Test
  void aRuleOfTheEngineIsReportedOnceWithTheValueAsSent() throws Exception {
    // The body binds, so the codec leaves its rules to the engine's validation stage: each is checked there, once.
    String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"temperature\":3,\"n\":0}";
    try (Harness h = new Harness(ScriptedModelBackend.echo())) {
      HttpResponse<String> res = h.chat(Harness.ADMIN, body);

      assertThat(res.statusCode()).as(res.body()).isEqualTo(422);
      assertThat(JSON.readTree(res.body()).path("detail")).isEqualTo(JSON.readTree("""
          [{"loc":["body","temperature"],"msg":"Input should be less than or equal to 2","type":"less_than_equal",
            "input":3},
           {"loc":["body","n"],"msg":"Input should be greater than or equal to 1","type":"greater_than_equal",
            "input":0}]"""));
      assertThat(h.backend.requests()).isEmpty();
    }
  }

  @Test
  void validationErrorsDropTheInputsWhenPseudonymizationWasRequested() throws Exception {
    String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Anna Weber\",\"name\":"
        + "[\"Anna Weber\"]}],\"temperature\":\"anna@example.org\"}";
    try (Harness h = new Harness(ScriptedModelBackend.echo())) {
      HttpResponse<String> plain = h.chat(Harness.ADMIN, body);
      HttpResponse<String> masked = h.send(h.post("/v1/chat/completions", Harness.ADMIN, body)
          .header("X-Apply-Pii-Pseudonymization", "true"));
      HttpResponse<String> malformedFlag = h.send(h.post("/v1/chat/completions", Harness.ADMIN, body)
          .header("X-Apply-Pii-Pseudonymization", "maybe"));

      // Without pseudonymization the seed's FastAPI shape is kept, inputs included.
      assertThat(plain.statusCode()).isEqualTo(422);
      assertThat(plain.body()).contains("\"input\"", "anna@example.org");
      for (HttpResponse<String> res : List.of(masked, malformedFlag)) {
        assertThat(res.statusCode()).isEqualTo(422);
        assertThat(res.body()).doesNotContain("\"input\"", "anna@example.org", "Anna Weber");
        JsonNode first = JSON.readTree(res.body()).path("detail").get(0);
        assertThat(first.has("loc") && first.has("msg") && first.has("type")).isTrue();
      }
    }
  }

  private void assertNoStackTraceLogged() {
    assertThat(records).filteredOn(r -> r.getThrown() != null).isEmpty();
    assertThat(records).filteredOn(r -> r.getLevel().intValue() >= Level.SEVERE.intValue()).isEmpty();
  }

  /** Sends raw bytes (ISO-8859-1, so non-ASCII characters go out as single bytes) and reads until close or 3 s. */
  private static String exchange(Harness h, String request, boolean halfClose) throws IOException {
    try (Socket s = new Socket("127.0.0.1", h.server.port())) {
      s.setSoTimeout(3000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      if (halfClose) {
        s.shutdownOutput();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      try {
        for (int n = s.getInputStream().read(buffer); n > 0; n = s.getInputStream().read(buffer)) {
          out.write(buffer, 0, n);
          if (complete(out.toString(StandardCharsets.ISO_8859_1))) {
            break;
          }
        }
      } catch (SocketTimeoutException e) {
        // a kept-alive connection: what arrived is the answer
      }
      return out.toString(StandardCharsets.ISO_8859_1);
    }
  }

  /** Whether a response with a Content-Length has arrived whole. */
  private static boolean complete(String reply) {
    int end = reply.indexOf("\r\n\r\n");
    int at = reply.toLowerCase(java.util.Locale.ROOT).indexOf("content-length: ");
    if (end < 0 || at < 0 || at > end) {
      return false;
    }
    int length = Integer.parseInt(reply.substring(at + 16, reply.indexOf("\r\n", at)).strip());
    return reply.length() >= end + 4 + length;
  }

  private static JsonNode body(String reply) throws IOException {
    return JSON.readTree(reply.substring(reply.indexOf("\r\n\r\n") + 4));
  }
}
