package dev.confidant.core.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.api.ChatEngineException;
import dev.confidant.api.ErrorType;
import dev.confidant.api.ModelInvocationException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Maps what a remote model call throws ({@code java.net.http}, {@link UpstreamExchange}, a backend's stream
 * parser) to the API's exceptions: the HTTP status decides the {@link ErrorType}, and the message says what
 * happened as far as the {@link Disclosure} allows. Anything that looks like a credential is removed from
 * messages. Stateless and thread-safe.
 */
public final class UpstreamFailures {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE = 500;
  // OpenAI-style keys, bearer tokens and key=value secrets: upstream errors sometimes echo what they were sent.
  private static final List<Pattern> SECRETS = List.of(
      Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/=-]+"),
      Pattern.compile("\\b(sk|pk|rk)-[A-Za-z0-9_-]{8,}"),
      Pattern.compile("(?i)(api[_-]?key|token|secret|password)([\"']?\\s*[:=]\\s*[\"']?)[^\\s\"',}]+"));

  /** How much of an upstream's answer a failure's message may repeat. */
  public enum Disclosure {
    /**
     * A server the engine was configured with: the upstream's own error message (shortened, credentials
     * removed) is kept, because it tells the operator what to fix.
     */
    MESSAGE,
    /**
     * A server the caller chose (its own model endpoint): the status and a generic reason only. Error bodies,
     * stream excerpts and transport details are never repeated, because the "server" may be an internal service
     * the caller wants to read through the engine's error messages.
     */
    STATUS_ONLY
  }

  private UpstreamFailures() {}

  /**
   * The API exception for a failure of backend {@code backend}.
   *
   * @param disclosure how much of the upstream's answer the message may repeat
   * @param secret a credential that must never appear in the message (the API key), or {@code null}
   */
  public static ChatEngineException map(String backend, Throwable failure, Disclosure disclosure,
      @Nullable String secret) {
    if (failure instanceof ChatEngineException e) {
      return e;
    }
    boolean full = disclosure == Disclosure.MESSAGE;
    UpstreamStatusException http = find(failure, UpstreamStatusException.class);
    if (http != null) {
      int status = http.status();
      String message = full
          ? "model backend '" + backend + "' answered HTTP " + status + ": " + clean(errorMessage(http.body()), secret)
          : "model backend '" + backend + "': the model endpoint answered HTTP " + status + " (" + reason(status) + ")";
      // The cause keeps Retry-After (see retryAfter); for a caller's endpoint, without the body.
      return new ModelInvocationException(typeOf(status), message, status, full ? failure : http.withoutBody());
    }
    StreamProtocolException protocol = find(failure, StreamProtocolException.class);
    if (protocol != null) {
      String excerpt = protocol.excerpt();
      return new ModelInvocationException(ErrorType.BACKEND_ERROR, "model backend '" + backend + "': "
          + protocol.getMessage() + (full && excerpt != null ? ": " + clean(excerpt, secret) : ""), 0, protocol);
    }
    if (find(failure, HttpConnectTimeoutException.class) != null) {
      return unavailable(ErrorType.TIMEOUT, backend, "connect timed out", failure);
    }
    if (find(failure, HttpTimeoutException.class) != null) {
      return unavailable(ErrorType.TIMEOUT, backend, "no response in time", failure);
    }
    if (find(failure, ConnectException.class) != null || find(failure, UnresolvedAddressException.class) != null) {
      return unavailable(ErrorType.BACKEND_UNAVAILABLE, backend, "cannot connect", failure);
    }
    if (find(failure, IOException.class) != null) {
      // Connection reset or closed by the peer: transient, worth a retry if nothing reached the caller yet.
      return unavailable(ErrorType.BACKEND_UNAVAILABLE, backend, "connection failed"
          + (full ? " (" + clean(rootMessage(failure), secret) + ")" : ""), failure);
    }
    return new ModelInvocationException(ErrorType.BACKEND_ERROR, "model backend '" + backend + "' failed"
        + (full ? ": " + clean(rootMessage(failure), secret) : ""), 0, failure);
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

  /** A failure's {@code Retry-After}, if the upstream sent one (looked up along the cause chain). */
  public static @Nullable Duration retryAfter(Throwable failure) {
    UpstreamStatusException http = find(failure, UpstreamStatusException.class);
    return http == null ? null : http.retryAfter();
  }

  /** Removes credentials and whitespace runs, and shortens a message to 500 characters. */
  public static String clean(@Nullable String message, @Nullable String secret) {
    String text = message == null ? "" : message;
    if (secret != null && !secret.isBlank()) {
      text = text.replace(secret, "***");
    }
    for (Pattern p : SECRETS) {
      text = p.matcher(text).replaceAll(m -> m.groupCount() >= 2 && m.group(2) != null
          ? Matcher.quoteReplacement(m.group(1) + m.group(2) + "***") : "***");
    }
    text = text.strip().replaceAll("\\s+", " ");
    return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "..." : text;
  }

  /** The standard reason phrase of a status, or its class ("client error", "server error"). */
  static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 413 -> "Content Too Large";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> status >= 500 ? "server error" : status >= 400 ? "client error" : "unexpected status";
    };
  }

  /**
   * The message of an upstream error body: OpenAI's {@code {"error":{"message":...}}}, Ollama's
   * {@code {"error":"..."}}, FastAPI's {@code {"detail":"..."}}, else the body itself.
   */
  public static String errorMessage(String body) {
    if (body.isBlank()) {
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

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
  }

  /** The first throwable of {@code type} along the cause chain of {@code failure}. */
  public static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
