package dev.confidant.pii;

import static java.util.Objects.requireNonNull;

/**
 * One recognized value in a text. Immutable. {@link #toString()} leaves the value out: it is personal data.
 *
 * @param type what kind of value
 * @param value the text between {@code start} and {@code end}
 * @param start the offset of the first char (UTF-16 index into the scanned text)
 * @param end the offset after the last char (exclusive)
 * @param score confidence in [0, 1]
 * @param explanation why it was recognized: recognizer, checks passed, context words; never the value itself
 */
public record PiiEntity(EntityType type, String value, int start, int end, double score, String explanation) {
  public PiiEntity {
    requireNonNull(type, "type");
    requireNonNull(value, "value");
    requireNonNull(explanation, "explanation");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
    if (score < 0 || score > 1) {
      throw new IllegalArgumentException("score must be in [0, 1]: " + score);
    }
  }

  /** The span length in chars. */
  public int length() {
    return end - start;
  }

  /** A copy with another score and explanation. */
  public PiiEntity withScore(double score, String explanation) {
    return new PiiEntity(type, value, start, end, Math.max(0, Math.min(1, score)), explanation);
  }

  @Override
  public String toString() {
    return "PiiEntity[" + type + " [" + start + ", " + end + ") score=" + score + " " + explanation + "]";
  }
}
