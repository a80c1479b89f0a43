package dev.confidant.core.remote;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * One streamed HTTP exchange with a model server over {@code java.net.http}: sent at once, its response read
 * by whoever calls {@link #body()}, cancellable from any thread. A status outside 2xx becomes an
 * {@link UpstreamStatusException} with {@code Retry-After} and at most {@value #MAX_ERROR_BODY} bytes of the body.
 * The request's own {@link HttpRequest#timeout() timeout} bounds the wait for the response head. Thread-safe;
 * {@link #body()} is for one reader.
 *
 * {@snippet class=dev.confidant.core.remote.RemoteSnippets region=exchange}
 */
public final class UpstreamExchange {
  /** The most bytes of an error body that are read. */
  public static final int MAX_ERROR_BODY = 64 * 1024;

  private final CompletableFuture<HttpResponse<InputStream>> response;
  private final Clock clock;
  private volatile @Nullable InputStream body;
  private volatile boolean cancelled;

  private UpstreamExchange(CompletableFuture<HttpResponse<InputStream>> response, Clock clock) {
    this.response = response;
    this.clock = clock;
  }

  /**
   * Sends a request.
   *
   * @param clock reads {@code Retry-After} dates
   */
  public static UpstreamExchange send(HttpClient http, HttpRequest request, Clock clock) {
    return new UpstreamExchange(http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()),
        requireNonNull(clock, "clock"));
  }

  /**
   * Waits for the response head and returns the body of a 2xx response, for the caller to read and close.
   *
   * @throws UpstreamStatusException for any other status
   * @throws IOException if the exchange failed, timed out waiting for the head, or was cancelled
   * @throws InterruptedException if the waiting thread was interrupted
   */
  public InputStream body() throws IOException, InterruptedException {
    HttpResponse<InputStream> head;
    try {
      head = response.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
    } catch (CancellationException e) {
      throw new IOException("the exchange was cancelled", e);
    }
    InputStream in = head.body();
    body = in;
    if (cancelled) { // cancel() may have run before body was set: it could not close it
      closeQuietly(in);
      throw new IOException("the exchange was cancelled");
    }
    int status = head.statusCode();
    if (status < 200 || status > 299) {
      String text;
      try (in) {
        text = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
      } catch (IOException unreadable) {
        text = "";
      }
      throw new UpstreamStatusException(status, text,
          retryAfter(head.headers().firstValue("Retry-After").orElse(null), clock));
    }
    return in;
  }

  /** Stops the exchange: aborts a pending request or closes the body being read. Idempotent. */
  public void cancel() {
    cancelled = true;
    response.cancel(true);
    closeQuietly(body);
  }

  /** Whether {@link #cancel()} was called. */
  public boolean cancelled() {
    return cancelled;
  }

  /**
   * A {@code Retry-After} value: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
   *
   * @return the delay (never negative), or {@code null} when absent or unreadable
   */
  public static @Nullable Duration retryAfter(@Nullable String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(clock.instant(), at.toInstant());
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException garbage) {
        return null;
      }
    }
  }

  private static void closeQuietly(@Nullable InputStream in) {
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // closing to cancel: nothing left to do
      }
    }
  }
}
