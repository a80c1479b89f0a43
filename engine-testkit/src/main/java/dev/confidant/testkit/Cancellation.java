package dev.confidant.testkit;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.CompletionStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Measures how promptly a closed stream stops its backend, and finds threads it left behind. Cancellation tests
 * take a snapshot of the live threads, start and close a stream, measure with {@link #awaitStop} the time from
 * {@code close()} until the backend reports that it stopped, and then check {@link #leftoverThreads}.
 *
 * {@snippet class=dev.confidant.testkit.TestkitSnippets region=cancellation}
 *
 * <p>Only platform threads are visible to {@link Thread#getAllStackTraces()}; virtual threads are checked by the
 * test through the backend's own signal (a counter of running generations, a captured thread it joins). Stateless
 * and thread-safe.
 */
public final class Cancellation {
  /**
   * Threads the JDK, the build and virtual-thread scheduling start on their own and keep: never a backend's leak.
   * The JDK HTTP client's selector belongs to a client that lives as long as its backend, so tests take their
   * snapshot after a first request.
   */
  private static final Pattern JDK_COMMON = Pattern.compile(
      "ForkJoinPool\\.commonPool-(worker-\\d+|delayScheduler)|ForkJoinPool-\\d+-(worker-\\d+|delayScheduler)|"
          + "(Read|Write)-Poller|"
          + "VirtualThread-un(parker|blocker)|Common-Cleaner|Reference Handler|Finalizer|Signal Dispatcher|"
          + "Attach Listener|"
          + "Notification Thread|process reaper|surefire-forkedjvm-.*|JFR .*|C[12] CompilerThread\\d+|"
          + "Monitor Deflation Thread|Service Thread|InnocuousThread-\\d+|Cleaner-\\d+|junit-timeout-thread-\\d+");

  private Cancellation() {}

  /**
   * Reads chunks until one carries content (a stream caught mid-generation) and returns it.
   *
   * @throws AssertionError if the stream ends first
   */
  public static ChatCompletionChunk untilContent(CompletionStream stream) {
    for (ChatCompletionChunk chunk = stream.next(); chunk != null; chunk = stream.next()) {
      if (chunk.choices().stream().anyMatch(c -> c.delta().content() != null && !c.delta().content().isEmpty())) {
        return chunk;
      }
    }
    throw new AssertionError("the stream ended before a chunk with content");
  }

  /** The platform threads alive now. */
  public static Set<Thread> liveThreads() {
    return Set.copyOf(Thread.getAllStackTraces().keySet());
  }

  /**
   * Waits until {@code stopped} holds, polling every 0.1 ms, and returns the time since {@code closedAtNanos}
   * (a {@link System#nanoTime()} taken just before {@code close()}).
   *
   * @throws AssertionError if it does not hold within {@code limit}
   */
  public static Duration awaitStop(long closedAtNanos, BooleanSupplier stopped, Duration limit) {
    long deadline = closedAtNanos + limit.toNanos();
    while (!stopped.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the backend did not stop within " + limit.toMillis() + " ms of close()");
      }
      try {
        Thread.sleep(0, 100_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for the backend to stop", e);
      }
    }
    return Duration.ofNanos(System.nanoTime() - closedAtNanos);
  }

  /**
   * The platform threads alive now that were not in {@code before} and are not the JDK's own, after giving them
   * {@code grace} to end.
   */
  public static List<Thread> leftoverThreads(Set<Thread> before, Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    List<Thread> left;
    do {
      left = new ArrayList<>();
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.isAlive() && !before.contains(t) && !JDK_COMMON.matcher(t.getName()).matches()) {
          left.add(t);
        }
      }
      if (left.isEmpty()) {
        return left;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return left;
      }
    } while (System.nanoTime() < deadline);
    return left;
  }
}
