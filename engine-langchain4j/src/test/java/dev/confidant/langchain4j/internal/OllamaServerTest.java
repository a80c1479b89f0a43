package dev.confidant.langchain4j.internal;

import dev.confidant.api.spi.ModelBackend;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.testkit.AbstractModelBackendContractTest;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The backend contract against a real Ollama at {@code OLLAMA_BASE_URL} (model {@code OLLAMA_MODEL}, default
 * {@code qwen2.5:0.5b}, which must be pulled). Skipped without it: no Ollama can be installed on CI here.
 */
@EnabledIfEnvironmentVariable(named = "OLLAMA_BASE_URL", matches = ".+")
class OllamaServerTest extends AbstractModelBackendContractTest {
  private static @Nullable Lc4jBackend backend;

  @BeforeAll
  static void start() {
    backend = OllamaBackendProvider.ollama(System.getenv("OLLAMA_BASE_URL"), ModelTimeouts.DEFAULT, Clock.systemUTC());
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
    String model = System.getenv("OLLAMA_MODEL");
    return model == null || model.isBlank() ? "qwen2.5:0.5b" : model;
  }

  @Override
  protected Duration timeout() {
    return Duration.ofMinutes(2);
  }
}
