package dev.confidant.langchain4j;

import dev.confidant.api.spi.ModelBackend;
import dev.confidant.testkit.FakeModelServer;

/** The backend contract for {@link LangChain4jBackends#streaming}. */
class StreamingModelContractTest extends Lc4jModelContract {
  @Override
  ModelBackend make(FakeModelServer server) {
    return Lc4jModels.streaming(server);
  }
}
