package dev.confidant.pii.internal.recognize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Cue phrases looked up by their first word and matched word by word on a {@link Scan}, the longest first: the
 * shared front of the cue-driven recognizers ({@link OrganisationRecognizer}, {@link PersonCueRecognizer},
 * {@link AccountIdRecognizer}). Each recognizer says which gaps may stand between the words of a phrase. Immutable
 * and thread-safe.
 */
final class CuePhrases {

  /** Whether the gap after word {@code k} of a scan may stand inside a cue phrase. */
  @FunctionalInterface
  interface Gap {
    boolean joins(Scan scan, int k);
  }

  /**
   * A cue phrase found at a word.
   *
   * @param cue the phrase's words joined by one space
   * @param after the index of the first word after the phrase
   */
  record Match(String cue, int after) {}

  private final Map<String, List<String[]>> byFirst = new HashMap<>();
  private final Set<String> firstWords;
  private final Gap gap;

  /** Phrases as lower-case word arrays, split the way {@link Scan} splits words. */
  CuePhrases(List<String[]> phrases, Gap gap) {
    for (String[] words : phrases) {
      byFirst.computeIfAbsent(words[0], k -> new ArrayList<>()).add(words);
    }
    this.firstWords = Set.copyOf(byFirst.keySet());
    this.gap = gap;
  }

  /** Whether the scan holds a word that opens a phrase: a cheap test before looking at each word. */
  boolean anyIn(Scan scan) {
    return scan.hasAnyWord(firstWords);
  }

  /** The longest phrase that starts at word {@code k}, or {@code null}. */
  @Nullable Match longestAt(Scan scan, int k) {
    List<String[]> cues = byFirst.get(scan.lowerWord(k));
    if (cues == null) {
      return null;
    }
    int after = -1;
    String[] best = null;
    for (String[] words : cues) {
      int end = match(scan, k, words);
      if (end > after) {
        after = end;
        best = words;
      }
    }
    return best == null ? null : new Match(String.join(" ", best), after);
  }

  private int match(Scan scan, int k, String[] words) {
    if (k + words.length > scan.wordCount()) {
      return -1;
    }
    for (int w = 1; w < words.length; w++) {
      if (!scan.lowerWord(k + w).equals(words[w]) || !gap.joins(scan, k + w - 1)) {
        return -1;
      }
    }
    return k + words.length;
  }
}
