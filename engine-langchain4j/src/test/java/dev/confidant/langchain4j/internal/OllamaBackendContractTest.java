package dev.confidant.langchain4j.internal;

import dev.confidant.api.spi.ModelBackend;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.testkit.AbstractModelBackendContractTest;
import dev.confidant.testkit.FakeModelServer;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The backend contract against a server that speaks Ollama's NDJSON protocol. */
class OllamaBackendContractTest extends AbstractModelBackendContractTest {
  private static FakeModelServer server;
  private static Lc4jBackend backend;

  @BeforeAll
  static void start() {
    server = FakeModelServer.start().tokenDelayMillis(2);
    backend = OllamaBackendProvider.ollama(server.baseUrl(), ModelTimeouts.DEFAULT, Clock.systemUTC());
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
    return "llama3.2";
  }

  @Override
  protected boolean repeatsPrompt() {
    return true;
  }
}
