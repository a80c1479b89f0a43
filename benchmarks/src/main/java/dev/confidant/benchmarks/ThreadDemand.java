package dev.confidant.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many cores this process's threads asked for over an interval, whatever the machine's load: from Linux's
 * {@code /proc/self/task/TID/schedstat}, the nanoseconds each thread ran and the nanoseconds it waited runnable in
 * a run queue. Their sum over the threads divided by the wall time is the process's <em>demand</em>, the average
 * number of its threads that were running or ready to run: on an idle machine it is the cores the process keeps busy
 * (at most the machine's), on a loaded one the cores it would keep busy if it got them. A pipeline with a serial
 * stage shows it as a demand near 1 however many threads it has. Native threads (ONNX Runtime's) are counted too.
 *
 * <p>Threads are grouped by name without trailing digits ({@code confidant-rag-e}, as the kernel keeps the first 15
 * characters). A thread that ends during the interval drops out of the sums; the caller keeps its pools alive across
 * the interval. Linux only: elsewhere {@link #snapshot()} is empty and the demand reads 0.
 */
final class ThreadDemand {
  /** Run and wait nanoseconds per thread id, and the threads' names. */
  private final Map<String, long[]> byThread;
  private final Map<String, String> names;
  private final long wallNanos;

  private ThreadDemand(Map<String, long[]> byThread, Map<String, String> names, long wallNanos) {
    this.byThread = byThread;
    this.names = names;
    this.wallNanos = wallNanos;
  }

  /** The run and wait times of every thread of this process now. */
  static ThreadDemand snapshot() {
    Map<String, long[]> times = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        try {
          String[] f = Files.readString(task.resolve("schedstat")).strip().split(" ");
          String tid = task.getFileName().toString();
          times.put(tid, new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])});
          names.put(tid, Files.readString(task.resolve("comm")).strip());
        } catch (IOException | RuntimeException ended) {
          // The thread ended while we looked.
        }
      }
    } catch (IOException notLinux) {
      // No /proc: empty.
    }
    return new ThreadDemand(times, names, System.nanoTime());
  }

  /**
   * One line: the demand (running + runnable threads on average) and the CPU of the busiest thread groups since
   * {@code start}, e.g. {@code demand 1.93 (cpu 1.41 + waiting 0.52) | confidant-rag-e 88% ...}.
   */
  String since(ThreadDemand start) {
    double wall = wallNanos - start.wallNanos;
    long run = 0;
    long wait = 0;
    Map<String, Long> groups = new TreeMap<>();
    for (Map.Entry<String, long[]> e : byThread.entrySet()) {
      long[] before = start.byThread.getOrDefault(e.getKey(), new long[2]);
      long r = e.getValue()[0] - before[0];
      long w = e.getValue()[1] - before[1];
      run += r;
      wait += w;
      String group = names.get(e.getKey()).replaceAll("[-_# ]*[0-9]+$", "");
      groups.merge(group, r, Long::sum);
    }
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "demand %.2f threads (running %.2f + runnable waiting %.2f) |", (run + wait) / wall, run / wall,
        wait / wall));
    long total = Math.max(1, run);
    groups.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(6)
        .forEach(g -> out.append(String.format(Locale.ROOT, " %s %.0f%%", g.getKey(), 100.0 * g.getValue() / total)));
    return out.toString();
  }
}
