package dev.confidant.pii.internal.recognize;

import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds cue words near a span. Words are compared whole (a maximal run of letters and digits), never as
 * substrings, so "phone" cues "phone:" but not "earphones". Stateless and thread-safe.
 */
public final class ContextWords {
  /** Chars scanned on each side; a window in chars keeps the cost bounded whatever the words. */
  static final int WINDOW = 48;

  private ContextWords() {}

  /** The first cue word within the window before or after {@code [start, end)}, or {@code null}. */
  public static @Nullable String find(String text, int start, int end, Set<String> cues) {
    if (cues.isEmpty()) {
      return null;
    }
    String before = scan(text, Math.max(0, start - WINDOW), start, cues);
    return before != null ? before : scan(text, end, Math.min(text.length(), end + WINDOW), cues);
  }

  /** Whether a cue word occurs before {@code start} within the window. */
  public static @Nullable String findBefore(String text, int start, Set<String> cues) {
    return scan(text, Math.max(0, start - WINDOW), start, cues);
  }

  private static @Nullable String scan(String text, int from, int to, Set<String> cues) {
    int i = from;
    // A word cut by the window's left edge is not whole: skip it.
    if (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
      while (i < to && Character.isLetterOrDigit(text.charAt(i))) {
        i++;
      }
    }
    while (i < to) {
      if (!Character.isLetterOrDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int s = i;
      while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
        i++;
      }
      String word = text.substring(s, i).toLowerCase(Locale.ROOT);
      if (cues.contains(word)) {
        return word;
      }
    }
    return null;
  }
}
