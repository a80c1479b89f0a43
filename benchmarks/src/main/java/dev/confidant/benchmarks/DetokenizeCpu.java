package dev.confidant.benchmarks;

import dev.confidant.pii.internal.mapping.PlaceholderLookup;
import dev.confidant.pii.internal.token.Detokenizer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * {@link TokenMappingBenchmark#detokenize} measured in thread CPU time instead of JMH's wall clock, for a shared
 * machine where other processes' load moves wall-clock times by several times: the same data (message sizes and
 * mapping sizes of {@link TokenMappingBenchmark.Data}), then rounds of detokenizing for the given seconds, each
 * reported as MB/s of message per CPU second (1 MB = 10^6 bytes; the messages are ASCII, so bytes = chars). Not
 * JMH: one JVM for all combinations; the first round of each is a warm-up.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.confidant.benchmarks.DetokenizeCpu [65536] [10,1000,100000] [seconds=3] [rounds=4]
 * </pre>
 */
public final class DetokenizeCpu {
  private DetokenizeCpu() {}

  /**
   * Runs the combinations.
   *
   * @param args message sizes in bytes, mapping sizes, seconds per round, rounds (the first is a warm-up)
   */
  public static void main(String[] args) {
    String[] sizes = (args.length > 0 ? args[0] : "65536").split(",");
    String[] entries = (args.length > 1 ? args[1] : "10,1000,100000").split(",");
    long seconds = args.length > 2 ? Long.parseLong(args[2]) : 3;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 4;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.out.println("message_bytes\tentries\tround\tmb_per_cpu_s\tcalls");
    long sink = 0;
    for (String size : sizes) {
      for (String count : entries) {
        TokenMappingBenchmark.Data data = new TokenMappingBenchmark.Data();
        data.messageBytes = Integer.parseInt(size);
        data.mappingEntries = Integer.parseInt(count);
        data.setUp();
        String text = data.maskedText;
        PlaceholderLookup lookup = data.seeded.lookup();
        for (int round = 0; round < rounds; round++) {
          long start = threads.getCurrentThreadCpuTime();
          long end = System.nanoTime() + seconds * 1_000_000_000L;
          int calls = 0;
          while (System.nanoTime() < end) {
            sink += Detokenizer.detokenize(text, lookup).length();
            calls++;
          }
          double cpuSeconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
          System.out.printf(Locale.ROOT, "%s\t%s\t%s\t%.0f\t%d%n", size, count, round == 0 ? "warm-up" : round,
              (double) text.length() * calls / cpuSeconds / 1e6, calls);
        }
      }
    }
    if (sink == 42) {
      System.out.println(); // keeps the results alive
    }
  }
}
