package dev.confidant.jlama.internal;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.RequestContext;
import dev.confidant.api.Sampling;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.StageContext;
import java.nio.file.Path;

/** Shared test fixtures: one backend on the generated tiny model per test JVM, loaded once. */
final class JlamaFixtures {
  /** Under target/, so that {@code mvn clean} removes it and repeated runs reuse the generated model. */
  static final Path CACHE = Path.of("target", "jlama-test-models");

  private static final JlamaBackend TINY = new JlamaBackend(new JlamaSettings(null, CACHE, 0.7));

  private JlamaFixtures() {}

  /** The shared backend on the tiny model; never closed (the JVM ends with the tests). */
  static JlamaBackend tiny() {
    return TINY;
  }

  static StageContext context() {
    return new StageContext(RequestContext.anonymous());
  }

  /** A one-message request with the given sampling. */
  static ChatCompletionRequest ask(String text, Sampling sampling) {
    return ChatCompletionRequest.of(null, new UserMessage(text)).withSampling(sampling);
  }

  /** Greedy sampling with a token limit. */
  static Sampling greedy(int maxTokens) {
    return Sampling.DEFAULT.withTemperature(0.0).withMaxTokens(maxTokens);
  }

  static ChatCompletionResponse complete(JlamaBackend backend, ChatCompletionRequest request) {
    return backend.stream(request, context()).collect();
  }
}
