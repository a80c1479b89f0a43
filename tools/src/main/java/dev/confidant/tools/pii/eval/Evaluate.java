package dev.confidant.tools.pii.eval;

import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.internal.ner.NameModels;
import dev.confidant.pii.internal.ner.Tagger;
import dev.confidant.pii.internal.recognize.Analyzer;
import dev.confidant.tools.pii.data.Datasets;
import dev.confidant.tools.pii.data.Example;
import dev.confidant.tools.pii.data.NerSets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Prints per-class precision, recall, F1 and F2 of the detector on the shared development data:
 * {@snippet lang=shell :
 * java -cp <tools classpath> dev.confidant.tools.pii.eval.Evaluate ../shared/data/pii
 * }
 * WikiANN is scored on the held-out fifth only (the model trains on the rest). Missing folders are skipped.
 * With {@code --ner-data DIR} the labelled name corpora of that folder ({@link NerSets}) are scored too, on their
 * {@code --split dev} (default, for tuning) or {@code test} part, one row per corpus and language. A second table
 * gives token-level masking metrics per data set ({@link TokenScorer}). {@code --tagger FILE} evaluates another
 * trained tagger with the shipped given-name list. {@code --documents true} scores the sentences of one document
 * (UNER's articles, e-mails and reviews) as one text, which is where a name found in one sentence can help in another.
 */
public final class Evaluate {
  private Evaluate() {}

  /**
   * Entry point.
   *
   * @param args the {@code data/pii} folder, optionally {@code --min-score 0.4}, {@code --show CLASS},
   *     {@code --ner-data DIR}, {@code --split dev|test}, {@code --tagger FILE}, {@code --documents true}
   * @throws IOException if a data file cannot be read
   */
  public static void main(String[] args) throws IOException {
    PiiOptions options = PiiOptions.defaults();
    for (int i = 1; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        usage();
      }
      switch (args[i]) {
        case "--min-score" -> options = options.withMinScore(Double.parseDouble(args[i + 1]));
        case "--show" -> show = args[i + 1];
        case "--ner-data" -> nerData = Path.of(args[i + 1]);
        case "--split" -> split = NerSets.Split.valueOf(args[i + 1].toUpperCase(java.util.Locale.ROOT));
        case "--tagger" -> taggerFile = Path.of(args[i + 1]);
        case "--biases" -> biases = args[i + 1];
        case "--show-plain" -> showPlain = args[i + 1];
        case "--documents" -> documents = Boolean.parseBoolean(args[i + 1]);
        default -> usage();
      }
    }
    if (args.length == 0) {
      usage();
    }
    Path data = Path.of(args[0]);
    long t0 = System.nanoTime();
    NameModels models = NameModels.load();
    Tagger tagger = taggerFile == null ? models.tagger() : Tagger.read(taggerFile);
    if (biases != null) {
      // recall:person:noun-case share, e.g. 0.3:0.03:0.5
      String[] b = biases.split(":");
      tagger = tagger.withRecallBias(Float.parseFloat(b[0])).withPersonBias(Float.parseFloat(b[1]))
          .withNounCaseShare(Float.parseFloat(b[2]));
    }
    Analyzer analyzer = options.nameModel() ? Analyzer.of(options, models.withTagger(tagger)) : Analyzer.of(options);
    StringBuilder out = new StringBuilder();
    out.append("| dataset                      | class             |   gold |   pred |     P |     R |    F1 |    F2 | R-exact |\n");
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    Path vectors = data.resolve("presidio-recognizer-vectors");
    if (Files.isDirectory(vectors)) {
      score("presidio-recognizer-vectors", Datasets.presidioVectors(vectors), analyzer, out);
    }
    Path phones = data.resolve("phone-examples");
    if (Files.isDirectory(phones)) {
      for (String format : List.of("E164", "INTERNATIONAL", "NATIONAL", "RFC3966")) {
        score("phone-examples " + format, Datasets.phones(phones, format), analyzer, out);
      }
    }
    Path generated = data.resolve("presidio-generated-small");
    if (Files.isDirectory(generated)) {
      score("presidio-generated-small", Datasets.presidioGenerated(generated), analyzer, out);
    }
    Path wnut = data.resolve("wnut17/emerging.test.annotated");
    if (Files.exists(wnut)) {
      score("wnut17 test", Datasets.conll(wnut, false), analyzer, out);
    }
    for (String lang : List.of("en", "de")) {
      Path wikiann = data.resolve("wikiann").resolve(lang).resolve("test");
      if (Files.exists(wikiann)) {
        score("wikiann " + lang + " held-out", Datasets.conll(wikiann, true), analyzer, out);
      }
    }
    if (nerData != null) {
      for (NerSets.Part part : NerSets.load(nerData, split, documents)) {
        score(part.label() + " " + split.name().toLowerCase(java.util.Locale.ROOT),
            Datasets.conll(part.sentences()), analyzer, out);
      }
    }
    System.out.print(out);
    System.out.println();
    System.out.println("Token-level masking over every type (PII = a token inside any gold span; masked = inside any"
        + " predicted span; leaked = gold spans with a token left unmasked):");
    System.out.println();
    System.out.print(TokenScorer.header());
    System.out.print(tokenRows);
    System.out.println();
    System.out.println("Names masked under any name type (gold PER/ORG/LOC overlapped by a PER, ORG or LOC prediction;"
        + " R-any no OII: the same share when detecting with include_oii=false):");
    System.out.println();
    System.out.println("| dataset                      | class             |   gold | R-any | R-any no OII |");
    System.out.println("|---|---|---:|---:|---:|");
    System.out.print(masked);
    System.out.printf("(%.1f s; overlap matching, R-exact = recall with exact boundaries)%n",
        (System.nanoTime() - t0) / 1e9);
  }

  /** With {@code --show CLASS}: false positives and misses of that class are printed to stderr. */
  private static @Nullable String show;

  private static void usage() {
    System.err.println("usage: Evaluate <data/pii folder> [--min-score <0..1>] [--show <CLASS>] [--ner-data <dir>]"
        + " [--split dev|test] [--tagger <file>] [--biases recall:person:nounCaseShare] [--show-plain <dataset>]"
        + " [--documents true|false]");
    System.exit(2);
  }

  private static @Nullable Path nerData;
  private static NerSets.Split split = NerSets.Split.DEV;
  /** With {@code --documents true}: the sentences of one document of a name corpus are scored as one text. */
  private static boolean documents;
  private static @Nullable Path taggerFile;
  private static @Nullable String biases;
  /** With {@code --show-plain DATASET-PREFIX}: predictions overlapping no gold span are printed to stderr. */
  private static @Nullable String showPlain;
  /** Rows of {@link TokenScorer#print}. */
  private static final StringBuilder tokenRows = new StringBuilder();

  /** Rows of {@link Scorer#printMasked}, printed after the main table. */
  private static final StringBuilder masked = new StringBuilder();

  private static List<Example.Span> spans(List<PiiEntity> entities) {
    List<Example.Span> out = new ArrayList<>();
    for (PiiEntity p : entities) {
      String cls = Scorer.classOf(p.type());
      if (cls != null) {
        out.add(new Example.Span(cls, p.start(), p.end()));
      }
    }
    return out;
  }

  private static void score(String name, List<Example> examples, Analyzer analyzer, StringBuilder out) {
    Scorer scorer = new Scorer();
    TokenScorer tokens = new TokenScorer();
    for (Example e : examples) {
      List<PiiEntity> entities = analyzer.analyze(e.text(), true, null);
      List<Example.Span> predicted = spans(entities);
      scorer.add(e, predicted);
      tokens.add(e, entities.stream().map(p -> new Example.Span("ANY", p.start(), p.end())).toList());
      if (showPlain != null && name.startsWith(showPlain)) {
        for (PiiEntity p : entities) {
          if (e.gold().stream().noneMatch(g -> g.start() < p.end() && p.start() < g.end())) {
            System.err.printf("%s PLAIN %s [%s] %s in: %s%n", name, p.type(), p.value(), p.explanation(), e.text());
          }
        }
      }
      scorer.addWithoutOii(e, spans(analyzer.analyze(e.text(), false, null)));
      if (show != null) {
        Scorer.printErrors(name, e, predicted, show, System.err);
      }
    }
    scorer.print(name, out);
    scorer.printMasked(name, masked);
    tokens.print(name, tokenRows);
  }
}
