package dev.confidant.pii.internal.ner;

import dev.confidant.api.EngineConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.namefind.NameContextGenerator;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.Span;
import org.jspecify.annotations.Nullable;

/**
 * The shipped person/organisation/location model ({@value #RESOURCE}), trained by {@link NameModelTrainer}.
 *
 * <p>Decoding is recall-oriented, because a name left unmasked costs more than a word masked in vain: after
 * OpenNLP's beam search, a token it left outside any name becomes part of one whenever the model's probability
 * of "outside" is below {@link #outsideThreshold}, not only when "outside" is not the most probable label. The
 * threshold was chosen on a training-side development split (see the module README). With a threshold of
 * {@code NaN} the beam search's labelling is used as it is.
 *
 * <p>Thread-safe: context generators are not, so they are pooled and each call borrows one.
 */
public final class NameModel {
  /** Class-path location of the trained model. */
  public static final String RESOURCE = "/dev/confidant/pii/internal/ner/names-en-de.bin";
  /** The shipped decision threshold on P(outside); see {@link #find}. */
  public static final double DEFAULT_OUTSIDE_THRESHOLD = 0.8;

  private final TokenNameFinderModel model;
  private final double outsideThreshold;
  private final @Nullable MaxentModel maxent;
  private final String[] outcomes;
  private final int other;
  /** Per outcome: index into {@link #types} and whether it continues a name. */
  private final int[] typeOf;
  private final boolean[] continues;
  private final List<String> types = new ArrayList<>();
  private final ConcurrentLinkedQueue<NameContextGenerator> generators = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<NameFinderME> finders = new ConcurrentLinkedQueue<>();

  private NameModel(TokenNameFinderModel model, double outsideThreshold) {
    this.model = model;
    this.outsideThreshold = outsideThreshold;
    Object artifact = model.getArtifact("nameFinder.model");
    this.maxent = artifact instanceof MaxentModel m ? m : null;
    if (maxent == null && !Double.isNaN(outsideThreshold)) {
      throw new EngineConfigException("name model is not a maxent model; threshold decoding needs one");
    }
    this.outcomes = maxent == null ? new String[0] : new String[maxent.getNumOutcomes()];
    this.typeOf = new int[outcomes.length];
    this.continues = new boolean[outcomes.length];
    int o = -1;
    for (int i = 0; i < outcomes.length; i++) {
      outcomes[i] = maxent.getOutcome(i);
      if (outcomes[i].equals(NameFinderME.OTHER)) {
        o = i;
        typeOf[i] = -1;
        continue;
      }
      int dash = outcomes[i].lastIndexOf('-');
      String type = outcomes[i].substring(0, dash);
      if (!types.contains(type)) {
        types.add(type);
      }
      typeOf[i] = types.indexOf(type);
      continues[i] = outcomes[i].substring(dash + 1).equals(NameFinderME.CONTINUE);
    }
    this.other = o;
  }

  /** Wraps a model, decoded with {@link #DEFAULT_OUTSIDE_THRESHOLD}. */
  public static NameModel of(TokenNameFinderModel model) {
    return new NameModel(model, DEFAULT_OUTSIDE_THRESHOLD);
  }

  /**
   * Wraps a model.
   *
   * @param outsideThreshold a token is part of a name when P(outside) is below this; {@code NaN} for beam search
   *     with argmax
   */
  public static NameModel of(TokenNameFinderModel model, double outsideThreshold) {
    return new NameModel(model, outsideThreshold);
  }

  /**
   * Loads the shipped model.
   *
   * @throws EngineConfigException if the resource is missing or unreadable (a broken build)
   */
  public static NameModel load() {
    try (InputStream in = NameModel.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new EngineConfigException("name model resource " + RESOURCE + " missing from engine-pii; "
            + "rebuild engine-pii or disable the name model with PiiOptions.withNameModel(false)");
      }
      return of(new TokenNameFinderModel(in));
    } catch (IOException e) {
      throw new EngineConfigException("cannot read name model " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /**
   * Finds names in one sentence's tokens; spans carry the type (PER, ORG, LOC) and a probability. The beam
   * search's best labelling comes first; then every token it left outside a name is looked at again, given the
   * labels before it, and joins a name when P(outside) is below the threshold. Spans found that way score the
   * mean P(inside) of their tokens, mapped so that the threshold is 0.5.
   */
  Span[] find(String[] sentence) {
    Span[] spans = beam(sentence);
    if (Double.isNaN(outsideThreshold)) {
      return spans;
    }
    @Nullable NameContextGenerator generator = generators.poll();
    if (generator == null) {
      generator = model.getFactory().createContextGenerator();
    }
    try {
      return rescue(sentence, spans, generator);
    } finally {
      // Adaptive features remember earlier tokens; one text's names must not leak into the next.
      generator.clearAdaptiveData();
      generators.offer(generator);
    }
  }

  private Span[] rescue(String[] sentence, Span[] spans, NameContextGenerator generator) {
    MaxentModel scorer = java.util.Objects.requireNonNull(maxent, "maxent");
    int n = sentence.length;
    int[] label = new int[n];
    java.util.Arrays.fill(label, other);
    for (Span s : spans) {
      int t = types.indexOf(s.getType());
      for (int i = s.getStart(); i < s.getEnd(); i++) {
        label[i] = outcomeIndex(t, i > s.getStart());
      }
    }
    String[] labels = new String[n];
    double[] inside = new double[n];
    boolean changed = false;
    for (int i = 0; i < n; i++) {
      int previousType = i > 0 && label[i - 1] != other ? typeOf[label[i - 1]] : -1;
      if (label[i] == other && rescuable(sentence[i], i, previousType >= 0)) {
        double[] p = scorer.eval(generator.getContext(i, sentence, labels, null));
        if (p[other] < outsideThreshold) {
          // The name type with the most probability mass; continue the name before if it has that type.
          double[] mass = new double[types.size()];
          for (int k = 0; k < p.length; k++) {
            if (k != other && (!continues[k] || typeOf[k] == previousType)) {
              mass[typeOf[k]] += p[k];
            }
          }
          int t = 0;
          for (int k = 1; k < mass.length; k++) {
            if (mass[k] > mass[t]) {
              t = k;
            }
          }
          label[i] = outcomeIndex(t, t == previousType);
          inside[i] = 1 - p[other];
          changed = true;
        }
      } else {
        inside[i] = -1;
      }
      labels[i] = outcomes[label[i]];
    }
    if (!changed) {
      return spans;
    }
    List<Span> out = new ArrayList<>();
    int i = 0;
    int b = 0;
    while (i < n) {
      if (label[i] == other) {
        i++;
        continue;
      }
      int start = i;
      int t = typeOf[label[i]];
      i++;
      while (i < n && label[i] != other && continues[label[i]] && typeOf[label[i]] == t) {
        i++;
      }
      while (b < spans.length && spans[b].getStart() < start) {
        b++;
      }
      if (b < spans.length && spans[b].getStart() >= start && spans[b].getEnd() <= i) {
        // The beam's span, possibly grown by rescued tokens: it keeps the beam's probability.
        out.add(new Span(start, i, types.get(t), spans[b].getProb()));
        continue;
      }
      double sum = 0;
      for (int k = start; k < i; k++) {
        sum += inside[k];
      }
      out.add(new Span(start, i, types.get(t), score(sum / (i - start))));
    }
    return out.toArray(Span[]::new);
  }

  /**
   * Only capitalised words are rescued: punctuation, numbers, technical tokens ("db8::1") and lower-case words
   * ("again") next to a name stay outside it, however unsure the model is about them. A name does not start at
   * the sentence's first word (whose capital says nothing) nor at an all-capitals word (acronyms such as "IBAN" or
   * "ASAP" are more often labels than names).
   */
  private static boolean rescuable(String token, int index, boolean continuesName) {
    if (!Character.isUpperCase(token.charAt(0))) {
      return false;
    }
    return continuesName || index > 0 && !token.chars().allMatch(c -> !Character.isLetter(c) || Character.isUpperCase(c));
  }

  private int outcomeIndex(int type, boolean cont) {
    for (int k = 0; k < outcomes.length; k++) {
      if (k != other && typeOf[k] == type && continues[k] == cont) {
        return k;
      }
    }
    throw new IllegalStateException("no outcome for type " + types.get(type));
  }

  /**
   * Maps a rescued span's mean P(inside) from [1 - threshold, 0.5] onto [{@value #RESCUE_MIN}, 0.6]: just above the
   * default {@code minScore}, and below the structured recognizers, so that these weak spans never decide the type
   * of a merged overlap; a higher {@code minScore} drops them.
   */
  private double score(double inside) {
    double floor = 1 - outsideThreshold;
    return Math.min(0.6, RESCUE_MIN + (0.6 - RESCUE_MIN) * (inside - floor) / Math.max(1e-9, 0.5 - floor));
  }

  /** The score of a span rescued at the threshold. */
  static final double RESCUE_MIN = 0.41;

  private Span[] beam(String[] sentence) {
    @Nullable NameFinderME finder = finders.poll();
    if (finder == null) {
      finder = new NameFinderME(model);
    }
    try {
      Span[] spans = finder.find(sentence);
      finder.clearAdaptiveData();
      return spans;
    } finally {
      finders.offer(finder);
    }
  }

  /** The same model with another decision threshold ({@code NaN}: beam search only). */
  public NameModel withOutsideThreshold(double threshold) {
    return new NameModel(model, threshold);
  }
}
