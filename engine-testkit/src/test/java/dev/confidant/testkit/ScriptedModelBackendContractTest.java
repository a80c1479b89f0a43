package dev.confidant.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.spi.ModelBackend;
import org.junit.jupiter.api.AfterEach;

/** The backend contract for the echo backend: deterministic, and its content can be checked exactly. */
// @start region="contract"
class ScriptedModelBackendContractTest extends AbstractModelBackendContractTest {
  private final ScriptedModelBackend backend = ScriptedModelBackend.echo();

  @Override
  protected ModelBackend backend() {
    return backend;
  }

  @Override
  protected boolean repeatsPrompt() {
    return true;
  }

  /** A script replays its chunks whatever max_tokens says. */
  @Override
  protected boolean honoursTokenLimit() {
    return false;
  }

  @AfterEach
  void contractTestsCloseEveryStreamTheyOpen() {
    assertThat(backend.openStreams()).as("streams left open by the contract test").isZero();
  }
}
// @end
