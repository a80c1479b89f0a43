package dev.confidant.pii;

/** How placeholders are written. The detokenizer accepts both styles whichever is chosen. Thread-safe. */
public enum PlaceholderStyle {
  /** {@code [NAME_1]}, the platform's default. */
  SQUARE('[', ']'),
  /** {@code <NAME_1>}, for prompts where square brackets carry meaning (Markdown links). */
  ANGLE('<', '>');

  private final char open;
  private final char close;

  PlaceholderStyle(char open, char close) {
    this.open = open;
    this.close = close;
  }

  /** The placeholder for a tag and number, e.g. {@code format("NAME", 1)} is {@code [NAME_1]}. */
  public String format(String tag, int number) {
    return open + tag + '_' + number + close;
  }
}
