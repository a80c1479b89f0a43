package dev.confidant.pii.internal.token;

import dev.confidant.pii.internal.mapping.Placeholders;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One streamed text (a choice's content or one tool call's arguments) being restored: releases everything up to
 * the start of a trailing partial placeholder and holds that back, never more than
 * {@link Detokenizer#MAX_PLACEHOLDER} chars. Output equals {@link Detokenizer#detokenize} of the whole text,
 * however it is split. Not thread-safe (one per stream field).
 */
final class PendingText {
  private final Function<String, @Nullable String> lookup;
  private final StringBuilder held = new StringBuilder();
  private char prev = '\n';

  PendingText(Function<String, @Nullable String> lookup) {
    this.lookup = lookup;
  }

  /** Appends a fragment; returns what can be released now (possibly empty). */
  String accept(String fragment) {
    held.append(fragment);
    int cut = cutPoint();
    StringBuilder out = new StringBuilder(cut + 16);
    Detokenizer.process(held, 0, cut, prev, lookup, out);
    if (cut > 0) {
      prev = held.charAt(cut - 1);
      held.delete(0, cut);
    }
    return out.toString();
  }

  /** Releases whatever is held (end of the text). */
  String flush() {
    StringBuilder out = new StringBuilder(held.length());
    Detokenizer.process(held, 0, held.length(), prev, lookup, out);
    if (!held.isEmpty()) {
      prev = held.charAt(held.length() - 1);
      held.setLength(0);
    }
    return out.toString();
  }

  /** How many chars are held back. */
  int heldLength() {
    return held.length();
  }

  /** The earliest start of a suffix that may still grow into a placeholder, or the length if none. */
  private int cutPoint() {
    int len = held.length();
    for (int q = Math.max(0, len - Detokenizer.MAX_PLACEHOLDER); q < len; q++) {
      char c = held.charAt(q);
      char before = q == 0 ? prev : held.charAt(q - 1);
      if ((c == '[' || c == '<') && viable(q + 1, true)
          || Detokenizer.isAsciiLetter(c) && !Detokenizer.isWordChar(before) && viable(q, false)) {
        return q;
      }
    }
    return len;
  }

  /** Whether {@code held[p..]} is a proper prefix of {@code TAG SEP DIGITS}, digits possibly continuing. */
  private boolean viable(int p, boolean bracketed) {
    int len = held.length();
    int start = p;
    int state = 0; // 0 = tag run, 1 = after separator, 2 = digits
    boolean underscore = false;
    int digits = 0;
    int runLength = 0;
    for (; p < len; p++) {
      char c = held.charAt(p);
      switch (state) {
        case 0 -> {
          if (Detokenizer.isAsciiLetter(c)) {
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
          } else if (underscore && Detokenizer.isAsciiLetter(c)) {
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
      if (state < 2 && p - start >= Placeholders.MAX_TAG) {
        return false;
      }
    }
    return true;
  }
}
