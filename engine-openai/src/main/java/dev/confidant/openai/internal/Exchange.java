package dev.confidant.openai.internal;

import dev.confidant.core.remote.UpstreamExchange;
import java.io.IOException;
import java.io.InputStream;

/**
 * One HTTP exchange with the model server, as {@link SseCompletionStream} reads it: {@link #body()} for one reader,
 * {@link #cancel()} from any thread.
 */
interface Exchange {
  /**
   * Waits for the response head and returns the body of a 2xx response, for the caller to read and close.
   *
   * @throws dev.confidant.core.remote.UpstreamStatusException for any other status
   * @throws IOException if the exchange failed, timed out waiting for the head, or was cancelled
   * @throws InterruptedException if the waiting thread was interrupted
   */
  InputStream body() throws IOException, InterruptedException;

  /** Ends an exchange whose answer is complete (called by the reader): keeps the connection where it can. */
  void finish();

  /** Stops the exchange: aborts a pending request or closes the body being read. Idempotent. */
  void cancel();

  /** An exchange over {@code java.net.http}. */
  static Exchange of(UpstreamExchange exchange) {
    return new Exchange() {
      @Override
      public InputStream body() throws IOException, InterruptedException {
        return exchange.body();
      }

      @Override
      public void finish() {
        exchange.cancel();
      }

      @Override
      public void cancel() {
        exchange.cancel();
      }
    };
  }
}
