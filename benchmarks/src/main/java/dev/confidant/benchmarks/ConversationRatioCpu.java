package dev.confidant.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The ratio of issue 19 item 2 (pseudonymization's cost per turn at {@code long} messages against 1 message) in
 * thread CPU time, with the two conversations' turns interleaved one by one in one thread, so that both sides of the
 * ratio see the same moments of a shared machine's load: {@link ConversationTurnCpu} measures each side in its own
 * seconds-long window, and at load 20-35 two windows differed by more than the change being measured. Each round
 * takes one turn and one baseline turn (pseudonymization off) of each conversation, in alternating order, and
 * charges each its own thread CPU time; a conversation thread takes at most {@code turnsPerThread} measured turns
 * (its first turn, the history sent once, is not measured), as {@link ConversationTurnCpu} does. Prints, per block of
 * rounds, the CPU ms per turn of each side and the ratio of their pseudonymization costs; the last line sums all
 * blocks after the first (a warm-up). Not JMH.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *   dev.confidant.benchmarks.ConversationRatioCpu [long=160] [seconds=60] [newValue=yes] [turnsPerThread=100]
 * </pre>
 */
public final class ConversationRatioCpu {
  private ConversationRatioCpu() {}

  /**
   * Runs the interleaved turns.
   *
   * @param args messages of the long conversation, seconds in all, new value per turn ({@code yes}/{@code no}),
   *     measured turns per conversation thread
   */
  public static void main(String[] args) {
    int longMessages = args.length > 0 ? Integer.parseInt(args[0]) : 160;
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 60;
    String newValue = args.length > 2 ? args[2] : "yes";
    int perThread = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    ConversationCostBenchmark[] sides = {side(longMessages, newValue), side(1, newValue)};
    // [side][turn, baseline]: CPU nanoseconds and calls, per block and in all (blocks after the first)
    long[][] cpu = new long[2][2];
    long[][] all = new long[2][2];
    int[] turns = new int[2];
    int[] allTurns = new int[2];
    int[] sinceNew = new int[2];
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long blockEnd = System.nanoTime() + 5_000_000_000L;
    int block = 0;
    System.out.println("block\tlong_turn_ms\tlong_baseline_ms\tshort_turn_ms\tshort_baseline_ms\tturns\tratio");
    for (long round = 0; System.nanoTime() < end; round++) {
      for (int k = 0; k < 2; k++) {
        int s = (int) ((round + k) % 2); // alternate which side goes first
        if (sinceNew[s] == perThread) {
          sides[s].newThread();
          sinceNew[s] = 0;
        }
        long t0 = threads.getCurrentThreadCpuTime();
        sides[s].turn();
        long t1 = threads.getCurrentThreadCpuTime();
        sides[s].baseline();
        long t2 = threads.getCurrentThreadCpuTime();
        cpu[s][0] += t1 - t0;
        cpu[s][1] += t2 - t1;
        turns[s]++;
        sinceNew[s]++;
      }
      if (System.nanoTime() >= blockEnd) {
        print(Integer.toString(block), cpu, turns);
        if (block > 0) {
          for (int s = 0; s < 2; s++) {
            all[s][0] += cpu[s][0];
            all[s][1] += cpu[s][1];
            allTurns[s] += turns[s];
          }
        }
        cpu = new long[2][2];
        turns = new int[2];
        block++;
        blockEnd = System.nanoTime() + 5_000_000_000L;
      }
    }
    print("all", all, allTurns);
    for (ConversationCostBenchmark side : sides) {
      side.tearDown();
    }
  }

  private static ConversationCostBenchmark side(int messages, String newValue) {
    ConversationCostBenchmark b = new ConversationCostBenchmark();
    b.cache = "on";
    b.messages = messages;
    b.newValue = newValue;
    b.setUp();
    b.newThread();
    return b;
  }

  private static void print(String block, long[][] cpu, int[] turns) {
    if (turns[0] == 0 || turns[1] == 0) {
      return;
    }
    double[] ms = new double[4];
    for (int s = 0; s < 2; s++) {
      ms[2 * s] = cpu[s][0] / 1e6 / turns[s];
      ms[2 * s + 1] = cpu[s][1] / 1e6 / turns[s];
    }
    System.out.printf(Locale.ROOT, "%s\t%.3f\t%.3f\t%.3f\t%.3f\t%d\t%.2f%n", block, ms[0], ms[1], ms[2], ms[3], turns[0],
        (ms[0] - ms[1]) / (ms[2] - ms[3]));
  }
}
