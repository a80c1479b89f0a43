package dev.confidant.tools.pii.eval;

import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.internal.recognize.Analyzer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How detection cost grows with the message: thread CPU time (not wall time, which a loaded machine inflates) of
 * {@link Analyzer#recognize} and {@link Analyzer#merge} on messages of 256 B to 64 KB built from the chat sentences of
 * {@code PiiDetectionBenchmark} ({@code new Random(42)}), rules only and with the name model, the best of several
 * rounds. A linear detector keeps the "per KB" column flat.
 * {@snippet lang=shell :
 * java -cp <tools classpath> dev.confidant.tools.pii.eval.DetectionScaling
 * }
 */
public final class DetectionScaling {
  private DetectionScaling() {}

  /** The chat sentences of {@code PiiDetectionBenchmark}. */
  private static final List<String> SENTENCES = List.of(
      "Hi, my name is Jonas Bauer and I need help with my account.",
      "Please call Maria Fernández at +34 612 345 678 tomorrow morning.",
      "I moved from 12 Baker Street, London NW1 6XE to Kungsgatan 14, 111 43 Stockholm last month.",
      "Can you send the invoice to anna.weber@example.org before Friday?",
      "Guten Tag, ich bin Jürgen Müller und wohne in der Hauptstraße 5, 80331 München.",
      "Bonjour, je m'appelle Claire Dubois et j'habite 8 rue de Rivoli à Paris.",
      "Ciao, sono Giulia Rossi di Milano, il mio numero è 347 123 4567.",
      "Hallo, ik ben Pieter de Vries uit Utrecht en mijn klantnummer is 4711.",
      "The order was shipped on Monday, but it has not arrived yet.",
      "my friend olga petrova works for Northwind Logistics in Rotterdam.",
      "We had a meeting with Acme Corp yesterday about the new contract.",
      "Thanks for your quick answer, have a nice weekend!");

  static String message(int chars) {
    Random random = new Random(42);
    StringBuilder b = new StringBuilder();
    while (b.length() < chars) {
      b.append(SENTENCES.get(random.nextInt(SENTENCES.size()))).append(' ');
    }
    return b.substring(0, chars);
  }

  /**
   * Entry point.
   *
   * @param args none
   */
  public static void main(String[] args) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    System.out.println("| detector | message | recognize | merge | per KB |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (boolean names : new boolean[] {false, true}) {
      Analyzer analyzer = Analyzer.of(PiiOptions.defaults().withNameModel(names));
      for (int size : new int[] {256, 2048, 8192, 32768, 65536}) {
        String text = message(size);
        int rounds = Math.max(15, 800_000 / size);
        long bestRecognize = Long.MAX_VALUE;
        long bestMerge = Long.MAX_VALUE;
        for (int i = 0; i < rounds; i++) {
          long s = mx.getCurrentThreadCpuTime();
          List<PiiEntity> found = analyzer.recognize(text);
          long m = mx.getCurrentThreadCpuTime();
          analyzer.merge(text, found, List.of());
          long e = mx.getCurrentThreadCpuTime();
          bestRecognize = Math.min(bestRecognize, m - s);
          bestMerge = Math.min(bestMerge, e - m);
        }
        System.out.printf(Locale.ROOT, "| %s | %,d B | %.2f ms | %.2f ms | %.2f ms |%n",
            names ? "name model" : "rules only", size, bestRecognize / 1e6, bestMerge / 1e6,
            (bestRecognize + bestMerge) / 1e6 / (size / 1024.0));
      }
    }
  }
}
