package dev.confidant.core.internal.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.api.ChatEngineException;
import dev.confidant.api.ErrorType;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.ModelInvocationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Maps what a remote backend throws (LangChain4j, {@code java.net.http}, our transport) to the API's exceptions:
 * the HTTP status decides the {@link ErrorType}, the upstream status and message are kept, and anything that
 * looks like a credential is removed from the message. Stateless and thread-safe.
 */
public final class UpstreamFailures {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE = 500;
  // OpenAI-style keys, bearer tokens and key=value secrets: upstream errors sometimes echo what they were sent.
  private static final List<Pattern> SECRETS = List.of(
      Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/=-]+"),
      Pattern.compile("\\b(sk|pk|rk)-[A-Za-z0-9_-]{8,}"),
      Pattern.compile("(?i)(api[_-]?key|token|secret|password)([\"']?\\s*[:=]\\s*[\"']?)[^\\s\"',}]+"));

  private UpstreamFailures() {}

  /**
   * The API exception for a failure of backend {@code backend}.
   *
   * @param secret a credential that must never appear in the message (the API key), or {@code null}
   */
  public static ChatEngineException map(String backend, Throwable failure, @Nullable String secret) {
    if (failure instanceof ChatEngineException e) {
      return e;
    }
    HttpException http = find(failure, HttpException.class);
    if (http != null) {
      int status = http.statusCode();
      String message = "model backend '" + backend + "' answered HTTP " + status + ": "
          + clean(upstreamMessage(http.getMessage()), secret);
      // The cause chain keeps the UpstreamHttpException, and with it Retry-After (see retryAfter).
      return new ModelInvocationException(typeOf(status), message, status, failure);
    }
    UnsupportedFeatureException unsupported = find(failure, UnsupportedFeatureException.class);
    if (unsupported != null) {
      return InvalidRequestException.of(List.of("body"), "the " + backend + " backend cannot honour this request: "
          + clean(unsupported.getMessage(), secret), "value_error");
    }
    StreamProtocolException protocol = find(failure, StreamProtocolException.class);
    if (protocol != null) {
      return new ModelInvocationException(ErrorType.BACKEND_ERROR, "model backend '" + backend + "': "
          + clean(protocol.getMessage(), secret), 0, failure);
    }
    if (find(failure, HttpConnectTimeoutException.class) != null) {
      return unavailable(ErrorType.TIMEOUT, backend, "connect timed out", failure);
    }
    if (find(failure, HttpTimeoutException.class) != null
        || find(failure, dev.langchain4j.exception.TimeoutException.class) != null) {
      return unavailable(ErrorType.TIMEOUT, backend, "no response in time", failure);
    }
    if (find(failure, ConnectException.class) != null || find(failure, UnresolvedAddressException.class) != null) {
      return unavailable(ErrorType.BACKEND_UNAVAILABLE, backend, "cannot connect", failure);
    }
    if (find(failure, SocketException.class) != null || find(failure, IOException.class) != null) {
      // Connection reset or closed by the peer: transient, worth a retry if nothing reached the caller yet.
      return unavailable(ErrorType.BACKEND_UNAVAILABLE, backend, "connection failed ("
          + clean(String.valueOf(rootMessage(failure)), secret) + ")", failure);
    }
    return new ModelInvocationException(ErrorType.BACKEND_ERROR, "model backend '" + backend + "' failed: "
        + clean(String.valueOf(rootMessage(failure)), secret), 0, failure);
  }

  /** The error type for an upstream HTTP status. */
  public static ErrorType typeOf(int status) {
    return switch (status) {
      case 400, 422 -> ErrorType.BACKEND_ERROR; // our request was mapped wrongly or the model refused it
      case 401 -> ErrorType.AUTHENTICATION;
      case 403 -> ErrorType.PERMISSION_DENIED;
      case 404 -> ErrorType.NOT_FOUND;
      case 408, 504 -> ErrorType.TIMEOUT;
      case 429 -> ErrorType.RATE_LIMITED;
      case 502, 503 -> ErrorType.BACKEND_UNAVAILABLE;
      default -> ErrorType.BACKEND_ERROR;
    };
  }

  /** A failure's {@code Retry-After}, if the upstream sent one. */
  public static @Nullable Duration retryAfter(Throwable failure) {
    UpstreamHttpException http = find(failure, UpstreamHttpException.class);
    return http == null ? null : http.retryAfter();
  }

  /** Removes credentials and shortens a message. */
  public static String clean(@Nullable String message, @Nullable String secret) {
    String text = message == null ? "" : message;
    if (secret != null && !secret.isBlank()) {
      text = text.replace(secret, "***");
    }
    for (Pattern p : SECRETS) {
      text = p.matcher(text).replaceAll(m -> m.groupCount() >= 2 && m.group(2) != null
          ? java.util.regex.Matcher.quoteReplacement(m.group(1) + m.group(2) + "***") : "***");
    }
    text = text.strip().replaceAll("\\s+", " ");
    return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "..." : text;
  }

  /** OpenAI's {@code {"error":{"message":...}}}, Ollama's {@code {"error":"..."}}, else the body itself. */
  private static String upstreamMessage(@Nullable String body) {
    if (body == null || body.isBlank()) {
      return "(no message)";
    }
    try {
      JsonNode node = JSON.readTree(body);
      JsonNode error = node.path("error");
      if (error.isTextual()) {
        return error.asText();
      }
      if (error.path("message").isTextual()) {
        return error.path("message").asText();
      }
      if (node.path("detail").isTextual()) {
        return node.path("detail").asText();
      }
    } catch (IOException | RuntimeException notJson) {
      // a proxy's HTML page or plain text: keep it as it is
    }
    return body;
  }

  private static ModelInvocationException unavailable(ErrorType type, String backend, String what, Throwable cause) {
    return new ModelInvocationException(type, "model backend '" + backend + "': " + what, 0, cause);
  }

  private static @Nullable String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
  }

  private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
