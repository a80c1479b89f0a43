package dev.confidant.jlama.internal;

import dev.confidant.api.spi.ModelBackend;
import dev.confidant.testkit.AbstractModelBackendContractTest;

/** The backend contract, on the generated tiny model. */
class JlamaBackendContractTest extends AbstractModelBackendContractTest {
  @Override
  protected ModelBackend backend() {
    return JlamaFixtures.tiny();
  }
}
