package dev.confidant.testkit;

import dev.confidant.api.spi.ModelBackend;
import java.time.Duration;

/** The backend contract for a slow backend: delays before every chunk must not break order or cancellation. */
class DelayedScriptedModelBackendContractTest extends AbstractModelBackendContractTest {
  private final ScriptedModelBackend backend = ScriptedModelBackend.builder()
      .responder(request -> ScriptedReply.echo(request).splitEvery(3)
          .withFirstChunkDelay(Duration.ofMillis(20))
          .withChunkDelay(Duration.ofMillis(2)))
      .build();

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

  @Override
  protected Duration cancellationLimit() {
    return Duration.ofSeconds(1);
  }
}
