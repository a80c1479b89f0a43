package dev.confidant.rag.internal.index;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * Language-aware analysis: each chunk is indexed into the text field of its detected language, whose analyzer
 * stems and removes stop words for that language; a query is analyzed for, and matched against, the fields of
 * the languages the index holds, narrowed to the query's own language when its stop words name one. Detection
 * counts stop words, which is reliable on passages of a few sentences and needs no model. Immutable and
 * thread-safe.
 */
public final class Languages {
  private static final CharArraySet EN_STOP = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;
  private static final CharArraySet DE_STOP = GermanAnalyzer.getDefaultStopSet();

  private Languages() {}

  /** The analyzer for the index: English and German text fields; keyword fields are never analyzed. */
  public static Analyzer indexAnalyzer() {
    return new PerFieldAnalyzerWrapper(new StandardAnalyzer(),
        Map.of(Fields.TEXT_EN, new EnglishAnalyzer(), Fields.TEXT_DE, new GermanAnalyzer()));
  }

  /** The text field for a passage: {@link Fields#TEXT_DE} if it reads as German, else {@link Fields#TEXT_EN}. */
  public static String fieldFor(String text) {
    int[] counts = stopWordCounts(text);
    return counts[1] > counts[0] ? Fields.TEXT_DE : Fields.TEXT_EN;
  }

  /**
   * The text field of a query's language when its stop words are of that language only, else empty: a short
   * query often has no stop words, or a few of each, and then says nothing reliable about its language.
   */
  public static Optional<String> detect(String text) {
    int[] counts = stopWordCounts(text);
    if (counts[0] > 0 && counts[1] == 0) {
      return Optional.of(Fields.TEXT_EN);
    }
    if (counts[1] > 0 && counts[0] == 0) {
      return Optional.of(Fields.TEXT_DE);
    }
    return Optional.empty();
  }

  /** English-only and German-only stop words in a text; words in both lists ("in", "so") count for neither. */
  private static int[] stopWordCounts(String text) {
    int en = 0;
    int de = 0;
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
      if (word.isEmpty()) {
        continue;
      }
      boolean isEn = EN_STOP.contains(word);
      boolean isDe = DE_STOP.contains(word);
      if (isEn && !isDe) {
        en++;
      } else if (isDe && !isEn) {
        de++;
      }
    }
    return new int[] {en, de};
  }
}
