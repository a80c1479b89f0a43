package dev.confidant.rag.internal.index;

import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * Language-aware analysis: each chunk is indexed into the text field of its detected language, whose analyzer
 * stems and removes stop words for that language; a query is analyzed once per language and matched against
 * that language's field. Detection counts stop words, which is reliable on passages of a few sentences and
 * needs no model. Immutable and thread-safe.
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
    int en = 0;
    int de = 0;
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
      if (word.isEmpty()) {
        continue;
      }
      // Words in both lists ("in", "an", "so") count for neither.
      boolean isEn = EN_STOP.contains(word);
      boolean isDe = DE_STOP.contains(word);
      if (isEn && !isDe) {
        en++;
      } else if (isDe && !isEn) {
        de++;
      }
    }
    return de > en ? Fields.TEXT_DE : Fields.TEXT_EN;
  }
}
