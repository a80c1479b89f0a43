package dev.confidant.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ErrorType;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.testkit.Fault;
import org.junit.jupiter.api.Test;

/** The fault contract for {@link LangChain4jBackends#streaming}: the model instance uses its own HTTP client. */
class StreamingModelFaultTest extends Lc4jFaultContract {
  @Override
  protected ModelBackend backend(Timeouts t) {
    return LangChain4jBackends.streaming("lc4j-openai", model(t).build(), timeouts(t));
  }

  /**
   * Opted out (no {@code @Test}): LangChain4j's own HTTP client drops the response headers of an error, so
   * {@code Retry-After} cannot reach the engine's retries; that is what {@link LangChain4jBackends#perRequest} is for
   * (the README's table says so). {@link #rateLimitKeepsStatusAndMessage} checks the rest.
   */
  @Override
  public void rateLimitKeepsStatusMessageAndRetryAfter() {}

  /** The kit's rate-limit checks without {@code Retry-After}. */
  @Test
  void rateLimitKeepsStatusAndMessage() {
    ModelInvocationException e = failure(new Fault.Status(429, "7", "Rate limit reached for requests"), FAST);
    assertThat(e.type()).isEqualTo(ErrorType.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.upstreamStatus()).isEqualTo(429);
    assertThat(e.getMessage()).contains("429").contains("Rate limit reached for requests");
    assertThat(retryAfter(e)).as("Retry-After, which LangChain4j's client does not keep").isNull();
  }
}
