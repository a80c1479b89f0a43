package dev.confidant.openai.internal;

import dev.confidant.api.spi.ModelBackend;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.testkit.AbstractModelBackendContractTest;
import dev.confidant.testkit.FakeModelServer;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The backend contract against a server that speaks OpenAI's SSE protocol, framed the hard way (CRLF, comments,
 * events split mid-character).
 */
class OpenAiBackendContractTest extends AbstractModelBackendContractTest {
  private static @Nullable FakeModelServer server;
  private static @Nullable OpenAiBackend backend;

  @BeforeAll
  static void start() {
    server = FakeModelServer.start().tokenDelayMillis(2).adversarialFraming(true);
    backend = new OpenAiBackend("openai", server.baseUrl() + "/v1", "sk-contract-test-key", ModelTimeouts.DEFAULT,
        Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    java.util.Objects.requireNonNull(backend).close();
    java.util.Objects.requireNonNull(server).close();
  }

  @Override
  protected ModelBackend backend() {
    return java.util.Objects.requireNonNull(backend);
  }

  @Override
  protected @Nullable String model() {
    return "fake-gpt";
  }

  @Override
  protected boolean repeatsPrompt() {
    return true;
  }
}
