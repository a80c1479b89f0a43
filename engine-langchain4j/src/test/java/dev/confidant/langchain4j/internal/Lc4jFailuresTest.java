package dev.confidant.langchain4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ErrorType;
import dev.confidant.api.InvalidRequestException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import org.junit.jupiter.api.Test;

class Lc4jFailuresTest {

  @Test
  void langChain4jExceptionsKeepTheirMeaning() {
    assertThat(Lc4jFailures.map("ollama", new UnsupportedFeatureException("no audio"), null))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(Lc4jFailures.map("ollama", new HttpException(429, "{\"error\":\"slow down\"}"), null))
        .satisfies(e -> assertThat(e.type()).isEqualTo(ErrorType.RATE_LIMITED))
        .hasMessage("model backend 'ollama' answered HTTP 429: slow down");
    assertThat(Lc4jFailures.map("ollama", new TimeoutException("read timed out"), null).type())
        .isEqualTo(ErrorType.TIMEOUT);
  }
}
