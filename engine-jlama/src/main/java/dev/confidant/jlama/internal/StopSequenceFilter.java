package dev.confidant.jlama.internal;

import java.util.List;

/**
 * Cuts the reply before the first occurrence of any stop sequence. While streaming, text that could be the start
 * of a stop sequence is held back until the following text shows whether it is one: nothing of a stop sequence is
 * ever emitted, and nothing else is held longer than that. Not thread-safe: one per generation.
 */
final class StopSequenceFilter {
  private final List<String> stops;
  private final StringBuilder held = new StringBuilder();

  /**
   * What to emit after one piece of text.
   *
   * @param text the text that is safe to emit now (possibly empty)
   * @param stopped whether a stop sequence was found: generation must end, and no more text be emitted
   */
  record Result(String text, boolean stopped) {}

  StopSequenceFilter(List<String> stops) {
    this.stops = stops.stream().filter(s -> !s.isEmpty()).toList();
  }

  /** Adds generated text. */
  Result accept(String text) {
    if (stops.isEmpty()) {
      return new Result(text, false);
    }
    held.append(text);
    int cut = -1;
    for (String stop : stops) {
      int at = held.indexOf(stop);
      if (at >= 0 && (cut < 0 || at < cut)) {
        cut = at;
      }
    }
    if (cut >= 0) {
      String before = held.substring(0, cut);
      held.setLength(0);
      return new Result(before, true);
    }
    int keep = longestSuffixStartingAStop();
    String safe = held.substring(0, held.length() - keep);
    held.delete(0, held.length() - keep);
    return new Result(safe, false);
  }

  /** The text held back when generation ends for another reason: it turned out not to be a stop sequence. */
  String finish() {
    String rest = held.toString();
    held.setLength(0);
    return rest;
  }

  private int longestSuffixStartingAStop() {
    int longest = 0;
    for (String stop : stops) {
      for (int k = Math.min(stop.length() - 1, held.length()); k > longest; k--) {
        if (held.substring(held.length() - k).equals(stop.substring(0, k))) {
          longest = k;
          break;
        }
      }
    }
    return longest;
  }
}
