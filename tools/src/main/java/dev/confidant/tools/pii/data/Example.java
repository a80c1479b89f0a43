package dev.confidant.tools.pii.data;

import java.util.List;

/**
 * One evaluation text with its gold spans.
 *
 * @param text the text
 * @param gold labelled spans, with evaluation classes (see {@code Scorer.classOf})
 * @param classes the classes this example is annotated for: predictions of other classes are not scored
 */
public record Example(String text, List<Span> gold, List<String> classes) {
  /**
   * A labelled or predicted span.
   *
   * @param cls evaluation class, e.g. {@code PERSON}
   * @param start start offset
   * @param end end offset, exclusive
   */
  public record Span(String cls, int start, int end) {
    /** Whether the spans share a character. */
    public boolean overlaps(Span o) {
      return start < o.end && o.start < end;
    }
  }
}
