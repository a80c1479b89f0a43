package dev.confidant.server.internal.store;

import dev.confidant.api.StorageException;
import dev.confidant.server.UsageCounters;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@link UsageCounters} in a map, written through to {@code usage-counters.log} (one line {@code key window amount}
 * per change) when a directory is given. On open the log is replayed and rewritten with one line per counter, so it
 * holds the counters of all windows seen last, at most two per key (the current and the previous window), and
 * never grows beyond one line per change since the last start. Keys must not contain whitespace. Synchronized;
 * adding costs a map update and, with a file, one short buffered write that is flushed at once (not forced to disk:
 * a crash may lose the last changes, a restart never).
 */
public final class FileUsageCounters implements UsageCounters {
  private static final String FILE = "usage-counters.log";

  /** key to {window, value} of the latest window, and the previous one. */
  private final Map<String, long[]> counters = new HashMap<>();
  private final @Nullable BufferedWriter log;

  private FileUsageCounters(@Nullable BufferedWriter log) {
    this.log = log;
  }

  /** Counters in memory, written through to {@code dir/usage-counters.log} unless {@code dir} is {@code null}. */
  public static FileUsageCounters open(@Nullable Path dir) {
    if (dir == null) {
      return new FileUsageCounters(null);
    }
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(FILE);
      FileUsageCounters replayed = new FileUsageCounters(null);
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String[] f = line.split(" ");
          if (f.length == 3) { // a torn last line after a crash is skipped
            try {
              replayed.add(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]));
            } catch (NumberFormatException e) {
              // torn line
            }
          }
        }
      }
      Path compacted = dir.resolve(FILE + ".tmp");
      try (BufferedWriter out = Files.newBufferedWriter(compacted, StandardCharsets.UTF_8)) {
        for (Map.Entry<String, long[]> e : replayed.counters.entrySet()) {
          long[] c = e.getValue();
          if (c[2] != Long.MIN_VALUE) {
            out.write(e.getKey() + " " + c[2] + " " + c[3] + "\n");
          }
          out.write(e.getKey() + " " + c[0] + " " + c[1] + "\n");
        }
      }
      Files.move(compacted, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      FileUsageCounters counters = new FileUsageCounters(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
          StandardOpenOption.APPEND));
      counters.counters.putAll(replayed.counters);
      return counters;
    } catch (IOException e) {
      throw new StorageException("cannot open the usage counters under " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized long add(String key, long window, long amount) {
    long[] c = counters.computeIfAbsent(key, k -> new long[] {window, 0, Long.MIN_VALUE, 0});
    long value;
    if (window == c[0]) {
      value = c[1] += amount;
    } else if (window > c[0]) {
      // A new window: the latest becomes the previous one; older ones are forgotten.
      c[2] = c[0];
      c[3] = c[1];
      c[0] = window;
      value = c[1] = amount;
    } else if (window == c[2]) {
      value = c[3] += amount;
    } else {
      return amount; // older than both: nothing counts it any more
    }
    if (log != null) {
      try {
        log.write(key + " " + window + " " + amount + "\n");
        log.flush();
      } catch (IOException e) {
        throw new StorageException("cannot write the usage counters: " + e.getMessage(), e);
      }
    }
    return value;
  }

  @Override
  public synchronized long get(String key, long window) {
    long[] c = counters.get(key);
    if (c == null) {
      return 0;
    }
    return window == c[0] ? c[1] : window == c[2] ? c[3] : 0;
  }

  /** The keys counted (for tests). */
  synchronized List<String> keys() {
    return List.copyOf(counters.keySet());
  }

  @Override
  public synchronized void close() {
    if (log != null) {
      try {
        log.close();
      } catch (IOException e) {
        // Every line was flushed when written.
      }
    }
  }
}
