package dev.confidant.pii.internal.token;

import dev.confidant.pii.internal.mapping.PlaceholderLookup;
import dev.confidant.pii.internal.mapping.Placeholders;

/**
 * One streamed text (a choice's content or one tool call's arguments) being restored: releases everything up to
 * the start of a trailing partial placeholder and holds that back, never more than
 * {@link Detokenizer#MAX_PLACEHOLDER} chars. Output equals {@link Detokenizer#detokenize} of the whole text,
 * however it is split. Not thread-safe (one per stream field).
 *
 * <p>A fragment that completes nothing and leaves nothing held is returned as the same object. The cut point is
 * found backwards from the end (only the trailing run of placeholder chars can still grow into one), so a
 * fragment costs its own length, not a rescan of the held text position by position.
 */
final class PendingText {
  private final PlaceholderLookup lookup;
  /** The held text: empty, or a proper prefix of a placeholder from its first char; reused. */
  private final StringBuilder held = new StringBuilder(Detokenizer.MAX_PLACEHOLDER);
  private char prev = '\n';

  PendingText(PlaceholderLookup lookup) {
    this.lookup = lookup;
  }

  /** Appends a fragment; returns what can be released now (possibly empty; {@code fragment} if unchanged). */
  String accept(String fragment) {
    String text;
    if (held.isEmpty()) {
      text = fragment;
    } else {
      text = held.append(fragment).toString();
      held.setLength(0);
      if (held.capacity() > 4 * Detokenizer.MAX_PLACEHOLDER) {
        held.trimToSize(); // a long fragment came while holding: do not keep its buffer for the stream's life
      }
    }
    int cut = cutPoint(text);
    if (cut < text.length()) {
      held.append(text, cut, text.length());
    }
    return release(text, cut);
  }

  /** Releases whatever is held (end of the text). */
  String flush() {
    String text = held.toString();
    held.setLength(0);
    return release(text, text.length());
  }

  /** How many chars are held back. */
  int heldLength() {
    return held.length();
  }

  private String release(String text, int cut) {
    if (cut == 0) {
      return "";
    }
    StringBuilder restored = Detokenizer.restore(text, 0, cut, prev, lookup);
    prev = text.charAt(cut - 1);
    return restored == null ? text.substring(0, cut) : restored.toString();
  }

  /**
   * The earliest start of a suffix of {@code text} that may still grow into a placeholder, or its length if none.
   * Found from the end: a viable suffix is an opener or a word start followed by ASCII letters, digits and
   * underscores only, except {@code [TAG N} with one space; so the only starts to try are the start of the trailing
   * run of those chars, the opener before it, and the opener of a {@code [TAG } before trailing digits.
   */
  private int cutPoint(String text) {
    int len = text.length();
    int limit = Math.max(0, len - Detokenizer.MAX_PLACEHOLDER);
    int run = len;
    while (run > limit && isRunChar(text.charAt(run - 1))) {
      run--;
    }
    if (run > limit && text.charAt(run - 1) == ' ' && allDigits(text, run, len)) {
      // "[TAG 12": the tag before the space, then its opener.
      int tag = run - 1;
      while (tag > limit && isTagChar(text.charAt(tag - 1))) {
        tag--;
      }
      if (tag > limit && tag < run - 1 && Detokenizer.isOpener(text.charAt(tag - 1))
          && viable(text, tag, true)) {
        return tag - 1;
      }
    }
    if (run > limit && Detokenizer.isOpener(text.charAt(run - 1)) && viable(text, run, true)) {
      return run - 1;
    }
    if (run < len && run >= limit && Detokenizer.isAsciiLetter(text.charAt(run))
        && !Detokenizer.isWordChar(run == 0 ? prev : text.charAt(run - 1)) && viable(text, run, false)) {
      return run;
    }
    return len;
  }

  private static boolean isRunChar(char c) {
    return Detokenizer.isAsciiLetter(c) || Detokenizer.isDigit(c) || c == '_';
  }

  private static boolean isTagChar(char c) {
    return Detokenizer.isAsciiLetter(c) || c == '_';
  }

  private static boolean allDigits(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Detokenizer.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code text[p..]} is a proper prefix of {@code TAG SEP DIGITS}, digits possibly continuing, as
   * {@link Detokenizer#parse} reads it (tag at most {@link Placeholders#MAX_TAG} chars, at most
   * {@link Placeholders#MAX_DIGITS} digits).
   */
  static boolean viable(String text, int p, boolean bracketed) {
    int len = text.length();
    int start = p;
    int state = 0; // 0 = tag run, 1 = after separator, 2 = digits
    boolean underscore = false;
    int digits = 0;
    int runLength = 0;
    for (; p < len; p++) {
      char c = text.charAt(p);
      switch (state) {
        case 0 -> {
          if (Detokenizer.isAsciiLetter(c)) {
            if (p - start >= Placeholders.MAX_TAG) {
              return false;
            }
            runLength++;
          } else if (runLength > 0 && (c == '_' || bracketed && c == ' ')) {
            underscore = c == '_';
            state = 1;
          } else {
            return false;
          }
        }
        case 1 -> {
          if (Detokenizer.isDigit(c)) {
            state = 2;
            digits = 1;
          } else if (underscore && Detokenizer.isAsciiLetter(c)) {
            if (p - start >= Placeholders.MAX_TAG) {
              return false;
            }
            state = 0;
            runLength = 1;
          } else {
            return false;
          }
        }
        default -> {
          if (!Detokenizer.isDigit(c) || ++digits > Placeholders.MAX_DIGITS) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
