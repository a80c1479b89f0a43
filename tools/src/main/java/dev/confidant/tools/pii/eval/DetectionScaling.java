package dev.confidant.tools.pii.eval;

import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.internal.ner.NameModels;
import dev.confidant.pii.internal.ner.Tagger;
import dev.confidant.pii.internal.recognize.Analyzer;
import dev.confidant.tools.pii.data.SyntheticPii;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * How detection cost grows with the message: thread CPU time (not wall time, which a loaded machine inflates) of
 * {@link Analyzer#recognize} and {@link Analyzer#merge} on messages of 256 B to 64 KB made of our synthetic chat
 * messages ({@link SyntheticPii}, dev seed: names, addresses, phones, cards, IBANs in six languages), rules only and
 * with the name model, the best of several rounds. A linear detector keeps the "per KB" column flat. With
 * {@code --tagger FILE}, a third block measures the name model with that tagger instead of the shipped one, in the
 * same run (new against old model).
 * {@snippet lang=shell :
 * java -cp <tools classpath> dev.confidant.tools.pii.eval.DetectionScaling [--tagger FILE]
 * }
 */
public final class DetectionScaling {
  private DetectionScaling() {}

  /** Our synthetic chat messages of the dev seed, joined until {@code chars}. */
  static String message(int chars) {
    SyntheticPii generator = new SyntheticPii(SyntheticPii.DEV_SEED);
    StringBuilder b = new StringBuilder();
    while (b.length() < chars) {
      b.append(generator.next().text()).append(' ');
    }
    return b.substring(0, chars);
  }

  /**
   * Entry point.
   *
   * @param args optionally {@code --tagger FILE}
   * @throws java.io.IOException if the tagger file cannot be read
   */
  public static void main(String[] args) throws java.io.IOException {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    java.util.Map<String, Analyzer> analyzers = new java.util.LinkedHashMap<>();
    analyzers.put("rules only", Analyzer.of(PiiOptions.defaults().withNameModel(false)));
    analyzers.put("name model", Analyzer.of(PiiOptions.defaults()));
    if (args.length == 2 && args[0].equals("--tagger")) {
      analyzers.put("name model, " + args[1], Analyzer.of(PiiOptions.defaults(),
          NameModels.load().withTagger(Tagger.read(java.nio.file.Path.of(args[1])))));
    }
    System.out.println("| detector | message | recognize | merge | per KB |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (java.util.Map.Entry<String, Analyzer> entry : analyzers.entrySet()) {
      Analyzer analyzer = entry.getValue();
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
            entry.getKey(), size, bestRecognize / 1e6, bestMerge / 1e6,
            (bestRecognize + bestMerge) / 1e6 / (size / 1024.0));
      }
    }
  }
}
