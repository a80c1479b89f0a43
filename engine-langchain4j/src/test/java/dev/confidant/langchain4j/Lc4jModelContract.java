package dev.confidant.langchain4j;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.testkit.AbstractModelBackendContractTest;
import dev.confidant.testkit.FakeModelServer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The backend contract for a LangChain4j model given to the engine one way or another: langchain4j-open-ai
 * against the fake server, which echoes (so content is checked exactly). One server per test class, one backend
 * per test.
 */
abstract class Lc4jModelContract extends AbstractModelBackendContractTest {
  private static @Nullable FakeModelServer server;
  private @Nullable ModelBackend backend;

  @BeforeAll
  static void startServer() {
    server = FakeModelServer.start().tokenDelayMillis(2);
  }

  @AfterAll
  static void stopServer() {
    Objects.requireNonNull(server).close();
  }

  @AfterEach
  void closeBackend() {
    if (backend != null) {
      backend.close();
    }
  }

  /** The backend under test, talking to {@code server}. */
  abstract ModelBackend make(FakeModelServer server);

  @Override
  protected ModelBackend backend() {
    if (backend == null) {
      backend = make(Objects.requireNonNull(server));
    }
    return backend;
  }

  @Override
  protected ChatCompletionRequest request(String prompt) {
    return Lc4jModels.unseeded(prompt);
  }

  @Override
  protected boolean repeatsPrompt() {
    return true;
  }
}
