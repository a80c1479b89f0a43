package dev.confidant.pii.internal.token;

import dev.confidant.pii.internal.mapping.Placeholders;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Restores placeholders in one left-to-right pass: linear in the text, one hash lookup per placeholder-shaped
 * token, independent of the mapping's size. Accepts what models make of placeholders: {@code [NAME_1]},
 * {@code <NAME_1>}, {@code [Name_1]}, {@code [NAME 1]}, bare {@code NAME_1} (at a word start), followed by
 * anything ({@code [NAME_1]'s}). A placeholder the mapping does not know is left as it is, and so is ordinary
 * text: only a tag-underscore-number shape (or a bracketed tag-space-number) is ever looked up. Stateless and
 * thread-safe.
 */
public final class Detokenizer {
  /** Longest placeholder: opener, tag, separator, digits, closer. */
  static final int MAX_PLACEHOLDER = 1 + Placeholders.MAX_TAG + 1 + Placeholders.MAX_DIGITS + 1;

  private Detokenizer() {}

  /**
   * Restores a whole text.
   *
   * @param lookup canonical key ({@code NAME_1}) to value, or {@code null} if unknown
   */
  public static String detokenize(String text, Function<String, @Nullable String> lookup) {
    if (text.indexOf('_') < 0 && text.indexOf('[') < 0 && text.indexOf('<') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    process(text, 0, text.length(), '\n', lookup, out);
    return out.toString();
  }

  /**
   * Restores {@code text[from, to)} into {@code out}, treating {@code to} as the end of the text.
   *
   * @param prev the character before {@code from} ({@code '\n'} at the start), for the word-start rule
   */
  static void process(CharSequence text, int from, int to, char prev, Function<String, @Nullable String> lookup,
      StringBuilder out) {
    int i = from;
    while (i < to) {
      char c = text.charAt(i);
      char before = i == from ? prev : text.charAt(i - 1);
      int end = -1;
      if (c == '[' || c == '<') {
        end = bracketed(text, i, to, lookup, out);
      } else if (isAsciiLetter(c) && !isWordChar(before)) {
        end = bare(text, i, to, lookup, out);
      }
      if (end > i) {
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
  }

  /** Handles {@code [TAG_N]} at {@code i}; returns the end consumed (and appended), or -1. */
  private static int bracketed(CharSequence text, int i, int to, Function<String, @Nullable String> lookup,
      StringBuilder out) {
    int[] parsed = parse(text, i + 1, to, true);
    if (parsed == null || parsed[0] >= to || !isCloser(text.charAt(parsed[0]))) {
      return -1;
    }
    int end = parsed[0] + 1;
    String value = lookup.apply(key(text, i + 1, parsed));
    out.append(value != null ? value : text.subSequence(i, end));
    return end;
  }

  /** Handles bare {@code TAG_N} at {@code i}; returns the end consumed (and appended), or -1. */
  private static int bare(CharSequence text, int i, int to, Function<String, @Nullable String> lookup,
      StringBuilder out) {
    int[] parsed = parse(text, i, to, false);
    if (parsed == null) {
      return -1;
    }
    String value = lookup.apply(key(text, i, parsed));
    if (value == null) {
      // Unknown: emit the letters only and rescan after them, exactly as the plain loop would.
      return -1;
    }
    out.append(value);
    return parsed[0];
  }

  /**
   * Parses {@code TAG SEP DIGITS} from {@code i}. Returns {end, tagEnd, digitsStart} or {@code null}. The tag is
   * ASCII letters in runs joined by underscores; the separator is {@code _} (or a space when bracketed); digits
   * run greedily to the first non-digit.
   */
  static int @Nullable [] parse(CharSequence text, int i, int to, boolean bracketed) {
    int p = i;
    while (true) {
      int run = p;
      while (p < to && isAsciiLetter(text.charAt(p))) {
        p++;
      }
      if (p == run || p - i > Placeholders.MAX_TAG || p >= to) {
        return null;
      }
      char sep = text.charAt(p);
      if (sep != '_' && !(bracketed && sep == ' ')) {
        return null;
      }
      if (p + 1 >= to) {
        return null;
      }
      char next = text.charAt(p + 1);
      if (next >= '0' && next <= '9') {
        int d = p + 1;
        while (d < to && text.charAt(d) >= '0' && text.charAt(d) <= '9') {
          d++;
        }
        if (d - p - 1 > Placeholders.MAX_DIGITS) {
          return null;
        }
        return new int[] {d, p, p + 1};
      }
      if (sep == '_' && isAsciiLetter(next)) {
        p++;
        continue;
      }
      return null;
    }
  }

  private static String key(CharSequence text, int tagStart, int[] parsed) {
    return text.subSequence(tagStart, parsed[1]).toString().toUpperCase(Locale.ROOT) + "_"
        + text.subSequence(parsed[2], parsed[0]);
  }

  static boolean isAsciiLetter(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
  }

  static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static boolean isCloser(char c) {
    return c == ']' || c == '>';
  }
}
