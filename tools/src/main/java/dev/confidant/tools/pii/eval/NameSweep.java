package dev.confidant.tools.pii.eval;

import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.internal.ner.NameModels;
import dev.confidant.pii.internal.ner.NameRecognizer;
import dev.confidant.pii.internal.ner.Tagger;
import dev.confidant.pii.internal.recognize.Analyzer;
import dev.confidant.tools.pii.data.Conll;
import dev.confidant.tools.pii.data.Datasets;
import dev.confidant.tools.pii.data.Example;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the name tagger's recall bias: scores names alone (tagger plus name rules) on the WikiANN training-side
 * development split for several biases, with a model trained without that split
 * ({@code TaggerTrainer ... --without-dev}):
 * {@snippet lang=shell :
 * java -cp <tools classpath> dev.confidant.tools.pii.eval.NameSweep ../shared/data/pii dev.tagger dev \
 *     0 0.5 1 2
 * }
 * The split argument is {@code dev} (index % 5 == 1) or {@code held-out} (index % 5 == 0, for the final report
 * only). Biases are in units of the model's mean name margin: {@code 0.3} is a recall bias of 0.3 with the shipped
 * person bias, {@code 0.3:0.05} sets the person bias too ({@link Tagger#withRecallBias}, {@link Tagger#withPersonBias}).
 */
public final class NameSweep {
  private NameSweep() {}

  /**
   * Entry point.
   *
   * @param args data folder, model file, split, then biases ({@code recall} or {@code recall:person})
   * @throws IOException if the data or model cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 4) {
      System.err.println("usage: NameSweep <data/pii folder> <model file> dev|held-out <bias>...");
      System.exit(2);
    }
    Path data = Path.of(args[0]);
    NameModels shipped = NameModels.load();
    Tagger model = Tagger.read(Path.of(args[1]));
    boolean dev = args[2].equals("dev");
    String show = System.getenv("SHOW");
    List<List<Example>> sets = new ArrayList<>();
    for (String lang : List.of("en", "de")) {
      List<Conll.Sentence> all = Conll.read(data.resolve("wikiann").resolve(lang).resolve("test"));
      List<Example> examples = new ArrayList<>();
      List<Example> every = Datasets.conll(data.resolve("wikiann").resolve(lang).resolve("test"), false);
      for (int i = 0; i < all.size(); i++) {
        if (dev ? Conll.dev(i) : Conll.heldOut(i)) {
          examples.add(every.get(i));
        }
      }
      sets.add(examples);
    }
    StringBuilder out = new StringBuilder();
    for (int a = 3; a < args.length; a++) {
      // "0.3" (recall bias, the shipped person bias) or "0.3:0.05" (recall bias : person bias)
      String[] biases = args[a].split(":");
      Tagger tagger = model.withRecallBias(Float.parseFloat(biases[0]));
      if (biases.length > 1) {
        tagger = tagger.withPersonBias(Float.parseFloat(biases[1]));
      }
      Analyzer analyzer = new Analyzer(List.of(new NameRecognizer(shipped.withTagger(tagger))), 0.4);
      for (int l = 0; l < 2; l++) {
        Scorer scorer = new Scorer();
        long t0 = System.nanoTime();
        for (Example e : sets.get(l)) {
          List<Example.Span> predicted = new ArrayList<>();
          for (PiiEntity p : analyzer.analyze(e.text(), true, null)) {
            String cls = Scorer.classOf(p.type());
            if (cls != null) {
              predicted.add(new Example.Span(cls, p.start(), p.end()));
            }
          }
          scorer.add(e, predicted);
          if (show != null) {
            Scorer.printErrors(l == 0 ? "en" : "de", e, predicted, show, System.err);
          }
        }
        scorer.print(String.format("b=%s %s %s %.1fs", args[a], l == 0 ? "en" : "de", args[2],
            (System.nanoTime() - t0) / 1e9), out);
      }
    }
    System.out.print(out);
  }
}
