package dev.confidant.pii.spi;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import java.util.List;
import java.util.Set;

/**
 * Finds values of some {@link EntityType}s in a text. Implementations must be thread-safe and must run in time
 * linear in the text (no regex that can backtrack catastrophically). Overlapping results of different
 * recognizers are merged by the detector, so a recognizer reports what it sees and need not coordinate.
 */
public interface Recognizer {

  /** A short unique name, used in explanations. */
  String name();

  /** The types this recognizer may report. */
  Set<EntityType> types();

  /**
   * Scans a text.
   *
   * @param text the text
   * @return the entities found, in any order; scores below the detector's threshold are dropped later
   */
  List<PiiEntity> recognize(String text);
}
