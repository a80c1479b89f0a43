package dev.confidant.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * {@link ConversationCostBenchmark} measured in thread CPU time instead of JMH's wall clock, for a shared machine
 * where other processes' load moves wall-clock times by several times: for each combination, a warm-up, then
 * {@code turn} and {@code baseline} each for the given seconds on a fresh conversation thread, and their difference
 * (what pseudonymization costs per turn), in CPU milliseconds and in KB allocated per turn (the allocation does not
 * move with other processes' load at all). Not JMH: one JVM for all combinations, so later ones run on warmer code;
 * list a combination twice to see the order effect. With {@code turnsPerThread} a conversation thread takes at most
 * that many measured turns before the next one starts (its first turn, the history sent once, is not measured), so
 * that with {@code newValue=yes} the vault holds the history's values plus at most that many new ones, as a
 * conversation of that length would; {@code 0} (the default) keeps one thread per measurement, whose vault grows by
 * a value per turn for as long as it runs.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *   dev.confidant.benchmarks.ConversationTurnCpu [on,off] [1,10,40,160] [seconds=5] [no,yes] [turnsPerThread=0]
 * </pre>
 */
public final class ConversationTurnCpu {
  private ConversationTurnCpu() {}

  /**
   * Runs the combinations of cache settings, message counts and new-value settings.
   *
   * @param args cache settings ({@code on,off}), message counts, seconds per measurement, new-value settings, measured
   *     turns per conversation thread ({@code 0}: one thread per measurement)
   */
  public static void main(String[] args) {
    String[] caches = (args.length > 0 ? args[0] : "on,off").split(",");
    String[] counts = (args.length > 1 ? args[1] : "1,10,40,160").split(",");
    long seconds = args.length > 2 ? Long.parseLong(args[2]) : 5;
    String[] newValues = (args.length > 3 ? args[3] : "no,yes").split(",");
    int perThread = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.ThreadMXBean allocation = (com.sun.management.ThreadMXBean) threads;
    System.out.println("newValue\tcache\tmessages\tturn_ms\tbaseline_ms\tpseudonymization_ms\tturns"
        + "\tturn_kb\tbaseline_kb\tpseudonymization_kb");
    for (String newValue : newValues) {
      for (String cache : caches) {
        for (String count : counts) {
          ConversationCostBenchmark b = new ConversationCostBenchmark();
          b.cache = cache;
          b.messages = Integer.parseInt(count);
          b.newValue = newValue;
          b.setUp();
          b.newThread();
          long end = System.nanoTime() + seconds * 1_000_000_000L / 2;
          while (System.nanoTime() < end) {
            b.turn();
            b.baseline();
          }
          double[] ms = new double[2];
          double[] kb = new double[2];
          int turns = 0;
          for (int k = 0; k < 2; k++) {
            long cpu = 0;
            long bytes = 0;
            int n = 0;
            end = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
              b.newThread(); // not measured: the history sent once on a new thread
              long allocated = allocation.getCurrentThreadAllocatedBytes();
              long start = threads.getCurrentThreadCpuTime();
              for (int t = 0; (perThread == 0 || t < perThread) && System.nanoTime() < end; t++) {
                if (k == 0) {
                  b.turn();
                } else {
                  b.baseline();
                }
                n++;
              }
              cpu += threads.getCurrentThreadCpuTime() - start;
              bytes += allocation.getCurrentThreadAllocatedBytes() - allocated;
            }
            ms[k] = cpu / 1e6 / n;
            kb[k] = bytes / 1024.0 / n;
            turns = k == 0 ? n : turns;
          }
          b.tearDown();
          System.out.printf(Locale.ROOT, "%s\t%s\t%s\t%.2f\t%.2f\t%.2f\t%d\t%.0f\t%.0f\t%.0f%n", newValue, cache,
              count, ms[0], ms[1], ms[0] - ms[1], turns, kb[0], kb[1], kb[0] - kb[1]);
        }
      }
    }
  }
}
