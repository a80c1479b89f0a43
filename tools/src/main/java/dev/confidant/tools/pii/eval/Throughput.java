package dev.confidant.tools.pii.eval;

import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.internal.ner.NameModels;
import dev.confidant.pii.internal.ner.Tagger;
import dev.confidant.pii.internal.recognize.Analyzer;
import dev.confidant.tools.pii.data.Datasets;
import dev.confidant.tools.pii.data.Example;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sequential analysis speed on Presidio's generated sentences (repeated to 4,000 lines), for the shipped decoding
 * with plain Viterbi (no biases), and without the name model:
 * {@snippet lang=shell :
 * java -cp <tools classpath> dev.confidant.tools.pii.eval.Throughput ../shared/data/pii
 * }
 * Each variant is warmed up once and then timed over three rounds; the best round is printed.
 */
public final class Throughput {
  private Throughput() {}

  /**
   * Entry point.
   *
   * @param args the {@code data/pii} folder
   * @throws IOException if the data cannot be read
   */
  public static void main(String[] args) throws IOException {
    List<Example> examples = Datasets.presidioGenerated(Path.of(args[0]).resolve("presidio-generated-small"));
    List<String> lines = new ArrayList<>();
    while (lines.size() < 4000) {
      for (Example e : examples) {
        lines.add(e.text());
      }
    }
    PiiOptions options = PiiOptions.defaults();
    NameModels models = NameModels.load();
    Tagger shipped = models.tagger();
    record Variant(String name, Analyzer analyzer) {}
    List<Variant> variants = List.of(
        new Variant("shipped decoding", Analyzer.of(options, models)),
        new Variant("plain Viterbi", Analyzer.of(options,
            models.withTagger(shipped.withRecallBias(0).withPersonBias(0)))),
        new Variant("no name model", Analyzer.of(options, null)));
    for (Variant v : variants) {
      run(v.analyzer(), lines);
      long best = Long.MAX_VALUE;
      for (int round = 0; round < 3; round++) {
        best = Math.min(best, run(v.analyzer(), lines));
      }
      System.out.printf("%-18s %,8.0f lines/s%n", v.name(), lines.size() / (best / 1e9));
    }
  }

  private static long run(Analyzer analyzer, List<String> lines) {
    long t0 = System.nanoTime();
    int n = 0;
    for (String line : lines) {
      n += analyzer.analyze(line, true, null).size();
    }
    if (n < 0) {
      throw new AssertionError();
    }
    return System.nanoTime() - t0;
  }
}
