package dev.confidant.pii.internal.token;

import dev.confidant.pii.internal.mapping.Placeholders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The previous, char-at-a-time detokenizer and hold-back rule, kept as the specification the fast paths are
 * compared with. The only change is the tag-length rule of {@link #viable}: a 32-char tag followed by its
 * separator is viable, as {@link #parse} accepts it (the old rule cut it off, so streaming differed there).
 */
final class ReferenceDetokenizer {
  private ReferenceDetokenizer() {}

  static String detokenize(String text, Function<String, @Nullable String> lookup) {
    StringBuilder out = new StringBuilder();
    process(text, 0, text.length(), '\n', lookup, out);
    return out.toString();
  }

  static void process(CharSequence text, int from, int to, char prev, Function<String, @Nullable String> lookup,
      StringBuilder out) {
    int i = from;
    while (i < to) {
      char c = text.charAt(i);
      char before = i == from ? prev : text.charAt(i - 1);
      int end = -1;
      if (c == '[' || c == '<') {
        int[] parsed = parse(text, i + 1, to, true);
        if (parsed != null && parsed[0] < to && (text.charAt(parsed[0]) == ']' || text.charAt(parsed[0]) == '>')) {
          end = parsed[0] + 1;
          String value = lookup.apply(key(text, i + 1, parsed));
          out.append(value != null ? value : text.subSequence(i, end));
        }
      } else if (isAsciiLetter(c) && !isWordChar(before)) {
        int[] parsed = parse(text, i, to, false);
        String value = parsed == null ? null : lookup.apply(key(text, i, parsed));
        if (value != null) {
          out.append(value);
          end = parsed[0];
        }
      }
      if (end > i) {
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
  }

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

  /** The old streaming hold-back, rescanning the whole held text on every fragment. */
  static final class Pending {
    private final Function<String, @Nullable String> lookup;
    private final StringBuilder held = new StringBuilder();
    private char prev = '\n';

    Pending(Function<String, @Nullable String> lookup) {
      this.lookup = lookup;
    }

    String accept(String fragment) {
      held.append(fragment);
      int cut = cutPoint();
      StringBuilder out = new StringBuilder();
      process(held, 0, cut, prev, lookup, out);
      if (cut > 0) {
        prev = held.charAt(cut - 1);
        held.delete(0, cut);
      }
      return out.toString();
    }

    String flush() {
      StringBuilder out = new StringBuilder();
      process(held, 0, held.length(), prev, lookup, out);
      if (!held.isEmpty()) {
        prev = held.charAt(held.length() - 1);
        held.setLength(0);
      }
      return out.toString();
    }

    int heldLength() {
      return held.length();
    }

    private int cutPoint() {
      int len = held.length();
      for (int q = Math.max(0, len - Detokenizer.MAX_PLACEHOLDER); q < len; q++) {
        char c = held.charAt(q);
        char before = q == 0 ? prev : held.charAt(q - 1);
        if ((c == '[' || c == '<') && viable(held, q + 1, true)
            || isAsciiLetter(c) && !isWordChar(before) && viable(held, q, false)) {
          return q;
        }
      }
      return len;
    }
  }

  static boolean viable(CharSequence held, int p, boolean bracketed) {
    int len = held.length();
    int start = p;
    int state = 0;
    boolean underscore = false;
    int digits = 0;
    int runLength = 0;
    for (; p < len; p++) {
      char c = held.charAt(p);
      switch (state) {
        case 0 -> {
          if (isAsciiLetter(c)) {
            runLength++;
          } else if (runLength > 0 && (c == '_' || bracketed && c == ' ')) {
            underscore = c == '_';
            state = 1;
          } else {
            return false;
          }
        }
        case 1 -> {
          if (c >= '0' && c <= '9') {
            state = 2;
            digits = 1;
          } else if (underscore && isAsciiLetter(c)) {
            state = 0;
            runLength = 1;
          } else {
            return false;
          }
        }
        default -> {
          if (c < '0' || c > '9' || ++digits > Placeholders.MAX_DIGITS) {
            return false;
          }
        }
      }
      // Tag chars (letters, and underscores inside the tag) at most MAX_TAG; the separator may follow them.
      if (state == 0 && p - start >= Placeholders.MAX_TAG) {
        return false;
      }
    }
    return true;
  }

  /** Random texts from placeholder-ish atoms, for the property tests. */
  static String randomText(java.util.Random random, int atomsMax) {
    StringBuilder b = new StringBuilder();
    for (int k = random.nextInt(atomsMax); k >= 0; k--) {
      b.append(ATOMS[random.nextInt(ATOMS.length)]);
    }
    return b.toString();
  }

  static final String LONG_TAG = "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEF"; // 32 chars
  static final String[] ATOMS = {"[NAME_1]", "NAME_1", "[NAME 1]", "<EMAIL_1>", "[", "]", "<", ">", "_", "__", "1",
      "12", " ", "NAME", "name", "Name_12", "x", "é", "😀", "[FOO_3]", "'s", "\n", "COMPANY_ID_1", "company_id_1",
      "[COMPANY ID_1]", "ID_1", "_1", "1234567890", "NAME_1234567890", LONG_TAG, LONG_TAG + "_1", "[" + LONG_TAG + "_2]",
      LONG_TAG + "G_1", "[Name_1>", "(", ")", ".", "a_b_c_1", "NAME_01", "[NAME_1]x", "snake_case_1", "Phase 1",
      "ß", "ÄNAME_1", "\u00AA", "\t"};

  /** Random cut points of a text. */
  static List<String> randomSplit(java.util.Random random, String text, int maxPart) {
    List<String> parts = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      int next = Math.min(text.length(), at + 1 + random.nextInt(maxPart));
      parts.add(text.substring(at, next));
      at = next;
    }
    return parts;
  }
}
