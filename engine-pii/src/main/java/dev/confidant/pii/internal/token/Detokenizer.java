package dev.confidant.pii.internal.token;

import dev.confidant.pii.internal.mapping.PlaceholderLookup;
import dev.confidant.pii.internal.mapping.Placeholders;
import org.jspecify.annotations.Nullable;

/**
 * Restores placeholders in one left-to-right pass: linear in the text, one hash lookup per placeholder-shaped
 * token, independent of the mapping's size. Accepts what models make of placeholders: {@code [NAME_1]},
 * {@code <NAME_1>}, {@code [Name_1]}, {@code [NAME 1]}, bare {@code NAME_1} (at a word start), followed by
 * anything ({@code [NAME_1]'s}). A placeholder the mapping does not know is left as it is, and so is ordinary
 * text: only a tag-underscore-number shape (or a bracketed tag-space-number) is ever looked up. Stateless and
 * thread-safe.
 *
 * <p>The pass jumps between candidates with {@link String#indexOf(int, int, int)} (vectorised): every
 * bracketed placeholder starts with {@code [} or {@code <}, and every bare one has a {@code _} right after its
 * first letter run, so a bare candidate is found by looking back from each {@code _} over ASCII letters to a word
 * start. Text between replacements is copied in bulk; a text without a known placeholder is returned as is.
 */
public final class Detokenizer {
  /** Longest placeholder: opener, tag, separator, digits, closer. */
  static final int MAX_PLACEHOLDER = 1 + Placeholders.MAX_TAG + 1 + Placeholders.MAX_DIGITS + 1;

  private Detokenizer() {}

  /**
   * Restores a whole text.
   *
   * @param lookup the placeholders' values, looked up from the text (no key string is built)
   * @return the restored text; {@code text} itself if it holds no placeholder the lookup knows
   */
  public static String detokenize(String text, PlaceholderLookup lookup) {
    StringBuilder out = restore(text, 0, text.length(), '\n', lookup);
    return out == null ? text : out.toString();
  }

  /**
   * Restores {@code text[from, to)}, treating {@code to} as the end of the text.
   *
   * @param prev the character before {@code from} ({@code '\n'} at the start), for the word-start rule
   * @return the restored span, or {@code null} if it is unchanged (no placeholder the lookup knows)
   */
  static @Nullable StringBuilder restore(String text, int from, int to, char prev,
      PlaceholderLookup lookup) {
    if (to - from <= SHORT && !hasCandidateChar(text, from, to)) {
      return null; // streamed fragments: one scalar look instead of three indexOf calls
    }
    StringBuilder out = null;
    int copied = from; // text[from, copied) is in out
    int scan = from; // candidates before scan are decided
    int square = indexOf(text, '[', from, to);
    int angle = indexOf(text, '<', from, to);
    int underscore = indexOf(text, '_', from, to);
    while (true) {
      if (square < scan) {
        square = indexOf(text, '[', scan, to);
      }
      if (angle < scan) {
        angle = indexOf(text, '<', scan, to);
      }
      if (underscore < scan) {
        underscore = indexOf(text, '_', scan, to);
      }
      int open = Math.min(square, angle);
      if (open >= to && underscore >= to) {
        break;
      }
      if (open < underscore) {
        // A bracketed candidate; any bare candidate of a later '_' starts after it (letters lie in between).
        long parsed = parse(text, open + 1, to, true);
        int end = parsed < 0 ? -1 : (int) parsed;
        if (end < 0 || end >= to || !isCloser(text.charAt(end))) {
          scan = open + 1;
          continue;
        }
        int sep = (int) (parsed >>> 32);
        String value = lookup.value(text, open + 1, sep, end);
        scan = end + 1;
        if (value != null) {
          out = append(out, text, from, to, copied, open, value);
          copied = scan;
        }
        // Unknown: left in place (copied with the text around it), its inside is not tried again.
        continue;
      }
      // A '_' first: the only possible bare start is where the ASCII letter run ending before it starts.
      int start = underscore;
      int limit = Math.max(scan, underscore - Placeholders.MAX_TAG - 1);
      while (start > limit && isAsciiLetter(text.charAt(start - 1))) {
        start--;
      }
      scan = underscore + 1;
      if (start == underscore || underscore - start > Placeholders.MAX_TAG
          || isWordChar(start == from ? prev : text.charAt(start - 1))) {
        continue;
      }
      long parsed = parse(text, start, to, false);
      if (parsed < 0) {
        continue;
      }
      int end = (int) parsed;
      String value = lookup.value(text, start, (int) (parsed >>> 32), end);
      if (value != null) {
        out = append(out, text, from, to, copied, start, value);
        copied = end;
        scan = end;
      }
      // Unknown bare: nothing inside it (letters, '_', digits) starts another candidate; go on after the '_'.
    }
    if (out != null) {
      out.append(text, copied, to);
    }
    return out;
  }

  private static StringBuilder append(@Nullable StringBuilder out, String text, int from, int to, int copied,
      int at, String value) {
    StringBuilder b = out;
    if (b == null) {
      int len = to - from;
      b = new StringBuilder(len + (len >> 2) + value.length() + 16);
    }
    return b.append(text, copied, at).append(value);
  }

  /** Spans up to this length are first checked with one scalar loop. */
  static final int SHORT = 24;

  private static boolean hasCandidateChar(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '[' || c == '<' || c == '_') {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(String text, char c, int from, int to) {
    int i = text.indexOf(c, from, to);
    return i < 0 ? to : i;
  }

  /**
   * Parses {@code TAG SEP DIGITS} from {@code i}. Returns {@code separator << 32 | end} or -1. The tag is ASCII
   * letters in runs joined by underscores; the separator is {@code _} (or a space when bracketed); digits run
   * greedily to the first non-digit.
   */
  static long parse(String text, int i, int to, boolean bracketed) {
    int p = i;
    while (true) {
      int run = p;
      while (p < to && isAsciiLetter(text.charAt(p))) {
        p++;
      }
      if (p == run || p - i > Placeholders.MAX_TAG || p >= to) {
        return -1;
      }
      char sep = text.charAt(p);
      if (sep != '_' && !(bracketed && sep == ' ')) {
        return -1;
      }
      if (p + 1 >= to) {
        return -1;
      }
      char next = text.charAt(p + 1);
      if (next >= '0' && next <= '9') {
        int d = p + 2;
        while (d < to && isDigit(text.charAt(d))) {
          d++;
        }
        if (d - p - 1 > Placeholders.MAX_DIGITS) {
          return -1;
        }
        return (long) p << 32 | d;
      }
      if (sep == '_' && isAsciiLetter(next)) {
        p++;
        continue;
      }
      return -1;
    }
  }

  static boolean isAsciiLetter(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isWordChar(char c) {
    if (c < 128) {
      return isAsciiLetter(c) || isDigit(c) || c == '_';
    }
    return Character.isLetterOrDigit(c);
  }

  static boolean isOpener(char c) {
    return c == '[' || c == '<';
  }

  private static boolean isCloser(char c) {
    return c == ']' || c == '>';
  }
}
