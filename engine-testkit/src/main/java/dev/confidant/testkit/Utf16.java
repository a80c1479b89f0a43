package dev.confidant.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** UTF-16 helpers for splitting scripted text at code-point boundaries. Stateless and thread-safe. */
final class Utf16 {
  private Utf16() {}

  /** The char index of the first lone surrogate, or -1 when the text is well-formed UTF-16. */
  static int loneSurrogateAt(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Checks that a fragment is well-formed UTF-16.
   *
   * @throws IllegalArgumentException naming the fragment and the offset of its lone surrogate
   */
  static String requireWellFormed(String fragment, String what) {
    int at = loneSurrogateAt(fragment);
    if (at >= 0) {
      throw new IllegalArgumentException(what + " has a lone surrogate at char " + at + " (U+"
          + Integer.toHexString(fragment.charAt(at)).toUpperCase(Locale.ROOT)
          + "); split text at code-point boundaries only: " + escape(fragment));
    }
    return fragment;
  }

  /** Splits text into pieces of {@code codePoints} code points (the last may be shorter); none for "". */
  static List<String> splitEvery(String text, int codePoints) {
    if (codePoints < 1) {
      throw new IllegalArgumentException("codePoints must be >= 1, was " + codePoints);
    }
    List<String> pieces = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = start;
      for (int n = 0; n < codePoints && end < text.length(); n++) {
        end = text.offsetByCodePoints(end, 1);
      }
      pieces.add(text.substring(start, end));
      start = end;
    }
    return pieces;
  }

  /**
   * Splits text at char offsets, which must be strictly increasing, inside {@code (0, length)} and not between the
   * two halves of a surrogate pair.
   *
   * @throws IllegalArgumentException on an offset that breaks these rules
   */
  static List<String> splitAt(String text, int... offsets) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    for (int offset : offsets) {
      if (offset <= start || offset >= text.length()) {
        throw new IllegalArgumentException("split offset " + offset + " must be in (" + start + ", " + text.length()
            + "): offsets must increase and lie inside the text");
      }
      if (Character.isHighSurrogate(text.charAt(offset - 1)) && Character.isLowSurrogate(text.charAt(offset))) {
        throw new IllegalArgumentException("split offset " + offset + " is inside the surrogate pair of U+"
            + Integer.toHexString(text.codePointAt(offset - 1)).toUpperCase(Locale.ROOT)
            + "; split at code-point boundaries (combining sequences may be split)");
      }
      pieces.add(text.substring(start, offset));
      start = offset;
    }
    if (start < text.length()) {
      pieces.add(text.substring(start));
    }
    return pieces;
  }

  /**
   * The number of whitespace-separated words: what {@code text.strip().split("\\s+").length} counts (0 for a blank
   * text), in one pass without a regex or a copy, since a scripted backend counts every prompt.
   */
  static int wordCount(String text) {
    int from = 0;
    int to = text.length();
    while (from < to && Character.isWhitespace(text.charAt(from))) {
      from++;
    }
    while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
      to--;
    }
    int words = 0;
    boolean inWord = false;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
    }
    return words;
  }

  /** The text with every non-ASCII or control char as {@code \}{@code uXXXX}, for failure messages. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else {
        out.append(String.format("\\u%04X", (int) c));
      }
    }
    return out.toString();
  }
}
