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

  /** Phrase to mask: bit {@code class.ordinal() * LANGS + language.ordinal()}. */
  private final Map<String, Integer> entries;
  /** The most words any entry has. */
  private final int maxWords;

  private Lexicons(Map<String, Integer> entries, int maxWords) {
    this.entries = Map.copyOf(entries);
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

  /** The languages (bit {@code Language.ordinal()}) in which {@code word} is a function word. */
  int functionLanguages(String lowerWord) {
    Integer m = entries.get(lowerWord);
    return m == null ? 0 : m >>> (WordClass.FUNCTION.ordinal() * LANGS) & ((1 << LANGS) - 1);
  }

  /** The most words any entry has: longer phrases need not be looked up. */
  public int maxWords() {
    return maxWords;
  }

  /** The raw mask of a phrase; {@code 0} if it is no entry. Folds case and apostrophes. */
  int mask(String phrase) {
    Integer m = entries.get(normalize(phrase));
    return m == null ? 0 : m;
  }

  /** Lower case (root locale), typographic apostrophes as {@code '}, inner whitespace as one space. */
  public static String normalize(String phrase) {
    String s = phrase.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    return s.indexOf("  ") >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\t') >= 0 ? s.strip().replaceAll("\\s+", " ")
        : s;
  }

  private static int bit(WordClass cls, Language language) {
    return 1 << (cls.ordinal() * LANGS + language.ordinal());
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
