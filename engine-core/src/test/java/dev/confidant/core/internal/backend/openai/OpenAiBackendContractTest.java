package dev.confidant.core.internal.backend.openai;

import dev.confidant.api.spi.ModelBackend;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.core.internal.backend.remote.FakeModelServer;
import dev.confidant.testkit.AbstractModelBackendContractTest;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The backend contract against a server that speaks OpenAI's SSE protocol. */
class OpenAiBackendContractTest extends AbstractModelBackendContractTest {
  private static FakeModelServer server;
  private static OpenAiBackend backend;

  @BeforeAll
  static void start() {
    server = FakeModelServer.start().tokenDelayMillis(2);
    backend = new OpenAiBackend(server.baseUrl() + "/v1", "sk-contract-test-key", ModelTimeouts.DEFAULT,
        Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    backend.close();
    server.close();
  }

  @Override
  protected ModelBackend backend() {
    return backend;
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
