package dev.confidant.pii.internal.address;

import java.util.Arrays;

/**
 * A text cut into the tokens the address grammar reads: words (letters, inner {@code - ' ’}, an abbreviation's
 * final '.'), numbers (digits, an optional one- or two-letter suffix, inner {@code / -} digit groups, a final '.'),
 * line breaks, and single punctuation chars. Not thread-safe: one per text.
 */
final class Tokens {
  static final byte WORD = 1;
  static final byte NUM = 2;
  static final byte NL = 3;
  static final byte PUNCT = 4;

  final String text;
  byte[] kind = new byte[16];
  int[] start = new int[16];
  int[] end = new int[16];
  int size;

  Tokens(String text) {
    this.text = text;
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\n') {
        add(NL, i, i + 1);
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isLetter(c)) {
        int s = i;
        i++;
        while (i < n && (Character.isLetter(text.charAt(i)) || Character.getType(text.charAt(i)) == Character.NON_SPACING_MARK
            || (text.charAt(i) == '-' || text.charAt(i) == '\'' || text.charAt(i) == '\u2019') && i + 1 < n
            && Character.isLetter(text.charAt(i + 1)))) {
          i++;
        }
        if (i < n && text.charAt(i) == '.') {
          // The last part's start, searched within this word only: String.lastIndexOf ran back to the text's
          // start for every word and made a long message quadratic.
          int part = i;
          while (part > s && text.charAt(part - 1) != '-') {
            part--;
          }
          if (i - part <= 5 || i - part > 5 && text.regionMatches(true, i - 3, "str", 0, 3)) {
            i++; // an abbreviation's dot, also after a hyphen: "Heinrich-Heine-Str.", and a compound's: "Neißestr."
          }
        }
        add(WORD, s, i);
      } else if (c >= '0' && c <= '9') {
        int s = i;
        while (i < n && Character.isDigit(text.charAt(i))) {
          i++;
        }
        // "12a", "12bis" is too rare to matter; a one- or two-letter suffix not followed by a letter.
        int letters = 0;
        while (i + letters < n && Character.isLetter(text.charAt(i + letters)) && letters < 3) {
          letters++;
        }
        if (letters > 0 && letters <= 2 && !(i + letters < n && Character.isLetterOrDigit(text.charAt(i + letters)))) {
          i += letters;
        }
        if (i + 1 < n && text.charAt(i) == '/' && Character.isLetter(text.charAt(i + 1))
            && (i + 2 == n || !Character.isLetter(text.charAt(i + 2)))) {
          i += 2; // "08/B", "99/b"
        }
        while (i + 1 < n && (text.charAt(i) == '/' || text.charAt(i) == '-') && Character.isDigit(text.charAt(i + 1))) {
          i++;
          while (i < n && Character.isDigit(text.charAt(i))) {
            i++;
          }
        }
        if (i < n && text.charAt(i) == '.' && (i + 1 == n || Character.isWhitespace(text.charAt(i + 1))
            || text.charAt(i + 1) == ',')) {
          i++;
        }
        add(NUM, s, i);
      } else {
        add(PUNCT, i, i + 1);
        i++;
      }
    }
  }

  private void add(byte k, int s, int e) {
    if (size == kind.length) {
      kind = Arrays.copyOf(kind, size * 2);
      start = Arrays.copyOf(start, size * 2);
      end = Arrays.copyOf(end, size * 2);
    }
    kind[size] = k;
    start[size] = s;
    end[size] = e;
    size++;
  }

  String text(int t) {
    return text.substring(start[t], end[t]);
  }

  boolean is(int t, byte k) {
    return t >= 0 && t < size && kind[t] == k;
  }

  boolean punct(int t, char c) {
    return is(t, PUNCT) && text.charAt(start[t]) == c;
  }

  /** Digits of a number token, without suffix letters or a final '.'. */
  int digits(int t) {
    int d = 0;
    for (int i = start[t]; i < end[t] && Character.isDigit(text.charAt(i)); i++) {
      d++;
    }
    return d;
  }

  boolean capitalised(int t) {
    return is(t, WORD) && Character.isUpperCase(text.charAt(start[t]));
  }

  boolean allCaps(int t) {
    if (!is(t, WORD) || end[t] - start[t] < 2) {
      return false;
    }
    for (int i = start[t]; i < end[t]; i++) {
      if (Character.isLowerCase(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
