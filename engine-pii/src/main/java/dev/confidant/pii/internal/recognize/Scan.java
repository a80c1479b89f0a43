package dev.confidant.pii.internal.recognize;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the rule recognizers need to know about one text, computed once per text instead of once per rule: its
 * ASCII digit count, which ASCII characters it contains, where words start, and (on first use) its words,
 * lower-cased, for cue look-ups. Not thread-safe: one per text and call.
 */
final class Scan {
  private final String text;
  private final int digits;
  /** Bit {@code c} set when ASCII char {@code c} occurs (two 64-bit halves). */
  private final long low;
  private final long high;
  /** Positions {@code p} with {@code p == 0} or an ASCII non-word char at {@code p - 1}. */
  private final int[] boundaries;
  private final int boundaryCount;

  /** Maximal runs of {@link Character#isLetterOrDigit(char)}, in order; built on the first cue look-up. */
  private int @Nullable [] wordStarts;
  private int @Nullable [] wordEnds;
  private @Nullable String @Nullable [] lowered;
  private int words;

  Scan(String text) {
    this.text = text;
    int n = text.length();
    int d = 0;
    long lo = 0;
    long hi = 0;
    int[] b = new int[Math.max(1, n)];
    int count = 0;
    boolean prevWord = false;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (!prevWord) {
        b[count++] = i;
      }
      if (c < 64) {
        lo |= 1L << c;
      } else if (c < 128) {
        hi |= 1L << (c - 64);
      }
      if (c >= '0' && c <= '9') {
        d++;
      }
      prevWord = Prefilter.isWord(c);
    }
    this.digits = d;
    this.low = lo;
    this.high = hi;
    this.boundaries = b;
    this.boundaryCount = count;
  }

  String text() {
    return text;
  }

  /** How many ASCII digits the text holds. */
  int digits() {
    return digits;
  }

  /** Whether the text contains ASCII char {@code c}. */
  boolean contains(char c) {
    return c < 64 ? (low & 1L << c) != 0 : c < 128 && (high & 1L << (c - 64)) != 0;
  }

  /** Positions where a match that must not follow an ASCII word character can start; see {@link #boundaryCount}. */
  int[] boundaries() {
    return boundaries;
  }

  int boundaryCount() {
    return boundaryCount;
  }

  /** {@link ContextWords#find}, from the text's word index. */
  @Nullable String cue(int start, int end, Set<String> cues) {
    if (cues.isEmpty()) {
      return null;
    }
    if (wordStarts == null) {
      index();
    }
    String before = cueIn(Math.max(0, start - ContextWords.WINDOW), start, cues);
    return before != null ? before : cueIn(end, Math.min(text.length(), end + ContextWords.WINDOW), cues);
  }

  /** Whether any word of the text, lower-cased, is one of {@code cues}: else no match can have a cue near it. */
  boolean hasAnyWord(Set<String> cues) {
    if (cues.isEmpty()) {
      return false;
    }
    if (wordStarts == null) {
      index();
    }
    return cueIn(0, text.length(), cues) != null;
  }

  /** How many words ({@link Character#isLetterOrDigit} runs) the text has. */
  int wordCount() {
    if (wordStarts == null) {
      index();
    }
    return words;
  }

  /** Where word {@code k} starts; see {@link #wordCount()}. */
  int wordStart(int k) {
    return wordStarts[k];
  }

  /** Where word {@code k} ends (exclusive). */
  int wordEnd(int k) {
    return wordEnds[k];
  }

  /** Word {@code k}, lower-cased (root locale). */
  String lowerWord(int k) {
    String word = lowered[k];
    if (word == null) {
      word = text.substring(wordStarts[k], wordEnds[k]).toLowerCase(Locale.ROOT);
      lowered[k] = word;
    }
    return word;
  }

  /** The first cue among the words starting in {@code [from, to)}, as {@link ContextWords} scans them. */
  private @Nullable String cueIn(int from, int to, Set<String> cues) {
    int[] starts = wordStarts;
    int k = Arrays.binarySearch(starts, 0, words, from);
    for (k = k >= 0 ? k : -k - 1; k < words && starts[k] < to; k++) {
      String word = lowered[k];
      if (word == null) {
        word = text.substring(starts[k], wordEnds[k]).toLowerCase(Locale.ROOT);
        lowered[k] = word;
      }
      if (cues.contains(word)) {
        return word;
      }
    }
    return null;
  }

  private void index() {
    int n = text.length();
    int[] s = new int[8];
    int[] e = new int[8];
    int count = 0;
    int i = 0;
    while (i < n) {
      if (!Character.isLetterOrDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int from = i;
      while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
        i++;
      }
      if (count == s.length) {
        s = Arrays.copyOf(s, count * 2);
        e = Arrays.copyOf(e, count * 2);
      }
      s[count] = from;
      e[count] = i;
      count++;
    }
    wordStarts = s;
    wordEnds = e;
    lowered = new String[count];
    words = count;
  }
}
