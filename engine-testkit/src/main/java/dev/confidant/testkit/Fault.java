package dev.confidant.testkit;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** What the {@link FakeModelServer} does wrong with one request. */
public sealed interface Fault {
  /** Answers normally. */
  record None() implements Fault {}

  /** Waits before sending the status line and headers. */
  record SlowFirstByte(Duration delay) implements Fault {}

  /**
   * Answers an error status with a protocol-shaped error body carrying {@code message}, or with {@code body}
   * verbatim when it is set, and {@code Retry-After} when given.
   */
  record Status(int code, @Nullable String retryAfter, String message, @Nullable String body) implements Fault {
    /** A protocol-shaped error body. */
    public Status(int code, @Nullable String retryAfter, String message) {
      this(code, retryAfter, message, null);
    }
  }

  /** Sends {@code events} events, then drops the connection without ending the chunked body. */
  record ResetMidStream(int events) implements Fault {}

  /** Sends {@code events} events, then a line that is not JSON, then carries on. */
  record MalformedJson(int events) implements Fault {}

  /**
   * Sends {@code events} events, then one event with {@code data} as it is (an error object, a non-chunk), then
   * ends the body there when {@code last} or carries on.
   */
  record RawEvent(int events, String data, boolean last) implements Fault {}

  /** Sends {@code events} events, then ends the body properly but without the stream's terminator. */
  record Truncated(int events) implements Fault {}

  /** Sends {@code events} events, then stalls for {@code delay} before the rest. */
  record StallAfter(int events, Duration delay) implements Fault {}

  /** No fault. */
  static Fault none() {
    return new None();
  }
}
