package dev.confidant.pii.internal.mapping;

import org.jspecify.annotations.Nullable;

/**
 * Finds the value of a placeholder straight from the text it occurs in, without building a key string: the
 * detokenizer's one question per placeholder-shaped token. Implementations must be safe to call from any thread.
 */
@FunctionalInterface
public interface PlaceholderLookup {
  /** A lookup that knows nothing. */
  PlaceholderLookup EMPTY = (text, start, sep, end) -> null;

  /**
   * The value of the placeholder {@code text[start, end)} without its brackets: a tag of ASCII letters and
   * underscores ({@code text[start, sep)}, any case), a separator at {@code sep} ({@code _} or a space) and
   * decimal digits up to {@code end}. It is looked up as its canonical key, the tag upper-cased and the separator
   * an underscore ({@code [Name 1]} as {@code NAME_1}).
   *
   * @return the value, or {@code null} if unknown
   */
  @Nullable String value(String text, int start, int sep, int end);
}
