package dev.confidant.pii.internal.recognize;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.internal.lang.Language;
import dev.confidant.pii.internal.lang.Lexicons;
import dev.confidant.pii.internal.lang.WordClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A German name in the genitive before what it owns: "Rilkes berühmtes Gedicht", "Kiplings Drang", "Picassos
 * wichtigste Vertraute", "Clintons wohlgefülltes Bankkonto". German puts a person's (or place's) name with an
 * {@code -s} before the noun, while a common noun's genitive follows its noun with an article ("das Gedicht des
 * Dichters"); so a capitalised word ending in {@code s} that is no noun ({@link CommonNouns}, also as a compound), no
 * function word and has no article or determiner among the two words before it, followed by an inflected adjective
 * or a listed noun, is a name. The name tagger missed these as single words it had never seen (GermEval, UNER
 * German-PUD dev: 8 persons, 2 places, 1 organisation, and no plain word, before this rule). Added as a person at
 * {@value #SCORE} where no other span covers the word. German text only. Linear in the text's words. Pure;
 * thread-safe.
 */
final class GermanGenitiveNames {
  private GermanGenitiveNames() {}

  /** The score of a name found so. */
  static final double SCORE = 0.6;
  /** Explanation of the spans this step adds. */
  static final String EXPLANATION = "names/genitive";

  /** Articles and determiners before a common noun's genitive ("des ersten Stahlschnitts"). */
  private static final Set<String> DETERMINERS = Set.of("des", "eines", "dieses", "jenes", "seines", "ihres",
      "meines", "deines", "unseres", "eures", "keines", "welches", "jedes", "manches", "der", "die", "das", "dem",
      "den", "ein", "eine", "einen", "einem", "einer");
  /** Capitalised words ending in s that are no names: pronouns and adverbs opening a sentence. */
  private static final Set<String> NOT_NAMES = Set.of("dies", "dieses", "alles", "allerdings", "etwas", "eines",
      "meines", "deines", "seines", "ihres", "jedes", "manches", "nichts", "bereits", "stets", "rechts", "links",
      "abends", "morgens", "mittags", "nachts", "anfangs", "falls", "damals", "andernfalls", "jedenfalls",
      "keinesfalls", "bestenfalls", "mindestens", "höchstens", "wenigstens", "meistens", "spätestens",
      "frühestens", "erstens", "zweitens", "drittens", "letztens", "eingangs", "rings", "seitens", "übrigens",
      "unterwegs", "vergebens", "teils", "tags", "unseres", "welches", "weiters", "bis", "aus", "als");

  /** {@code found} plus the genitive names nothing covers, in German text; {@code found} itself otherwise. */
  static List<PiiEntity> apply(String text, Language language, List<PiiEntity> found, CommonNouns nouns) {
    if (language != Language.DE || nouns.size() == 0) {
      return found;
    }
    List<int[]> words = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int s = i;
      while (i < n && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i > s) {
        words.add(new int[] {s, i});
      }
    }
    List<PiiEntity> out = null;
    for (int w = 0; w + 1 < words.size(); w++) {
      int s = words.get(w)[0];
      int e = words.get(w)[1];
      if (!candidate(text, s, e, nouns) || afterDeterminer(text, words, w) || !owned(text, words.get(w + 1), nouns)
          || covered(found, s, e)) {
        continue;
      }
      if (out == null) {
        out = new ArrayList<>(found);
      }
      out.add(new PiiEntity(EntityType.PERSON, text.substring(s, e), s, e, SCORE, EXPLANATION));
    }
    return out == null ? found : out;
  }

  /**
   * A capitalised word of four letters or more, the rest lower-case letters, ending in a single s, that is no noun
   * (nor its stem), no compound noun and no function word.
   */
  private static boolean candidate(String text, int s, int e, CommonNouns nouns) {
    if (e - s < 4 || !Character.isUpperCase(text.charAt(s)) || text.charAt(e - 1) != 's'
        || text.charAt(e - 2) == 's') {
      return false;
    }
    for (int i = s + 1; i < e; i++) {
      if (!Character.isLowerCase(text.charAt(i))) {
        return false;
      }
    }
    String lower = text.substring(s, e).toLowerCase(Locale.ROOT);
    return !NOT_NAMES.contains(lower) && !Lexicons.get().has(WordClass.FUNCTION, lower)
        && !nouns.known(text, s, e) && !nouns.known(text, s, e - 1)
        && !nouns.compound(text, s, e) && !nouns.compound(text, s, e - 1);
  }

  /** Whether one of the two words before word {@code w} is an article or determiner. */
  private static boolean afterDeterminer(String text, List<int[]> words, int w) {
    for (int k = Math.max(0, w - 2); k < w; k++) {
      int[] b = words.get(k);
      if (DETERMINERS.contains(text.substring(b[0], b[1]).toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the next word is what a genitive name owns: an inflected adjective of four letters or more
   * ("berühmtes", "wichtigste", "plötzlicher"; not "-en", which also ends verbs) or a listed noun ("Drang").
   */
  private static boolean owned(String text, int[] next, CommonNouns nouns) {
    int s = next[0];
    int e = next[1];
    if (e - s < 4) {
      return false;
    }
    if (Character.isUpperCase(text.charAt(s))) {
      return nouns.contains(text, s, e);
    }
    for (int i = s; i < e; i++) {
      if (!Character.isLowerCase(text.charAt(i))) {
        return false;
      }
    }
    char last = text.charAt(e - 1);
    char before = text.charAt(e - 2);
    return last == 'e' || (last == 's' || last == 'r' || last == 'm') && before == 'e';
  }

  private static boolean covered(List<PiiEntity> found, int s, int e) {
    for (PiiEntity f : found) {
      if (f.start() < e && s < f.end()) {
        return true;
      }
    }
    return false;
  }
}
