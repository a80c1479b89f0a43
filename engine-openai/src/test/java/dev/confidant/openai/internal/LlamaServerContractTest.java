package dev.confidant.openai.internal;

import dev.confidant.testkit.TestServers;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.testkit.AbstractModelBackendContractTest;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The backend contract against llama-server (see {@link LlamaServerTest}); skipped without it. */
class LlamaServerContractTest extends AbstractModelBackendContractTest {
  private static @Nullable OpenAiBackend backend;

  @BeforeAll
  static void start() {
    backend = new OpenAiBackend("openai", TestServers.llamaServerUrl(), null,
        ModelTimeouts.DEFAULT, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    if (backend != null) {
      backend.close();
    }
  }

  @Override
  protected ModelBackend backend() {
    return java.util.Objects.requireNonNull(backend);
  }

  @Override
  protected @Nullable String model() {
    return "stories260K";
  }
}
