package dev.confidant.pii.internal.lang;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Per-language lexicons of words and phrases that are never personal data on their own, read from this package's
 * {@code <lang>.txt} resources (our own lists, Apache-2.0). Each entry maps to a bit mask of (class, language)
 * pairs, so one look-up answers every question about a word. Entries are compared lower-cased, with typographic
 * apostrophes folded to {@code '}. Immutable and thread-safe; the lexicons are loaded once per class loader
 * (about 3,000 entries).
 */
public final class Lexicons {
  private static final int LANGS = Language.values().length;
  private static final Lexicons INSTANCE = load();

  /**
   * Normalized phrases in an open-addressing table (a power of two, at most half full), and each one's mask: bit
   * {@code class.ordinal() * LANGS + language.ordinal()}. Looked up by folding the asked phrase char by char, so a
   * look-up allocates nothing: the precision filter asks a dozen phrases per name span.
   */
  private final String[] keys;
  private final int[] masks;
  /** The most words any entry has. */
  private final int maxWords;

  private Lexicons(Map<String, Integer> entries, int maxWords) {
    int capacity = Integer.highestOneBit(Math.max(16, entries.size() * 2 - 1)) << 1;
    this.keys = new String[capacity];
    this.masks = new int[capacity];
    for (Map.Entry<String, Integer> e : entries.entrySet()) {
      // Folded char by char as look-ups fold, not by String.toLowerCase (which differs for a final sigma or 'İ').
      char[] folded = e.getKey().toCharArray();
      for (int c = 0; c < folded.length; c++) {
        folded[c] = fold(folded[c]);
      }
      String key = new String(folded);
      int i = hash(key, 0, key.length()) & capacity - 1;
      while (keys[i] != null && !keys[i].equals(key)) {
        i = i + 1 & capacity - 1;
      }
      keys[i] = key;
      masks[i] |= e.getValue();
    }
    this.maxWords = maxWords;
  }

  /** The shipped lexicons. */
  public static Lexicons get() {
    return INSTANCE;
  }

  /** Whether {@code phrase} is an entry of {@code cls} in {@code language}. */
  public boolean has(WordClass cls, Language language, String phrase) {
    return (mask(phrase) & bit(cls, language)) != 0;
  }

  /** Whether {@code phrase} is an entry of {@code cls} in any language. */
  public boolean has(WordClass cls, String phrase) {
    return (mask(phrase) & classBits(cls)) != 0;
  }

  /** Whether {@code phrase} is an entry of any class in any language. */
  public boolean hasAny(String phrase) {
    return mask(phrase) != 0;
  }

  /** Whether {@code text[start, end)} is an entry of {@code cls} in any language. */
  public boolean has(WordClass cls, CharSequence text, int start, int end) {
    return (mask(text, start, end) & classBits(cls)) != 0;
  }

  /** The languages (bit {@code Language.ordinal()}) in which {@code word} is a function word. */
  int functionLanguages(String lowerWord) {
    return mask(lowerWord) >>> (WordClass.FUNCTION.ordinal() * LANGS) & ((1 << LANGS) - 1);
  }

  /** The languages (bit {@code Language.ordinal()}) in which {@code text[start, end)} is a form label. */
  int labelLanguages(CharSequence text, int start, int end) {
    return mask(text, start, end) >>> (WordClass.LABEL.ordinal() * LANGS) & ((1 << LANGS) - 1);
  }

  /** The most words any entry has: longer phrases need not be looked up. */
  public int maxWords() {
    return maxWords;
  }

  /** The raw mask of a phrase; {@code 0} if it is no entry. Folds case and apostrophes. */
  int mask(String phrase) {
    return mask(phrase, 0, phrase.length());
  }

  /**
   * The raw mask of {@code text[start, end)} as {@link #normalize} folds it; {@code 0} if it is no entry. Test it
   * with {@link #bits}.
   */
  public int mask(CharSequence text, int start, int end) {
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    int m = keys.length - 1;
    for (int i = hash(text, start, end) & m; keys[i] != null; i = i + 1 & m) {
      if (foldedEquals(keys[i], text, start, end)) {
        return masks[i];
      }
    }
    return 0;
  }

  /** One char as {@link #normalize} folds it (whitespace runs are handled by the callers). */
  private static char fold(char c) {
    return c == '\u2019' ? '\'' : Character.toLowerCase(c);
  }

  /** A hash of the folded, stripped {@code text[start, end)}: whitespace runs count as one space. */
  private static int hash(CharSequence text, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        while (i + 1 < end && Character.isWhitespace(text.charAt(i + 1))) {
          i++;
        }
        c = ' ';
      }
      h = 31 * h + fold(c);
    }
    return h ^ h >>> 16;
  }

  private static boolean foldedEquals(String key, CharSequence text, int start, int end) {
    int k = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        while (i + 1 < end && Character.isWhitespace(text.charAt(i + 1))) {
          i++;
        }
        c = ' ';
      }
      if (k == key.length() || key.charAt(k++) != fold(c)) {
        return false;
      }
    }
    return k == key.length();
  }

  /** Lower case (root locale), typographic apostrophes as {@code '}, inner whitespace as one space. */
  public static String normalize(String phrase) {
    String s = phrase.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    return s.indexOf("  ") >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\t') >= 0 ? s.strip().replaceAll("\\s+", " ")
        : s;
  }

  /** The bit of {@link #mask} that stands for {@code cls} in {@code language}. */
  public static int bit(WordClass cls, Language language) {
    return 1 << (cls.ordinal() * LANGS + language.ordinal());
  }

  /** The bits of {@link #mask} that stand for {@code cls} in any language. */
  public static int bits(WordClass cls) {
    return classBits(cls);
  }

  private static int classBits(WordClass cls) {
    return ((1 << LANGS) - 1) << (cls.ordinal() * LANGS);
  }

  private static Lexicons load() {
    Map<String, Integer> entries = new HashMap<>();
    int maxWords = 1;
    for (Language language : Language.values()) {
      String resource = language.code() + ".txt";
      try (InputStream in = Lexicons.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("lexicon resource missing: " + resource);
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        WordClass cls = null;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          String l = line.strip();
          if (l.isEmpty() || l.startsWith("#")) {
            continue;
          }
          if (l.startsWith("[") && l.endsWith("]")) {
            cls = WordClass.valueOf(l.substring(1, l.length() - 1).toUpperCase(Locale.ROOT));
            continue;
          }
          if (cls == null) {
            throw new IllegalStateException(resource + ": entry before any [section]: " + l);
          }
          for (String entry : l.split(",")) {
            String e = normalize(entry.strip());
            if (!e.isEmpty()) {
              entries.merge(e, bit(cls, language), (a, b) -> a | b);
              maxWords = Math.max(maxWords, e.split(" ").length);
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read lexicon " + resource, e);
      }
    }
    return new Lexicons(entries, maxWords);
  }
}
