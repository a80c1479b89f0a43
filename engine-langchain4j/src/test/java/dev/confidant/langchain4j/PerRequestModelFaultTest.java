package dev.confidant.langchain4j;

import dev.confidant.api.spi.ModelBackend;

/** The fault contract for {@link LangChain4jBackends#perRequest}: the model runs on the engine's HTTP transport. */
class PerRequestModelFaultTest extends Lc4jFaultContract {
  @Override
  protected ModelBackend backend(Timeouts t) {
    return LangChain4jBackends.perRequest("lc4j-openai", http -> model(t).httpClientBuilder(http).build(),
        timeouts(t));
  }
}
