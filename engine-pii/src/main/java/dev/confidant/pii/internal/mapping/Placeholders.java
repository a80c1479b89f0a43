package dev.confidant.pii.internal.mapping;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Parses placeholder strings into their canonical key ({@code [Name_1]} and {@code <NAME_1>} are {@code NAME_1}). */
public final class Placeholders {
  private Placeholders() {}

  /** Longest tag accepted; tags are short upper-case words. */
  public static final int MAX_TAG = 32;
  /** Most digits accepted in a placeholder number. */
  public static final int MAX_DIGITS = 9;

  /** The canonical key {@code TAG_N} of a placeholder string, or {@code null} if it is not one. */
  public static @Nullable String canonical(String placeholder) {
    String p = placeholder.strip();
    if (p.length() >= 2 && (p.charAt(0) == '[' && p.endsWith("]") || p.charAt(0) == '<' && p.endsWith(">"))) {
      p = p.substring(1, p.length() - 1);
    }
    int sep = Math.max(p.lastIndexOf('_'), p.lastIndexOf(' '));
    if (sep <= 0 || sep == p.length() - 1 || sep > MAX_TAG || p.length() - sep - 1 > MAX_DIGITS) {
      return null;
    }
    String tag = p.substring(0, sep);
    String num = p.substring(sep + 1);
    if (!num.chars().allMatch(c -> c >= '0' && c <= '9')
        || !Character.isLetter(tag.charAt(0))
        || !tag.chars().allMatch(c -> c == '_' || c < 128 && Character.isLetter(c))) {
      return null;
    }
    return tag.toUpperCase(Locale.ROOT) + "_" + num;
  }

  /** The tag of a canonical key. */
  public static String tagOf(String canonical) {
    return canonical.substring(0, canonical.lastIndexOf('_'));
  }

  /** The number of a canonical key, or -1 if it does not fit an int. */
  public static int numberOf(String canonical) {
    String n = canonical.substring(canonical.lastIndexOf('_') + 1);
    try {
      return Integer.parseInt(n);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
