package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ObservabilityTest {

  @Test
  void echoesTheCallersTraceIdOrMintsOne() {
    try (Harness h = new Harness(ScriptedModelBackend.echo())) {
      HttpResponse<String> given = h.send(h.get("/v1/models", Harness.ADMIN).header("X-Trace-Id", "abc-123"));
      HttpResponse<String> minted = h.send(h.get("/v1/models", Harness.ADMIN));
      HttpResponse<String> failed = h.send(h.get("/v1/nope", Harness.ADMIN).header("X-Trace-Id", "t-404"));

      assertThat(given.headers().firstValue("X-Trace-Id")).hasValue("abc-123");
      assertThat(minted.headers().firstValue("X-Trace-Id")).hasValueSatisfying(v -> assertThat(v)
          .matches("[0-9a-f]{32}"));
      assertThat(failed.headers().firstValue("X-Trace-Id")).hasValue("t-404");
    }
  }

  @Test
  void logsNoPersonalDataMappingOrTokenDuringAPseudonymizedChat() {
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        lines.add(r.getLoggerName() + " " + r.getMessage() + " " + r.getThrown());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger root = Logger.getLogger("");
    Level before = root.getLevel();
    root.addHandler(capture);
    root.setLevel(Level.ALL);
    try (Harness h = new Harness(ScriptedModelBackend.of(ScriptedReply.text("Hallo Jürgen Weiß"),
        ScriptedReply.text("x").failingOnStart(new dev.confidant.api.ModelInvocationException(
            "boom", null))))) {
      String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
          + "\"Ich bin Jürgen Weiß, IBAN DE89370400440532013000\"}]}";
      HttpResponse<String> ok = h.send(h.post("/api-proxy/v1/chat/completions?user=juergen.weiss@example.com",
              Harness.ADMIN, body)
          .header("X-Apply-Pii-Pseudonymization", "true")
          .header("X-Pii-Mapping", "{\"<PERSON_1>\":\"Marlene Dietrich\"}"));
      HttpResponse<String> bad = h.send(h.post("/v1/chat/completions", Harness.ADMIN,
              "{\"messages\":[{\"role\":\"wizard\",\"content\":\"Jürgen Weiß\"}]}")
          .header("X-Pii-Mapping", "{\"<PERSON_1>\": \"Marlene Dietrich"));
      HttpResponse<String> failed = h.send(h.post("/v1/chat/completions", Harness.ADMIN, body));

      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(bad.statusCode()).isEqualTo(422);
      assertThat(failed.statusCode()).isEqualTo(502);
    } finally {
      root.removeHandler(capture);
      root.setLevel(before);
    }
    // The access filter logs and records after the response is written: the client can be faster than that.
    eventually(() -> assertThat(lines).anySatisfy(
        l -> assertThat(l).contains("POST /api-proxy/v1/chat/completions 200")));
    assertThat(String.join("\n", lines))
        .doesNotContain("Jürgen", "Weiß", "DE89370400440532013000", "Marlene", "Dietrich", "juergen",
            Harness.ADMIN, "PERSON_1");
  }

  @Test
  void recordsLatencyTimeToFirstTokenTokensAndErrors() {
    try (Harness h = new Harness(ScriptedModelBackend.of(ScriptedReply.chunks("a", "b"),
        ScriptedReply.text("x").failingOnStart(new dev.confidant.api.ModelInvocationException("boom", null))))) {
      h.chat(Harness.ADMIN, "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"one two three\"}]}");
      h.chat(Harness.ADMIN, Harness.userMessage("Hi"));
      MeterRegistry registry = h.server.meterRegistry();

      // The request timer is recorded after the response is written: the client can be faster than that.
      eventually(() -> assertThat(registry.find("confidant.http.requests").timers()).hasSize(2));
      assertThat(registry.get("confidant.http.requests").tag("route", "chat").tag("status", "200").timer().count())
          .isEqualTo(1);
      assertThat(registry.get("confidant.http.requests").tag("status", "502").timer().count()).isEqualTo(1);
      assertThat(registry.get("confidant.chat.ttft").timer().count()).isEqualTo(1);
      assertThat(registry.get("confidant.chat.tokens").tag("kind", "completion").counter().count()).isPositive();
      assertThat(registry.get("confidant.chat.tokens").tag("kind", "prompt").counter().count()).isPositive();
      assertThat(registry.get("confidant.chat.errors").tag("type", "backend_error").counter().count()).isEqualTo(1);
    }
  }

  /** Retries an assertion for up to 5 s: for what the server records after the client has its response. */
  private static void eventually(Runnable assertion) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(10);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
