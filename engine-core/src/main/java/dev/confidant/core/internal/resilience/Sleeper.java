package dev.confidant.core.internal.resilience;

import java.time.Duration;

/** Waits between attempts; tests substitute one that records the delays instead of sleeping. Thread-safe. */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps with {@link Thread#sleep(Duration)}. */
  Sleeper SYSTEM = Thread::sleep;

  /**
   * Waits for {@code delay}.
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration delay) throws InterruptedException;
}
