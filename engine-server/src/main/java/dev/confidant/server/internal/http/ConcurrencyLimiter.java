package dev.confidant.server.internal.http;

import dev.confidant.server.ServerConfig;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds the completions running at once, with a bounded queue in front: a request that finds the queue full, or
 * waits longer than the queue timeout, is answered 429 with {@code Retry-After}. Thread-safe.
 *
 * <p>Two semaphores rather than an executor: requests already run on Helidon's virtual threads, so waiting is
 * cheap, and what must be bounded is the number of model calls (memory, backend load) and of waiters.
 */
final class ConcurrencyLimiter {
  private final Semaphore admitted;
  private final Semaphore running;
  private final long queueTimeoutMillis;
  private final String retryAfter;

  ConcurrencyLimiter(ServerConfig.Limits limits) {
    this.admitted = new Semaphore(limits.maxConcurrentRequests() + limits.maxQueuedRequests());
    this.running = new Semaphore(limits.maxConcurrentRequests(), true);
    this.queueTimeoutMillis = limits.queueTimeoutMillis();
    this.retryAfter = Integer.toString(limits.retryAfterSeconds());
  }

  /** A held slot; closing it frees the slot. Idempotent, callable from any thread. */
  final class Permit implements AutoCloseable {
    private final AtomicBoolean released = new AtomicBoolean();

    @Override
    public void close() {
      if (released.compareAndSet(false, true)) {
        running.release();
        admitted.release();
      }
    }
  }

  /**
   * Waits for a slot.
   *
   * @throws HttpProblem 429 if the queue is full or the wait times out
   */
  Permit acquire() {
    if (!admitted.tryAcquire()) {
      throw tooMany();
    }
    boolean acquired = false;
    try {
      acquired = running.tryAcquire(queueTimeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (!acquired) {
        admitted.release();
      }
    }
    if (!acquired) {
      throw tooMany();
    }
    return new Permit();
  }

  private HttpProblem tooMany() {
    return new HttpProblem(429, ErrorBody.of(429, "Too many concurrent requests; retry later"),
        Map.of("Retry-After", retryAfter));
  }
}
