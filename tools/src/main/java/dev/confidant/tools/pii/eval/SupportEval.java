package dev.confidant.tools.pii.eval;

import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.internal.recognize.Analyzer;
import dev.confidant.tools.pii.data.SupportTexts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * Scores the detector on generated support messages per language ({@link SupportTexts}: en, de, fr, es, it, nl), the
 * way {@link SyntheticEval} scores: token-level PII-vs-not precision, recall and F2, the share of plain tokens masked,
 * per type the gold spans with a token left in clear ("leaked"), and per plain category (greetings and salutations,
 * form labels and service words, calendar words, sign-offs) the spans with a token masked, with the words masked
 * most often.
 * {@snippet lang=shell :
 * java -cp <tools classpath> dev.confidant.tools.pii.eval.SupportEval dev 300          # per language; tune on this
 * java -cp <tools classpath> dev.confidant.tools.pii.eval.SupportEval test 300         # report this
 * java -cp <tools classpath> dev.confidant.tools.pii.eval.SupportEval dev 300 --show   # each leak and masked word
 * }
 */
public final class SupportEval {
  private SupportEval() {}

  private static final List<String> GOLD = List.of("PERSON", "ADDRESS", "LOCATION", "PHONE_NUMBER", "ACCOUNT_ID",
      "DATE_OF_BIRTH");
  private static final List<String> PLAIN = List.of("greeting", "label", "calendar", "sign-off");

  /** One language's counts. */
  private static final class Tally {
    long tp;
    long fp;
    long fn;
    long plain;
    final Map<String, long[]> spans = new LinkedHashMap<>(); // type or category: spans, leaked or masked
    final Map<String, Integer> maskedWords = new TreeMap<>();

    long[] of(String key) {
      return spans.computeIfAbsent(key, k -> new long[2]);
    }
  }

  /**
   * Entry point.
   *
   * @param args {@code dev|test [messages per language] [--show]}
   */
  public static void main(String[] args) {
    if (args.length == 0 || !args[0].equals("dev") && !args[0].equals("test")) {
      System.err.println("usage: SupportEval dev|test [messages per language] [--show]");
      System.exit(2);
    }
    long seed = args[0].equals("dev") ? SupportTexts.DEV_SEED : SupportTexts.TEST_SEED;
    int count = args.length > 1 && !args[1].startsWith("--") ? Integer.parseInt(args[1]) : 300;
    boolean show = args[args.length - 1].equals("--show");
    Analyzer analyzer = Analyzer.of(PiiOptions.defaults());
    SupportTexts generator = new SupportTexts(seed);
    Map<String, Tally> tallies = new LinkedHashMap<>();
    for (int n = 0; n < count; n++) {
      for (String language : SupportTexts.LANGUAGES) {
        score(generator.next(language), analyzer, tallies.computeIfAbsent(language, k -> new Tally()), show);
      }
    }
    System.out.printf("support texts %s (seed %d, %d messages per language)%n%n", args[0], seed, count);
    StringBuilder head = new StringBuilder("| language | PII P | PII R | F2 | plain masked |");
    StringBuilder rule = new StringBuilder("|---|---:|---:|---:|---:|");
    for (String type : GOLD) {
      head.append(" leaked ").append(type).append(" |");
      rule.append("---:|");
    }
    for (String category : PLAIN) {
      head.append(" masked ").append(category).append(" |");
      rule.append("---:|");
    }
    System.out.println(head);
    System.out.println(rule);
    for (Map.Entry<String, Tally> e : tallies.entrySet()) {
      Tally t = e.getValue();
      double p = t.tp / (double) Math.max(1, t.tp + t.fp);
      double r = t.tp / (double) Math.max(1, t.tp + t.fn);
      double f2 = p + r == 0 ? 0 : 5 * p * r / (4 * p + r);
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.2f%% |",
          e.getKey(), p, r, f2, 100.0 * t.fp / Math.max(1, t.fp + t.plain)));
      for (String key : GOLD) {
        long[] c = t.of(key);
        row.append(' ').append(c[1]).append(" of ").append(c[0]).append(" |");
      }
      for (String key : PLAIN) {
        long[] c = t.of(key);
        row.append(' ').append(c[1]).append(" of ").append(c[0]).append(" |");
      }
      System.out.println(row);
    }
    System.out.println();
    for (Map.Entry<String, Tally> e : tallies.entrySet()) {
      StringBuilder words = new StringBuilder();
      e.getValue().maskedWords.entrySet().stream()
          .sorted((a, b) -> b.getValue() - a.getValue()).limit(15)
          .forEach(w -> words.append(' ').append(w.getKey()).append(" ×").append(w.getValue()));
      System.out.printf("%s plain words masked most often:%s%n", e.getKey(), words.isEmpty() ? " none" : words);
    }
  }

  private static void score(SupportTexts.Example e, Analyzer analyzer, Tally t, boolean show) {
    String text = e.text();
    boolean[] gold = new boolean[text.length()];
    for (SupportTexts.Span s : e.gold()) {
      java.util.Arrays.fill(gold, s.start(), s.end(), true);
    }
    boolean[] masked = new boolean[text.length()];
    for (PiiEntity p : analyzer.analyze(text, true, null)) {
      java.util.Arrays.fill(masked, p.start(), p.end(), true);
    }
    String oneLine = text.replace("\n", "\\n");
    Matcher m = SyntheticEval.TOKEN.matcher(text);
    while (m.find()) {
      boolean g = gold[m.start()];
      boolean p = masked[m.start()] || masked[m.end() - 1];
      if (g && p) {
        t.tp++;
      } else if (p) {
        t.fp++;
        t.maskedWords.merge(m.group().toLowerCase(Locale.ROOT), 1, Integer::sum);
        if (show) {
          System.err.printf("FP %s [%s] in: %s%n", e.language(), m.group(), oneLine);
        }
      } else if (g) {
        t.fn++;
      } else {
        t.plain++;
      }
    }
    for (SupportTexts.Span s : e.gold()) {
      long[] c = t.of(s.type());
      c[0]++;
      if (any(text, masked, s, false)) {
        c[1]++;
        if (show) {
          System.err.printf("LEAK %s %s [%s] (%s) in: %s%n", e.language(), s.type(),
              SyntheticEval.clear(text, masked, s.start(), s.end()), e.locale(), oneLine);
        }
      }
    }
    for (SupportTexts.Span s : e.plain()) {
      long[] c = t.of(s.type());
      c[0]++;
      if (any(text, masked, s, true)) {
        c[1]++;
      }
    }
  }

  /** Whether a token of the span is masked ({@code wanted} true) or left in clear (false). */
  private static boolean any(String text, boolean[] masked, SupportTexts.Span s, boolean wanted) {
    Matcher t = SyntheticEval.TOKEN.matcher(text).region(s.start(), s.end());
    while (t.find()) {
      if ((masked[t.start()] || masked[t.end() - 1]) == wanted) {
        return true;
      }
    }
    return false;
  }
}
