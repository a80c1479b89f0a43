package dev.confidant.langchain4j.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.confidant.api.ChatEngineException;
import dev.confidant.api.ErrorType;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.core.remote.StreamProtocolException;
import dev.confidant.core.remote.UpstreamFailures;
import dev.confidant.core.remote.UpstreamStatusException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Maps what LangChain4j throws to the API's exceptions: a feature the model cannot honour is an invalid request,
 * LangChain4j's own HTTP and timeout exceptions keep their status and type, and everything else goes to
 * {@link UpstreamFailures}. Stateless and thread-safe.
 */
public final class Lc4jFailures {
  private Lc4jFailures() {}

  /**
   * The API exception for a failure of a backend whose server the engine was configured with.
   *
   * @param secret a credential that must never appear in the message, or {@code null}
   */
  public static ChatEngineException map(String backend, Throwable failure, @Nullable String secret) {
    if (failure instanceof ChatEngineException e) {
      return e;
    }
    if (UpstreamFailures.find(failure, UpstreamStatusException.class) == null) {
      UnsupportedFeatureException unsupported = UpstreamFailures.find(failure, UnsupportedFeatureException.class);
      if (unsupported != null) {
        return InvalidRequestException.of(List.of(), "the " + backend + " backend cannot honour this "
            + "request: " + UpstreamFailures.clean(unsupported.getMessage(), secret), "value_error");
      }
      HttpException http = UpstreamFailures.find(failure, HttpException.class);
      if (http != null) {
        return UpstreamFailures.map(backend, new UpstreamStatusException(http.statusCode(),
            http.getMessage() == null ? "" : http.getMessage(), null), UpstreamFailures.Disclosure.MESSAGE, secret);
      }
      if (UpstreamFailures.find(failure, JsonProcessingException.class) != null) {
        // A provider module failed to parse what the server sent; Jackson's message may quote it.
        return UpstreamFailures.map(backend, new StreamProtocolException("malformed JSON in the model's stream"),
            UpstreamFailures.Disclosure.MESSAGE, secret);
      }
      if (UpstreamFailures.find(failure, TimeoutException.class) != null) {
        return new ModelInvocationException(ErrorType.TIMEOUT, "model backend '" + backend + "': no response in "
            + "time", 0, failure);
      }
    }
    return UpstreamFailures.map(backend, failure, UpstreamFailures.Disclosure.MESSAGE, secret);
  }
}
