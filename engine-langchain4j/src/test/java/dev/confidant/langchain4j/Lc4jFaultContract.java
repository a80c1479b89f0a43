package dev.confidant.langchain4j;

import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.core.remote.UpstreamFailures;
import dev.confidant.testkit.AbstractRemoteBackendFaultTest;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The testkit's remote fault contract for LangChain4j models given as backends (langchain4j-open-ai against the
 * misbehaving fake server): statuses, secrets, broken and stalled streams end in the right exception whichever way
 * the model was given.
 */
abstract class Lc4jFaultContract extends AbstractRemoteBackendFaultTest {

  /** The langchain4j-open-ai builder pointed at the fake server with the test's secret. */
  final OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder model(Timeouts t) {
    return OpenAiStreamingChatModel.builder().baseUrl(server.baseUrl() + "/v1").apiKey(SECRET)
        .modelName("fake-model").timeout(t.total());
  }

  static ModelTimeouts timeouts(Timeouts t) {
    return new ModelTimeouts(t.connect(), t.firstToken(), t.total());
  }

  @Override
  protected @Nullable Duration retryAfter(ModelInvocationException failure) {
    return UpstreamFailures.retryAfter(failure);
  }

  /** LangChain4j's neutral parameters have no seed: a LangChain4j backend rejects it (see {@code Lc4jBackendTest}). */
  @Override
  protected boolean carriesSeed() {
    return false;
  }
}
