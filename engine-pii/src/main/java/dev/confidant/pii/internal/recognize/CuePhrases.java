package dev.confidant.pii.internal.recognize;

import dev.confidant.pii.PiiEntity;
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

  /** Words one space or one apostrophe apart: "my name is", "je m'appelle", "i'm from". */
  static final Gap SPACE_OR_APOSTROPHE = (scan, k) -> {
    String gap = scan.text().substring(scan.wordEnd(k), scan.wordStart(k + 1));
    return gap.equals(" ") || gap.equals("'") || gap.equals("\u2019");
  };

  /**
   * A cue phrase found at a word.
   *
   * @param cue the phrase's words joined by one space
   * @param start the index of the phrase's first word
   * @param after the index of the first word after the phrase
   */
  record Match(String cue, int start, int after) {}

  /** What a recognizer makes of one cue phrase it was shown. */
  @FunctionalInterface
  interface Reader {
    /**
     * Adds what follows the cue to {@code out}, if anything, and returns the last word it used: the search goes on
     * after it ({@code match.start()} when it used none).
     */
    int read(Scan scan, Match match, List<PiiEntity> out);
  }

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

  /**
   * Shows {@code reader} the longest phrase at each word, left to right, skipping the words it used; returns what it
   * added. A scan without a word that opens a phrase costs one look-up.
   */
  List<PiiEntity> find(Scan scan, Reader reader) {
    if (!scan.hasAnyWord(firstWords)) {
      return List.of();
    }
    List<PiiEntity> out = new ArrayList<>();
    for (int k = 0; k < scan.wordCount(); k++) {
      Match match = longestAt(scan, k);
      if (match != null) {
        k = Math.max(k, reader.read(scan, match, out));
      }
    }
    return out;
  }

  /** The longest phrase that starts at word {@code k}, or {@code null}. */
  private @Nullable Match longestAt(Scan scan, int k) {
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
    return best == null ? null : new Match(String.join(" ", best), k, after);
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
