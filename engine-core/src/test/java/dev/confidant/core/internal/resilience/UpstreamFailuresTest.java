package dev.confidant.core.internal.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatEngineException;
import dev.confidant.api.ErrorType;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.ModelInvocationException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
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
    ChatEngineException e = UpstreamFailures.map("openai", new UpstreamHttpException(401,
        "{\"error\":{\"message\":\"Incorrect API key provided: sk-abcdefghijklmnop1234. api_key=hunter2\"}}",
        Duration.ofSeconds(3)), "my-own-key");
    assertThat(e).isInstanceOf(ModelInvocationException.class);
    assertThat(e.getMessage()).isEqualTo("model backend 'openai' answered HTTP 401: Incorrect API key provided: ***."
        + " api_key=***");
    assertThat(((ModelInvocationException) e).upstreamStatus()).isEqualTo(401);
    assertThat(UpstreamFailures.retryAfter(e)).isEqualTo(Duration.ofSeconds(3));
    assertThat(UpstreamFailures.clean("token my-own-key and Bearer abc.def", "my-own-key"))
        .isEqualTo("token *** and ***");
  }

  @Test
  void transportFailuresAreRetryableAndProtocolFailuresAreNot() {
    assertThat(UpstreamFailures.map("ollama", new ConnectException("refused"), null).type())
        .isEqualTo(ErrorType.BACKEND_UNAVAILABLE);
    assertThat(UpstreamFailures.map("ollama", new RuntimeException(new IOException("Connection reset")), null)
        .retryable()).isTrue();
    assertThat(UpstreamFailures.map("ollama", new StreamProtocolException("malformed JSON"), null).type())
        .isEqualTo(ErrorType.BACKEND_ERROR);
    assertThat(UpstreamFailures.map("ollama", new UnsupportedFeatureException("no audio"), null))
        .isInstanceOf(InvalidRequestException.class);
  }
}
