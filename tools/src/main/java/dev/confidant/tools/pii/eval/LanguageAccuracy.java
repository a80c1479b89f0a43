package dev.confidant.tools.pii.eval;

import dev.confidant.pii.internal.lang.Language;
import dev.confidant.pii.internal.lang.LanguageDetector;
import dev.confidant.tools.pii.data.Conll;
import dev.confidant.tools.pii.data.NerSets;
import dev.confidant.tools.pii.data.SyntheticPii;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accuracy of engine-pii's {@link LanguageDetector} per language: on the sentences of every labelled name corpus of
 * a data folder ({@link NerSets}, tokens joined by spaces; WikiANN en/de/fr/nl, UNER English and German, GermEval),
 * and on the short chat messages of {@link SyntheticPii} in six languages (the dev seed; the template's language is
 * the truth), overall and for messages of at most {@value #SHORT} chars, with the most frequent wrong answer.
 * {@snippet lang=shell :
 * java -cp <tools classpath> dev.confidant.tools.pii.eval.LanguageAccuracy /path/to/ner-data dev 3000
 * }
 */
public final class LanguageAccuracy {
  /** Messages up to this many chars count as short. */
  static final int SHORT = 60;

  private LanguageAccuracy() {}

  /** Counts of one data set and language. */
  static final class Tally {
    int all;
    int right;
    int shortAll;
    int shortRight;
    final Map<Language, Integer> wrong = new TreeMap<>();

    void add(String text, Language truth) {
      Language guess = LanguageDetector.detect(text);
      boolean ok = guess == truth;
      all++;
      right += ok ? 1 : 0;
      if (text.length() <= SHORT) {
        shortAll++;
        shortRight += ok ? 1 : 0;
      }
      if (!ok) {
        wrong.merge(guess, 1, Integer::sum);
      }
    }

    String row(String name, Language truth) {
      String worst = wrong.entrySet().stream().max(Map.Entry.comparingByValue())
          .map(e -> e.getKey().code() + " (" + e.getValue() + ")").orElse("-");
      return String.format(Locale.ROOT, "| %s | %s | %,d | %.3f | %,d | %s | %s |", name, truth.code(), all,
          right / (double) Math.max(1, all), shortAll, shortAll == 0 ? "-"
              : String.format(Locale.ROOT, "%.3f", shortRight / (double) shortAll), worst);
    }
  }

  /**
   * Entry point.
   *
   * @param args the NER data folder, optionally {@code dev|test} (default dev) and the number of synthetic messages
   *     (default 3000)
   * @throws IOException if a corpus cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: LanguageAccuracy <ner-data dir> [dev|test] [synthetic count]");
      System.exit(2);
    }
    NerSets.Split split = args.length > 1 ? NerSets.Split.valueOf(args[1].toUpperCase(Locale.ROOT))
        : NerSets.Split.DEV;
    int count = args.length > 2 ? Integer.parseInt(args[2]) : 3000;
    List<String> rows = new ArrayList<>();
    for (NerSets.Part part : NerSets.load(Path.of(args[0]), split)) {
      Language truth = Language.valueOf(part.language().toUpperCase(Locale.ROOT));
      Tally t = new Tally();
      for (Conll.Sentence s : part.sentences()) {
        t.add(String.join(" ", s.tokens()), truth);
      }
      rows.add(t.row(part.name() + " " + split.name().toLowerCase(Locale.ROOT), truth));
    }
    SyntheticPii generator = new SyntheticPii(SyntheticPii.DEV_SEED);
    Map<Language, Tally> chat = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      SyntheticPii.Example e = generator.next();
      Language truth = Language.valueOf(e.language().toUpperCase(Locale.ROOT));
      chat.computeIfAbsent(truth, k -> new Tally()).add(e.text(), truth);
    }
    chat.forEach((truth, t) -> rows.add(t.row("synthetic chat (dev seed)", truth)));
    System.out.println("| data | language | messages | accuracy | short (<= " + SHORT + " chars) | short accuracy "
        + "| most frequent wrong answer |");
    System.out.println("|---|---|---:|---:|---:|---:|---|");
    rows.forEach(System.out::println);
  }
}
