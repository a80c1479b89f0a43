package dev.confidant.pii.internal.ner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import opennlp.tools.namefind.BioCodec;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.Span;
import opennlp.tools.util.TrainingParameters;

/**
 * Trains the shipped name model. Recipe (see the module README):
 * {@snippet lang=shell :
 * java -cp <engine-pii classpath> dev.confidant.pii.internal.ner.NameModelTrainer ../shared/data/pii \
 *     engine-pii/src/main/resources/dev/confidant/pii/internal/ner/names-en-de.bin
 * }
 * Data: WikiANN en and de (four fifths of each, the rest is held out for evaluation), WNUT-17 dev, and
 * sentences generated from templates ({@link TemplateSentences}) filled with entity strings of the training
 * part, so that the model sees chat-like contexts too. OpenNLP maxent with {@link #FEATURES}, 100 iterations, cutoff 3; deterministic.
 */
public final class NameModelTrainer {
  private NameModelTrainer() {}

  /** GIS iterations: 250 scored lower on the held-out split than 100 (over-fitting). */
  static final int ITERATIONS = 100;

  /** Features seen fewer times are dropped. */
  static final int CUTOFF = 3;

  /**
   * OpenNLP's default name features plus prefixes and suffixes of the current token: names unseen in training
   * still share endings ("-mann", "-son", "-ski") and organisations share suffix words.
   */
  static final String FEATURES = """
      <featureGenerators cache="true" name="nameFinder">
        <generator class="opennlp.tools.util.featuregen.WindowFeatureGeneratorFactory">
          <int name="prevLength">2</int>
          <int name="nextLength">2</int>
          <generator class="opennlp.tools.util.featuregen.TokenClassFeatureGeneratorFactory"/>
        </generator>
        <generator class="opennlp.tools.util.featuregen.WindowFeatureGeneratorFactory">
          <int name="prevLength">2</int>
          <int name="nextLength">2</int>
          <generator class="opennlp.tools.util.featuregen.TokenFeatureGeneratorFactory">
            <bool name="lowercase">true</bool>
          </generator>
        </generator>
        <generator class="opennlp.tools.util.featuregen.DefinitionFeatureGeneratorFactory"/>
        <generator class="opennlp.tools.util.featuregen.PreviousMapFeatureGeneratorFactory"/>
        <generator class="opennlp.tools.util.featuregen.BigramNameFeatureGeneratorFactory"/>
        <generator class="opennlp.tools.util.featuregen.SentenceFeatureGeneratorFactory">
          <bool name="begin">true</bool>
          <bool name="end">false</bool>
        </generator>
        <generator class="opennlp.tools.util.featuregen.PrefixFeatureGeneratorFactory">
          <int name="prefixLength">3</int>
        </generator>
        <generator class="opennlp.tools.util.featuregen.SuffixFeatureGeneratorFactory">
          <int name="suffixLength">4</int>
        </generator>
      </featureGenerators>
      """;

  /**
   * Entry point.
   *
   * @param args data folder ({@code shared/data/pii}) and output model file
   * @throws IOException if the data cannot be read or the model written
   */
  public static void main(String[] args) throws IOException {
    boolean withoutDev = false;
    String algorithm = "MAXENT";
    int iterations = ITERATIONS;
    int cutoff = CUTOFF;
    String features = FEATURES;
    for (int i = 2; i < args.length; i++) {
      switch (args[i]) {
        case "--without-dev" -> withoutDev = true;
        case "--algorithm" -> algorithm = args[++i];
        case "--iterations" -> iterations = Integer.parseInt(args[++i]);
        case "--cutoff" -> cutoff = Integer.parseInt(args[++i]);
        case "--features" -> features = Files.readString(Path.of(args[++i]), StandardCharsets.UTF_8);
        default -> args = new String[0];
      }
    }
    if (args.length < 2) {
      System.err.println("usage: NameModelTrainer <data/pii folder> <output model .bin> [--without-dev] "
          + "[--algorithm MAXENT|PERCEPTRON] [--iterations N] [--cutoff N] [--features descriptor.xml]");
      System.exit(2);
    }
    Path data = Path.of(args[0]);
    List<Conll.Sentence> train = new ArrayList<>();
    for (String lang : List.of("en", "de")) {
      List<Conll.Sentence> all = Conll.read(data.resolve("wikiann").resolve(lang).resolve("test"));
      for (int i = 0; i < all.size(); i++) {
        if (!Conll.heldOut(i) && !(withoutDev && Conll.dev(i))) {
          train.add(all.get(i));
        }
      }
    }
    train.addAll(Conll.read(data.resolve("wnut17/emerging.dev.conll")));
    List<Conll.Sentence> generated = TemplateSentences.generate(train, new Random(42), 6000);
    train.addAll(generated);
    List<NameSample> samples = new ArrayList<>();
    for (Conll.Sentence s : train) {
      samples.add(toSample(s));
    }
    java.util.Collections.shuffle(samples, new Random(7));
    TrainingParameters params = TrainingParameters.defaultParams();
    params.put(TrainingParameters.ALGORITHM_PARAM, algorithm);
    params.put(TrainingParameters.ITERATIONS_PARAM, iterations);
    params.put(TrainingParameters.CUTOFF_PARAM, cutoff);
    long t0 = System.nanoTime();
    TokenNameFinderFactory factory = new TokenNameFinderFactory(features.getBytes(StandardCharsets.UTF_8),
        Map.of(), new BioCodec());
    TokenNameFinderModel model = NameFinderME.train("mul", null, new CollectionObjectStream<>(samples), params,
        factory);
    Path out = Path.of(args[1]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream os = Files.newOutputStream(out)) {
      model.serialize(os);
    }
    System.out.printf("trained on %d sentences (%d generated) in %d s -> %s (%d bytes)%n", samples.size(),
        generated.size(), (System.nanoTime() - t0) / 1_000_000_000L, out, Files.size(out));
  }

  static NameSample toSample(Conll.Sentence s) {
    List<Span> spans = new ArrayList<>();
    int start = -1;
    String type = null;
    for (int i = 0; i <= s.tags().size(); i++) {
      String tag = i < s.tags().size() ? s.tags().get(i) : "O";
      boolean inside = tag.startsWith("I-") && type != null && tag.substring(2).equals(type);
      if (!inside && type != null) {
        spans.add(new Span(start, i, type));
        type = null;
      }
      if (tag.startsWith("B-") || tag.startsWith("I-") && type == null) {
        start = i;
        type = tag.substring(2);
      }
    }
    return new NameSample(s.tokens().toArray(String[]::new), spans.toArray(Span[]::new), true);
  }
}
