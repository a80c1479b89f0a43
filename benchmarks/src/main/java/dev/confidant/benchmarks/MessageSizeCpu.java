package dev.confidant.benchmarks;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.RequestContext;
import dev.confidant.api.UserMessage;
import dev.confidant.core.ChatEngines;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.Pseudonymization;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Random;

/**
 * What one request costs against the size of its message, in thread CPU time (a {@code main}, not JMH: JMH's wall
 * clock does not hold still on a shared machine): the whole engine (every discovered stage) over a scripted backend,
 * one user message of {@code size} bytes made of {@link ConversationCostBenchmark#message}'s support chat (names,
 * e-mail addresses, phone numbers, cities), with pseudonymization on ({@code request}) and off ({@code baseline}),
 * the detection cache off so that every request detects its whole message, a new conversation thread per request
 * so that the vault does not grow. The difference is what pseudonymization costs; the baseline is the pipeline
 * and the backend alone.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *   dev.confidant.benchmarks.MessageSizeCpu [256,1024,4096,16384,65536] [seconds=4]
 * </pre>
 *
 * <p>Per size: a warm-up of half the seconds, then each variant for the given seconds; sizes run in the order
 * given in one JVM (list the first one twice to see the warm-up effect).
 */
public final class MessageSizeCpu {
  private MessageSizeCpu() {}

  public static void main(String[] args) {
    String[] sizes = (args.length > 0 ? args[0] : "256,1024,4096,16384,65536").split(",");
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 4;
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    ScriptedModelBackend backend = ScriptedModelBackend.builder()
        .responder(r -> ScriptedReply.chunks("Thanks, ", "[NAME_1]", ", I will ", "check that.")).recordRequests(false)
        .build();
    try (ChatCompletionEngine engine = ChatEngines.builder().addBackend(backend).defaultBackend(backend.name())
        .option(PiiOptions.DETECTION_CACHE_ENTRIES, 0).build()) {
      System.out.println("bytes\trequest_ms\tbaseline_ms\tpseudonymization_ms\trequests\trequest_kb\tbaseline_kb");
      long thread = 0;
      for (String s : sizes) {
        int size = Integer.parseInt(s.strip());
        Random random = new Random(42);
        StringBuilder b = new StringBuilder();
        while (b.length() < size) {
          b.append(ConversationCostBenchmark.message(random, "")).append(' ');
        }
        String text = b.substring(0, size);
        double[] ms = new double[2];
        double[] kb = new double[2];
        int count = 0;
        for (int round = 0; round < 2; round++) {
          for (int k = 0; k < 2; k++) {
            long end = System.nanoTime() + (round == 0 ? seconds * 500_000_000L : seconds * 1_000_000_000L);
            long allocated = threads.getCurrentThreadAllocatedBytes();
            long cpu = threads.getCurrentThreadCpuTime();
            int n = 0;
            while (System.nanoTime() < end) {
              RequestContext context = RequestContext.of("bench", "space_1").withThreadId("t" + thread++);
              if (k == 0) {
                context = context.with(Pseudonymization.KEY, Pseudonymization.ON);
              }
              engine.complete(ChatCompletionRequest.of("bench", new UserMessage(text)), context);
              n++;
            }
            if (round == 1) {
              ms[k] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / n;
              kb[k] = (threads.getCurrentThreadAllocatedBytes() - allocated) / 1024.0 / n;
              count = k == 0 ? n : count;
            }
          }
        }
        System.out.printf(Locale.ROOT, "%d\t%.3f\t%.3f\t%.3f\t%d\t%.0f\t%.0f%n", size, ms[0], ms[1], ms[0] - ms[1],
            count, kb[0], kb[1]);
      }
    }
  }
}
