package dev.confidant.langchain4j;

import dev.confidant.api.spi.ModelBackend;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.langchain4j.internal.Lc4jBackend;
import dev.confidant.langchain4j.internal.Lc4jBackend.Source;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.util.function.Function;

/**
 * Makes model backends out of LangChain4j chat models: Anthropic, Gemini, Azure OpenAI, Bedrock, Mistral, Ollama, …
 * whatever LangChain4j speaks. Add the result to the engine builder and route model ids to its name. Each request's
 * fields are mapped to LangChain4j's provider-neutral parameters; what they cannot carry (a seed, logit bias,
 * {@code n > 1}, log probabilities, a named tool choice) is rejected with an {@code InvalidRequestException}, and the
 * model name is the instance's own. Stateless and thread-safe.
 *
 * {@snippet class=dev.confidant.langchain4j.Lc4jSnippets region=streaming}
 *
 * <p>How closing a stream stops the model depends on how the model is given:
 * <ul>
 *   <li>{@link #streaming}: LangChain4j's streaming handle is cancelled, once the model has passed one with a
 *       partial response (LangChain4j 1.8+ providers do);
 *   <li>{@link #blocking}: the thread waiting for the reply is interrupted;
 *   <li>{@link #perRequest}: the engine's own HTTP transport is closed at once, and statuses keep
 *       {@code Retry-After} for the engine's retries — the most control, for any model that takes an
 *       {@link HttpClientBuilder}.
 * </ul>
 */
public final class LangChain4jBackends {
  private LangChain4jBackends() {}

  /**
   * A backend over a streaming model instance. The engine closes the backend, not the model.
   *
   * @param name the backend's name ({@code [a-z][a-z0-9-]{0,63}}), as model routes name it
   * @param timeouts the first-token and total limits (the connect limit is the model's own)
   */
  public static ModelBackend streaming(String name, StreamingChatModel model, ModelTimeouts timeouts) {
    return Lc4jBackend.of(name, new Source.Streaming(model), timeouts);
  }

  /**
   * A backend over a blocking model instance; each reply arrives as one chunk.
   *
   * @param name the backend's name, as model routes name it
   * @param timeouts the first-token and total limits (the connect limit is the model's own)
   */
  public static ModelBackend blocking(String name, ChatModel model, ModelTimeouts timeouts) {
    return Lc4jBackend.of(name, new Source.Blocking(model), timeouts);
  }

  /**
   * A backend that makes a streaming model for each request around the engine's own HTTP transport:
   * {@snippet class=dev.confidant.langchain4j.Lc4jSnippets region=per-request}
   * The factory must pass the given builder to the model ({@code httpClientBuilder(http)}) and should be cheap:
   * LangChain4j models are light wrappers.
   *
   * @param name the backend's name, as model routes name it
   * @param factory makes the request's model around the given HTTP client builder
   * @param timeouts connect, first-token and total limits
   */
  public static ModelBackend perRequest(String name, Function<HttpClientBuilder, ? extends StreamingChatModel> factory,
      ModelTimeouts timeouts) {
    return Lc4jBackend.perRequest(name, factory, timeouts);
  }
}
