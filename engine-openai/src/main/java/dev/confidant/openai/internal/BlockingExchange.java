package dev.confidant.openai.internal;

import static java.util.Objects.requireNonNull;

import dev.confidant.core.remote.UpstreamExchange;
import dev.confidant.core.remote.UpstreamStatusException;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1ClientRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One exchange with a model server over Helidon's blocking HTTP/1.1 client, made by the thread that reads it: the
 * request is sent and the response head read in {@link #body()}, on the caller's thread, so that no selector thread
 * hands bytes over to it (the JDK client's hand-offs cost about a quarter of a gateway request's CPU). A status
 * outside 2xx becomes an {@link UpstreamStatusException} with {@code Retry-After} and at most
 * {@value UpstreamExchange#MAX_ERROR_BODY} bytes of the body. {@link #cancel()} may come from any thread: it closes
 * the response being read, or interrupts a virtual thread waiting for the response head (a virtual thread's socket
 * read ends when it is interrupted); a platform thread waiting for the head waits at most the request's read
 * timeout. Thread-safe; {@link #body()} is for one reader.
 */
final class BlockingExchange implements Exchange {
  /** The most bytes read after a complete answer to keep the connection. */
  static final int MAX_TAIL = 4096;
  private final Http1ClientRequest request;
  private final byte[] entity;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable Thread waiting; // the thread blocked on the response head, while it is
  private @Nullable HttpClientResponse response;
  private volatile boolean cancelled;

  /**
   * @param request the request, with its headers and read timeout; sent by {@link #body()}
   * @param entity the request body
   * @param clock reads {@code Retry-After} dates
   */
  BlockingExchange(Http1ClientRequest request, byte[] entity, Clock clock) {
    this.request = requireNonNull(request, "request");
    this.entity = requireNonNull(entity, "entity");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Sends the request, waits for the response head and returns the body of a 2xx response, for the caller to read
   * and close.
   *
   * @throws UpstreamStatusException for any other status
   * @throws IOException if the exchange failed, timed out waiting for the head, or was cancelled
   */
  @Override
  public InputStream body() throws IOException {
    lock.lock();
    try {
      if (cancelled) {
        throw new IOException("the exchange was cancelled");
      }
      waiting = Thread.currentThread();
    } finally {
      lock.unlock();
    }
    HttpClientResponse head;
    try {
      head = request.submit(entity);
    } catch (UncheckedIOException e) {
      throw cancelled ? new IOException("the exchange was cancelled", e) : timeoutOr(e.getCause());
    } catch (RuntimeException e) {
      throw cancelled ? new IOException("the exchange was cancelled", e)
          : e.getCause() instanceof IOException io ? timeoutOr(io) : new IOException(e.getMessage(), e);
    } finally {
      lock.lock();
      try {
        waiting = null;
        if (cancelled) {
          Thread.interrupted(); // the interrupt was cancel()'s, meant for the wait that just ended
        }
      } finally {
        lock.unlock();
      }
    }
    lock.lock();
    try {
      response = head;
    } finally {
      lock.unlock();
    }
    if (cancelled) {
      head.close();
      throw new IOException("the exchange was cancelled");
    }
    int status = head.status().code();
    if (status < 200 || status > 299) {
      String text;
      try (InputStream in = head.inputStream()) {
        text = new String(in.readNBytes(UpstreamExchange.MAX_ERROR_BODY), StandardCharsets.UTF_8);
      } catch (IOException | UncheckedIOException unreadable) {
        text = "";
      } finally {
        head.close();
      }
      throw new UpstreamStatusException(status, text, UpstreamExchange.retryAfter(
          head.headers().first(HeaderNames.RETRY_AFTER).orElse(null), clock));
    }
    return head.inputStream();
  }

  /**
   * Ends an exchange whose answer is complete: reads what is left of the body (the end of a chunked body after the
   * last event, at most {@value #MAX_TAIL} bytes), so that the connection goes back to the client's cache, then
   * closes the response. Called by the reader.
   */
  @Override
  public void finish() {
    HttpClientResponse open = response;
    if (open != null && !cancelled) {
      try (InputStream in = open.inputStream()) {
        in.readNBytes(MAX_TAIL);
      } catch (IOException | RuntimeException ignored) {
        // the connection is closed instead of kept
      }
    }
    cancel();
  }

  /** Stops the exchange: closes the response being read, or ends a virtual thread's wait for the head. Idempotent. */
  @Override
  public void cancel() {
    lock.lock();
    try {
      cancelled = true;
      Thread thread = waiting;
      if (thread != null && thread != Thread.currentThread() && thread.isVirtual()) {
        thread.interrupt();
      }
      HttpClientResponse open = response;
      if (open != null) {
        open.close();
      }
    } finally {
      lock.unlock();
    }
  }

  /** A socket timeout while waiting for the head is the request's timeout ({@link HttpTimeoutException}). */
  private static IOException timeoutOr(IOException e) {
    if (e instanceof SocketTimeoutException) {
      HttpTimeoutException timeout = new HttpTimeoutException("no response head within the read timeout");
      timeout.initCause(e);
      return timeout;
    }
    return e;
  }
}
