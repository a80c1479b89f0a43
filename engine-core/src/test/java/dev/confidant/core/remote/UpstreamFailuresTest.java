package dev.confidant.core.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatEngineException;
import dev.confidant.api.ErrorType;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.core.remote.UpstreamFailures.Disclosure;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class UpstreamFailuresTest {

  @Test
  void statusesMapToErrorTypes() {
    assertThat(UpstreamFailures.typeOf(400)).isEqualTo(ErrorType.BACKEND_ERROR);
    assertThat(UpstreamFailures.typeOf(401)).isEqualTo(ErrorType.AUTHENTICATION);
    assertThat(UpstreamFailures.typeOf(403)).isEqualTo(ErrorType.PERMISSION_DENIED);
    assertThat(UpstreamFailures.typeOf(404)).isEqualTo(ErrorType.NOT_FOUND);
    assertThat(UpstreamFailures.typeOf(429)).isEqualTo(ErrorType.RATE_LIMITED);
    assertThat(UpstreamFailures.typeOf(500)).isEqualTo(ErrorType.BACKEND_ERROR);
    assertThat(UpstreamFailures.typeOf(502)).isEqualTo(ErrorType.BACKEND_UNAVAILABLE);
    assertThat(UpstreamFailures.typeOf(503)).isEqualTo(ErrorType.BACKEND_UNAVAILABLE);
    assertThat(UpstreamFailures.typeOf(504)).isEqualTo(ErrorType.TIMEOUT);
  }

  @Test
  void upstreamMessagesKeepTheirTextAndLoseTheirSecrets() {
    ChatEngineException e = UpstreamFailures.map("openai", new UpstreamStatusException(401,
        "{\"error\":{\"message\":\"Incorrect API key provided: sk-abcdefghijklmnop1234. api_key=hunter2\"}}",
        Duration.ofSeconds(3)), Disclosure.MESSAGE, "my-own-key");
    assertThat(e).isInstanceOf(ModelInvocationException.class);
    assertThat(e.getMessage()).isEqualTo("model backend 'openai' answered HTTP 401: Incorrect API key provided: ***."
        + " api_key=***");
    assertThat(((ModelInvocationException) e).upstreamStatus()).isEqualTo(401);
    assertThat(UpstreamFailures.retryAfter(e)).isEqualTo(Duration.ofSeconds(3));
    assertThat(UpstreamFailures.clean("token my-own-key and Bearer abc.def", "my-own-key"))
        .isEqualTo("token *** and ***");
  }

  @Test
  void aCallersEndpointGetsTheStatusAndAGenericReasonOnly() {
    String passwd = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin";
    ChatEngineException e = UpstreamFailures.map("openai", new UpstreamStatusException(500, passwd,
        Duration.ofSeconds(2)), Disclosure.STATUS_ONLY, null);
    assertThat(e.getMessage()).isEqualTo("model backend 'openai': the model endpoint answered HTTP 500 "
        + "(Internal Server Error)");
    assertThat(e.type()).isEqualTo(ErrorType.BACKEND_ERROR);
    assertThat(stackTrace(e)).doesNotContain("root:x").doesNotContain("daemon");
    assertThat(UpstreamFailures.retryAfter(e)).as("Retry-After survives").isEqualTo(Duration.ofSeconds(2));

    ChatEngineException protocol = UpstreamFailures.map("openai",
        new StreamProtocolException("malformed JSON in the model's stream", passwd), Disclosure.STATUS_ONLY, null);
    assertThat(stackTrace(protocol)).contains("malformed JSON").doesNotContain("root:x");
    assertThat(UpstreamFailures.map("openai",
        new StreamProtocolException("malformed JSON in the model's stream", "{\"id\": \"broken"), Disclosure.MESSAGE,
        null).getMessage()).isEqualTo("model backend 'openai': malformed JSON in the model's stream: {\"id\": \"broken");

    ChatEngineException reset = UpstreamFailures.map("openai", new IOException("Connection reset by 10.0.0.7"),
        Disclosure.STATUS_ONLY, null);
    assertThat(reset.getMessage()).isEqualTo("model backend 'openai': connection failed");
    assertThat(UpstreamFailures.map("openai", new IllegalStateException("internal detail"), Disclosure.STATUS_ONLY,
        null).getMessage()).isEqualTo("model backend 'openai' failed");
  }

  @Test
  void transportFailuresAreRetryableAndProtocolFailuresAreNot() {
    assertThat(UpstreamFailures.map("x", new ConnectException("refused"), Disclosure.MESSAGE, null).type())
        .isEqualTo(ErrorType.BACKEND_UNAVAILABLE);
    assertThat(UpstreamFailures.map("x", new RuntimeException(new IOException("Connection reset")), Disclosure.MESSAGE,
        null).retryable()).isTrue();
    assertThat(UpstreamFailures.map("x", new StreamProtocolException("malformed JSON"), Disclosure.MESSAGE, null)
        .type()).isEqualTo(ErrorType.BACKEND_ERROR);
  }

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
    assertThat(UpstreamExchange.retryAfter(" 7 ", clock)).isEqualTo(Duration.ofSeconds(7));
    assertThat(UpstreamExchange.retryAfter("Mon, 07 Dec 2026 10:00:30 GMT", clock)).isEqualTo(Duration.ofSeconds(30));
    assertThat(UpstreamExchange.retryAfter("Mon, 07 Dec 2026 09:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
    assertThat(UpstreamExchange.retryAfter("soon", clock)).isNull();
    assertThat(UpstreamExchange.retryAfter(null, clock)).isNull();
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
