package dev.confidant.tools.pii.eval;

import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.internal.recognize.Analyzer;
import dev.confidant.tools.pii.data.SyntheticPii;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores the detector on our synthetic multi-country sentences ({@link SyntheticPii}): token-level PII-vs-not
 * precision, recall and F2 (a token is PII when it lies in a gold span, masked when it lies in a detected one), the
 * share of plain tokens masked, and per type the gold spans with a token left in clear ("leaked").
 * {@snippet lang=shell :
 * java -cp <tools classpath> dev.confidant.tools.pii.eval.SyntheticEval dev 1000     # tune on this
 * java -cp <tools classpath> dev.confidant.tools.pii.eval.SyntheticEval test 1000    # report this
 * }
 */
public final class SyntheticEval {
  private SyntheticEval() {}

  /** {@code text[start, end)} with its tokens left in clear between '⟦' and '⟧'. */
  static String clear(String text, boolean[] masked, int start, int end) {
    StringBuilder b = new StringBuilder();
    Matcher t = TOKEN.matcher(text).region(start, end);
    int at = start;
    while (t.find()) {
      b.append(text, at, t.start());
      boolean inClear = !masked[t.start()] && !masked[t.end() - 1];
      b.append(inClear ? "⟦" : "").append(t.group()).append(inClear ? "⟧" : "");
      at = t.end();
    }
    return b.append(text, at, end).toString().replace("\n", "\\n");
  }

  static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+");

  /**
   * Entry point.
   *
   * @param args {@code dev|test [count] [--tagger FILE] [--show]}
   * @throws java.io.IOException if the tagger file cannot be read
   */
  public static void main(String[] args) throws java.io.IOException {
    if (args.length == 0 || !args[0].equals("dev") && !args[0].equals("test")) {
      System.err.println("usage: SyntheticEval dev|test [count] [--tagger FILE] [--show]");
      System.exit(2);
    }
    long seed = args[0].equals("dev") ? SyntheticPii.DEV_SEED : SyntheticPii.TEST_SEED;
    int count = args.length > 1 && !args[1].startsWith("--") ? Integer.parseInt(args[1]) : 1000;
    boolean show = args[args.length - 1].equals("--show");
    Analyzer analyzer = Analyzer.of(PiiOptions.defaults());
    int tagger = java.util.Arrays.asList(args).indexOf("--tagger");
    if (tagger > 0 && tagger + 1 < args.length) {
      analyzer = Analyzer.of(PiiOptions.defaults(), dev.confidant.pii.internal.ner.NameModels.load()
          .withTagger(dev.confidant.pii.internal.ner.Tagger.read(java.nio.file.Path.of(args[tagger + 1]))));
    }
    SyntheticPii generator = new SyntheticPii(seed);
    long tp = 0;
    long fp = 0;
    long fn = 0;
    long plain = 0;
    Map<String, long[]> byType = new TreeMap<>(); // gold spans, leaked
    for (int n = 0; n < count; n++) {
      SyntheticPii.Example e = generator.next();
      String text = e.text();
      boolean[] gold = new boolean[text.length()];
      for (SyntheticPii.Span s : e.spans()) {
        for (int i = s.start(); i < s.end(); i++) {
          gold[i] = true;
        }
      }
      boolean[] masked = new boolean[text.length()];
      for (PiiEntity p : analyzer.analyze(text, true, null)) {
        for (int i = p.start(); i < p.end(); i++) {
          masked[i] = true;
        }
      }
      Matcher m = TOKEN.matcher(text);
      while (m.find()) {
        boolean g = gold[m.start()];
        boolean p = masked[m.start()] || masked[m.end() - 1];
        if (g && p) {
          tp++;
        } else if (p) {
          fp++;
          if (show) {
            System.err.printf("FP [%s] in: %s%n", m.group(), text.replace("\n", "\\n"));
          }
        } else if (g) {
          fn++;
        } else {
          plain++;
        }
      }
      for (SyntheticPii.Span s : e.spans()) {
        long[] c = byType.computeIfAbsent(s.type(), k -> new long[2]);
        c[0]++;
        Matcher t = TOKEN.matcher(text).region(s.start(), s.end());
        boolean leaked = false;
        while (t.find()) {
          leaked |= !masked[t.start()] && !masked[t.end() - 1];
        }
        if (leaked) {
          c[1]++;
          if (show) {
            System.err.printf("LEAK %s [%s] (%s) in: %s%n", s.type(), clear(text, masked, s.start(), s.end()),
                e.locale(), text.replace("\n", "\\n"));
          }
        }
      }
    }
    double p = tp / (double) Math.max(1, tp + fp);
    double r = tp / (double) Math.max(1, tp + fn);
    double f2 = p + r == 0 ? 0 : 5 * p * r / (4 * p + r);
    System.out.printf("synthetic %s (seed %d, %d sentences): PII tokens P %.3f R %.3f F2 %.3f; plain tokens masked "
        + "%.2f%%%n%n", args[0], seed, count, p, r, f2, 100.0 * fp / Math.max(1, fp + plain));
    System.out.println("| type | gold spans | leaked | leaked % |");
    System.out.println("|---|---:|---:|---:|");
    long all = 0;
    long leaked = 0;
    for (Map.Entry<String, long[]> en : byType.entrySet()) {
      long[] c = en.getValue();
      all += c[0];
      leaked += c[1];
      System.out.printf("| %s | %d | %d | %.1f%% |%n", en.getKey(), c[0], c[1], 100.0 * c[1] / c[0]);
    }
    System.out.printf("| all | %d | %d | %.1f%% |%n", all, leaked, 100.0 * leaked / Math.max(1, all));
  }
}
