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

  /**
   * Whether {@code text} is a placeholder in either style, as the detokenizer recognizes it: a tag of ASCII letters
   * and underscores, {@code _} or a space, and a number, in square or angle brackets ({@code [NAME_1]},
   * {@code <EMAIL_2>}, {@code [Name 1]}). A caller's mapping ({@code X-Pii-Mapping}) whose keys are not
   * placeholders would never be restored.
   */
  public static boolean isPlaceholder(String text) {
    String t = text.strip();
    boolean bracketed = t.length() > 2 && (t.charAt(0) == '[' && t.endsWith("]") || t.charAt(0) == '<'
        && t.endsWith(">"));
    return bracketed && dev.confidant.pii.internal.mapping.Placeholders.canonical(t) != null;
  }

  /** The placeholder for a tag and number, e.g. {@code format("NAME", 1)} is {@code [NAME_1]}. */
  public String format(String tag, int number) {
    return open + tag + '_' + number + close;
  }
}
