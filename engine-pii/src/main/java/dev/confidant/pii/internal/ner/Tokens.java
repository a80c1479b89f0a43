package dev.confidant.pii.internal.ner;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into tokens the way the training data (WikiANN, WNUT-17) is tokenized: whitespace-separated, with
 * leading and trailing punctuation split off, and sentences at {@code .!?} and line breaks (capped at
 * {@value #MAX_SENTENCE} tokens so the beam search stays cheap).
 *
 * @param tokens token texts
 * @param starts start offset of each token
 * @param ends end offset (exclusive) of each token
 */
record Tokens(List<String> tokens, int[] starts, int[] ends) {
  static final int MAX_SENTENCE = 80;

  /** Tokenizes a text. */
  static Tokens of(String text) {
    List<String> tokens = new ArrayList<>();
    List<int[]> spans = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int s = i;
      while (i < n && !Character.isWhitespace(text.charAt(i)) && (i == s || !isBreak(text.charAt(i)))) {
        i++;
      }
      int e = i;
      int ls = s;
      while (ls < e && isPunct(text.charAt(ls))) {
        add(text, ls, ls + 1, tokens, spans);
        ls++;
      }
      int re = e;
      while (re > ls && isPunct(text.charAt(re - 1))) {
        re--;
      }
      // "J.", "J.R.", "Mr.", "Dr.": the training data keeps an initial's or a title's full stop in the token, and
      // it ends no sentence ("Mr . Smith" made "Smith" a sentence's first word, which gets no recall bias).
      if (re < e && text.charAt(re) == '.' && abbreviation(text, ls, re)) {
        re++;
      }
      // "John's" -> "John", "'s": possessives glue to names in chat text but not in the training data.
      if (re - ls > 2 && (text.charAt(re - 2) == '\'' || text.charAt(re - 2) == '\u2019')
          && (text.charAt(re - 1) == 's' || text.charAt(re - 1) == 'S')) {
        add(text, ls, re - 2, tokens, spans);
        add(text, re - 2, re, tokens, spans);
      } else if (re > ls) {
        add(text, ls, re, tokens, spans);
      }
      for (int p = re; p < e; p++) {
        add(text, p, p + 1, tokens, spans);
      }
    }
    int[] starts = new int[spans.size()];
    int[] ends = new int[spans.size()];
    for (int k = 0; k < spans.size(); k++) {
      starts[k] = spans.get(k)[0];
      ends[k] = spans.get(k)[1];
    }
    return new Tokens(List.copyOf(tokens), starts, ends);
  }

  /** Token index ranges {@code [from, to)} of the sentences. */
  List<int[]> sentences(String text) {
    List<int[]> out = new ArrayList<>();
    int from = 0;
    for (int k = 0; k < tokens.size(); k++) {
      String t = tokens.get(k);
      boolean end = t.equals(".") || t.equals("!") || t.equals("?") || k + 1 < tokens.size() && newlineBetween(text, k);
      if (end || k + 1 - from >= MAX_SENTENCE) {
        out.add(new int[] {from, k + 1});
        from = k + 1;
      }
    }
    if (from < tokens.size()) {
      out.add(new int[] {from, tokens.size()});
    }
    return out;
  }

  private boolean newlineBetween(String text, int k) {
    for (int p = ends[k]; p < starts[k + 1]; p++) {
      if (text.charAt(p) == '\n') {
        return true;
      }
    }
    return false;
  }

  int size() {
    return tokens.size();
  }

  /** Tokens are user text: only their count is shown. */
  @Override
  public String toString() {
    return "Tokens[" + tokens.size() + "]";
  }

  private static void add(String text, int s, int e, List<String> tokens, List<int[]> spans) {
    tokens.add(text.substring(s, e));
    spans.add(new int[] {s, e});
  }

  /**
   * Characters that end a token even without whitespace before them, so that structured text such as a tool's
   * JSON result ({@code "owner":"Dr. Jonas Bauer","phone":...}) splits into words and punctuation.
   */
  /** Titles written with a full stop, lower case. */
  private static final java.util.Set<String> TITLES = java.util.Set.of("mr", "mrs", "ms", "dr", "prof", "st", "jr",
      "sr", "mme", "mlle", "hr", "fr", "dipl", "ing", "mag", "dott", "sig", "sra", "srta", "dhr", "mevr", "drs", "ir",
      "gen", "col", "capt", "lt", "sgt", "rev", "hon", "gov", "sen", "rep", "pres", "mx");

  /**
   * Whether {@code text[from, to)}, followed by a full stop, is an initial ("J", "J.R") or a title ("Mr", "Dr").
   */
  private static boolean abbreviation(String text, int from, int to) {
    int len = to - from;
    if (len == 1) {
      return Character.isUpperCase(text.charAt(from));
    }
    if (len == 3 && Character.isUpperCase(text.charAt(from)) && text.charAt(from + 1) == '.'
        && Character.isUpperCase(text.charAt(from + 2))) {
      return true;
    }
    return len <= 5 && Character.isUpperCase(text.charAt(from))
        && TITLES.contains(text.substring(from, to).toLowerCase(java.util.Locale.ROOT));
  }

  private static boolean isBreak(char c) {
    return switch (c) {
      case '"', '{', '}', '[', ']', '(', ')', '<', '>', '|', ';', '\u201c', '\u201d', '\u201e' -> true;
      default -> false;
    };
  }

  private static boolean isPunct(char c) {
    return switch (Character.getType(c)) {
      case Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.OTHER_PUNCTUATION,
           Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION, Character.DASH_PUNCTUATION,
           Character.MATH_SYMBOL -> c != '@' && c != '#' && c != '&' && c != '%';
      default -> false;
    };
  }
}
