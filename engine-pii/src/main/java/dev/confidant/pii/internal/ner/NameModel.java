package dev.confidant.pii.internal.ner;

import dev.confidant.api.EngineConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ConcurrentLinkedQueue;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.Span;
import org.jspecify.annotations.Nullable;

/**
 * The shipped person/organisation/location model ({@value #RESOURCE}), trained by {@link NameModelTrainer}.
 * Thread-safe: {@link NameFinderME} is not, so finders are pooled and each call borrows one.
 */
public final class NameModel {
  /** Class-path location of the trained model. */
  public static final String RESOURCE = "/dev/confidant/pii/internal/ner/names-en-de.bin";

  private final TokenNameFinderModel model;
  private final ConcurrentLinkedQueue<NameFinderME> pool = new ConcurrentLinkedQueue<>();

  private NameModel(TokenNameFinderModel model) {
    this.model = model;
  }

  /** Wraps a model. */
  public static NameModel of(TokenNameFinderModel model) {
    return new NameModel(model);
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
      // Beam width 3 (OpenNLP's default): width 1 was about 3x faster but cost 2-3 points of recall.
      return new NameModel(new TokenNameFinderModel(in));
    } catch (IOException e) {
      throw new EngineConfigException("cannot read name model " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /** Finds names in one sentence's tokens; spans carry the type (PER, ORG, LOC) and probability. */
  Span[] find(String[] sentence) {
    @Nullable NameFinderME finder = pool.poll();
    if (finder == null) {
      finder = new NameFinderME(model);
    }
    try {
      Span[] spans = finder.find(sentence);
      // Adaptive features remember earlier tokens; one text's names must not leak into the next.
      finder.clearAdaptiveData();
      return spans;
    } finally {
      pool.offer(finder);
    }
  }
}
