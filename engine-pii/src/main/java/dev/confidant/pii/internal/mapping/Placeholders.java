package dev.confidant.pii.internal.mapping;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Parses placeholder strings into their canonical key ({@code [Name_1]} and {@code <NAME_1>} are {@code NAME_1}). */
public final class Placeholders {
  private Placeholders() {}

  /** Longest tag accepted; tags are short upper-case words. */
  public static final int MAX_TAG = 32;
  /** Most digits accepted in a placeholder number. */
  public static final int MAX_DIGITS = 9;

  /**
   * The canonical key {@code TAG_N} of a placeholder string, or {@code null} if it is not one. A key already
   * canonical is returned as it is.
   */
  public static @Nullable String canonical(String placeholder) {
    int from = 0;
    int to = placeholder.length();
    while (from < to && Character.isWhitespace(placeholder.charAt(from))) {
      from++;
    }
    while (to > from && Character.isWhitespace(placeholder.charAt(to - 1))) {
      to--;
    }
    if (to - from >= 2) {
      char open = placeholder.charAt(from);
      char close = placeholder.charAt(to - 1);
      if (open == '[' && close == ']' || open == '<' && close == '>') {
        from++;
        to--;
      }
    }
    int sep = to - 1;
    while (sep >= from && placeholder.charAt(sep) != '_' && placeholder.charAt(sep) != ' ') {
      sep--;
    }
    int tagLength = sep - from;
    if (tagLength <= 0 || sep == to - 1 || tagLength > MAX_TAG || to - sep - 1 > MAX_DIGITS
        || !Character.isLetter(placeholder.charAt(from))) {
      return null;
    }
    boolean upper = placeholder.charAt(sep) == '_';
    for (int i = sep + 1; i < to; i++) {
      char c = placeholder.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    for (int i = from; i < sep; i++) {
      char c = placeholder.charAt(i);
      if (c != '_' && !(c < 128 && Character.isLetter(c))) {
        return null;
      }
      upper &= c == '_' || c >= 'A' && c <= 'Z';
    }
    if (upper && from == 0 && to == placeholder.length()) {
      return placeholder;
    }
    return placeholder.substring(from, sep).toUpperCase(Locale.ROOT) + "_" + placeholder.substring(sep + 1, to);
  }

  /** The tag of a canonical key. */
  public static String tagOf(String canonical) {
    return canonical.substring(0, canonical.lastIndexOf('_'));
  }

  /** The number of a canonical key, or -1 if it does not fit an int. */
  public static int numberOf(String canonical) {
    String n = canonical.substring(canonical.lastIndexOf('_') + 1);
    try {
      return Integer.parseInt(n);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
