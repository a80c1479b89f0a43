package dev.confidant.rag.internal.ingest;

/**
 * Counts the characters a parser extracts and stops it once they pass {@code IngestLimits.maxExtractedChars}, so
 * that a document that expands (a compressed PDF stream, a sheet of a million rows) fails early instead of filling
 * the heap. Not thread-safe: one per document.
 */
final class TextBudget {
  private final long max;
  private long spent;

  TextBudget(long max) {
    this.max = max;
  }

  /**
   * Counts {@code text}.
   *
   * @throws TooLargeException once the document's text passes the limit
   */
  void spend(String text) throws TooLargeException {
    spent += text.length();
    if (spent > max) {
      throw new TooLargeException("its text passes " + max + " characters (IngestLimits.maxExtractedChars)");
    }
  }
}
