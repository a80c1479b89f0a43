package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.Usage;
import dev.confidant.core.ChatEngines;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests and tokens per minute per principal and space, and a space's token budget, over a real server. */
class BudgetsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A clock the test moves. */
  private static final class TestClock extends Clock {
    private Instant now;

    TestClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private static ScriptedModelBackend backend(int replies) {
    ScriptedReply[] all = new ScriptedReply[replies];
    for (int i = 0; i < replies; i++) {
      all[i] = ScriptedReply.text("ok").withUsage(Usage.of(7, 5));
    }
    return ScriptedModelBackend.of(all);
  }

  private static Harness harness(ScriptedModelBackend backend, ServerConfig config, Clock clock) {
    ChatCompletionEngine engine = ChatEngines.builder().discover(false).addBackend(Harness.provider(backend)).build();
    return new Harness(backend, engine, ConfidantServer.builder(config).clock(clock));
  }

  @Test
  void aCallerBeyondItsRequestsPerMinuteGets429WithRetryAfterUntilTheNextMinute() throws Exception {
    TestClock clock = new TestClock(Instant.parse("2026-12-07T12:00:05Z"));
    ServerConfig config = Harness.config().withBudgets(
        new ServerConfig.Budgets(2, 0, 0, 0, 0, Duration.ofDays(30)));
    try (Harness h = harness(backend(5), config, clock)) {
      assertThat(h.chat(Harness.ADMIN, Harness.userMessage("one")).statusCode()).isEqualTo(200);
      assertThat(h.chat(Harness.ADMIN, Harness.userMessage("two")).statusCode()).isEqualTo(200);
      HttpResponse<String> refused = h.chat(Harness.ADMIN, Harness.userMessage("three"));

      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("55");
      JsonNode body = JSON.readTree(refused.body());
      assertThat(body.path("detail").asText())
          .isEqualTo("Request limit of 2 per minute reached for this caller; retry after 55 s");
      assertThat(body.path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");
      assertThat(h.backend.requests()).hasSize(2); // the refused request reached no model
      // Another principal has its own count; the next minute starts a new one.
      assertThat(h.chat(Harness.VIEWER, Harness.userMessage("four")).statusCode()).isEqualTo(200);
      clock.advance(Duration.ofSeconds(55));
      assertThat(h.chat(Harness.ADMIN, Harness.userMessage("five")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aSpacesTokenBudgetIsSpentByItsMembersAndSurvivesARestart(@TempDir Path storage) throws Exception {
    TestClock clock = new TestClock(Instant.parse("2026-12-07T12:00:05Z"));
    ServerConfig config = Harness.config().withStorageDir(storage).withBudgets(
        new ServerConfig.Budgets(0, 0, 0, 0, 20, Duration.ofDays(30)));
    try (Harness h = harness(backend(3), config, clock)) {
      assertThat(h.chat(Harness.ADMIN, Harness.userMessage("one")).statusCode()).isEqualTo(200); // 12 tokens
      assertThat(h.chat(Harness.VIEWER, Harness.userMessage("two")).statusCode()).isEqualTo(200); // 24 >= 20
      HttpResponse<String> refused = h.chat(Harness.ADMIN, Harness.userMessage("three"));
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(JSON.readTree(refused.body()).path("detail").asText())
          .startsWith("Token budget of 20 per 30 days used up for this space; retry after ");
    }
    try (Harness restarted = harness(backend(1), config, clock)) {
      assertThat(restarted.chat(Harness.ADMIN, Harness.userMessage("after restart")).statusCode()).isEqualTo(429);
      assertThat(restarted.backend.requests()).isEmpty();
    }
    clock.advance(Duration.ofDays(30));
    try (Harness nextPeriod = harness(backend(1), config, clock)) {
      assertThat(nextPeriod.chat(Harness.ADMIN, Harness.userMessage("new period")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void streamedTokensCountAgainstTheCallersTokensPerMinute() throws Exception {
    TestClock clock = new TestClock(Instant.parse("2026-12-07T12:00:05Z"));
    ServerConfig config = Harness.config().withBudgets(
        new ServerConfig.Budgets(0, 10, 0, 0, 0, Duration.ofDays(30)));
    try (Harness h = harness(backend(2), config, clock)) {
      HttpResponse<String> streamed = h.chat(Harness.ADMIN, "{\"model\":\"m\",\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
      assertThat(streamed.statusCode()).isEqualTo(200);
      HttpResponse<String> refused = h.chat(Harness.ADMIN, Harness.userMessage("again"));
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(JSON.readTree(refused.body()).path("detail").asText())
          .startsWith("Token limit of 10 per minute reached for this caller");
    }
  }
}
