package dev.confidant.pii.internal.address;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.internal.lang.Language;
import dev.confidant.pii.internal.lang.LanguageDetector;
import dev.confidant.pii.internal.lang.Lexicons;
import dev.confidant.pii.internal.lang.WordClass;
import dev.confidant.pii.internal.ner.NameWords;
import dev.confidant.pii.spi.Recognizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Places of the {@link Places} gazetteer and countries ({@link Countries}) as {@link EntityType#LOCATION}: the
 * longest run of up to four words from a capitalised or all-capitals word ("Zafferana Etnea", "CHISHOLM", "Ústí nad
 * Labem"; lower-case connectors inside; up to eight for a country: "Saint Vincent and the Grenadines") whose folded
 * form is a name; a single word needs more evidence (see
 * {@link #single}); and one or two capitalised words before a lower-case tail of Italian town names ("Cirino ligure",
 * "Pagano del friuli"), known or not. Scores below the name model's, so where the model
 * also saw the words its type wins the merge; alone, the gazetteer still masks the place. Linear in the text;
 * thread-safe.
 */
public final class PlaceRecognizer implements Recognizer {
  static final double SCORE = 0.5;
  private static final Set<String> CONNECTORS = Set.of("de", "del", "della", "di", "da", "do", "dos", "das", "du",
      "des", "la", "le", "les", "el", "los", "las", "y", "e", "et", "en", "am", "an", "der", "den", "im", "bei", "ob",
      "op", "aan", "nad", "pod", "na", "sur", "sous", "upon", "on", "al", "of", "the", "and", "dem", "zum", "zur");
  /** Titles before a name: the word after them is a person's. */
  private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "dr", "prof", "sir", "herr", "frau",
      "mme", "mlle", "madame", "monsieur", "señor", "señora", "signor", "signora", "meneer", "mevrouw", "dear");

  /**
   * One or two capitalised words and a lower-case tail that Italian town names end with ("Cirino ligure", "Pagano del
   * friuli", "San Rosalino terme", "Bianc a mare"): a place whether or not the gazetteer knows it.
   */
  private static final Pattern TAILED = Pattern.compile(
      "(?<![\\p{L}\\p{N}])\\p{Lu}[\\p{L}'-]{1,30}+(?: \\p{Lu}[\\p{L}'-]{1,30}+)? (?:(?:del|dell'|nell'|a) ?)?"
          + "(?:ligure|calabro|laziale|terme|salentino|sardo|lido|veneto|umbro|friuli|emilia|mare|marittima|marittimo"
          + "|marina|scalo|siculo|lucano|irpino|sannita)(?![\\p{L}\\p{N}])");

  private final Places places;

  public PlaceRecognizer(Places places) {
    this.places = places;
  }

  @Override
  public String name() {
    return "places";
  }

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.LOCATION);
  }

  @Override
  public List<PiiEntity> recognize(String text) {
    List<PiiEntity> out = new ArrayList<>();
    if (text.indexOf(' ') >= 0) {
      Matcher m = TAILED.matcher(text);
      while (m.find()) {
        int start = m.start();
        int space = text.indexOf(' ', start);
        if (Lexicons.get().has(WordClass.FUNCTION, text.substring(start, space))) {
          start = space + 1; // "The Marina lido": the article is no part of the name
          if (!Character.isUpperCase(text.charAt(start))) {
            continue;
          }
        }
        out.add(new PiiEntity(EntityType.LOCATION, text.substring(start, m.end()), start, m.end(), SCORE,
            "places/tail"));
      }
    }
    Language language = LanguageDetector.detect(text);
    int n = text.length();
    int[] starts = new int[MAX_COUNTRY_WORDS];
    int[] ends = new int[MAX_COUNTRY_WORDS];
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (!Character.isLetter(c) || i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
        i++;
        continue;
      }
      int end = wordEnd(text, i);
      boolean lower = !Character.isUpperCase(c);
      if (lower && (!LOWER_PREPOSITIONS.contains(wordBefore(text, i)) || end - i < 4) || afterTitle(text, i)) {
        // Lower case only right after a place preposition: "i moved here from küsnacht", not "to add".
        i = end;
        continue;
      }
      // Collect up to four words separated by one space (up to eight before a country's first word: "Saint Vincent
      // and the Grenadines"); connectors only inside.
      int words = 0;
      int p = i;
      int most = !lower && Countries.get().startsName(text.substring(i, end)) ? MAX_COUNTRY_WORDS : Places.MAX_WORDS;
      while (words < most) {
        int e = wordEnd(text, p);
        starts[words] = p;
        ends[words] = e;
        words++;
        if (e + 1 >= n || text.charAt(e) != ' ' || !Character.isLetter(text.charAt(e + 1))) {
          break;
        }
        p = e + 1;
        int next = wordEnd(text, p);
        boolean nextCapital = Character.isUpperCase(text.charAt(p));
        if (!nextCapital && !lower && !CONNECTORS.contains(text.substring(p, next).toLowerCase(Locale.ROOT))) {
          break;
        }
      }
      int matched = 0;
      for (int k = words; k >= 1 && matched == 0; k--) {
        if (!lower && !Character.isUpperCase(text.charAt(starts[k - 1]))
            || CONNECTORS.contains(text.substring(starts[k - 1], ends[k - 1]).toLowerCase(Locale.ROOT))) {
          continue; // a name does not end in a connector
        }
        String phrase = text.substring(i, ends[k - 1]);
        int kind = k > Places.MAX_WORDS ? Places.NONE : places.lookup(Countries.fold(phrase));
        if (k > 1 && (kind != Places.NONE || Countries.get().isCountry(phrase))
            || k == 1 && single(text, i, ends[0], kind, language)) {
          matched = k;
        }
      }
      if (matched > 0) {
        int e = ends[matched - 1];
        out.add(new PiiEntity(EntityType.LOCATION, text.substring(i, e), i, e, SCORE, "places/gazetteer"));
        i = e;
      } else {
        i = end;
      }
    }
    return out;
  }

  /**
   * Whether one word that the gazetteer knows counts: a town always (acronyms of up to four capitals never: "BVB",
   * "NYC"); a village only in English text, not opening a sentence, or after a place preposition in any language
   * ("nach Gössel", "à Vienne"), because in German every noun is capitalised and villages are named "Buch", "Norden",
   * "Dabei". Nationality and group words never ("Thai", "Canadian", "Arab"; {@link NameWords#demonym}).
   */
  private static boolean single(String text, int start, int end, int kind, Language language) {
    if (kind == Places.NONE || end - start <= 4 && allCaps(text, start, end)
        || NameWords.get().demonym(text.substring(start, end))) {
      return false; // "Thai food", "the Canadian border", "Spanish speakers": towns of those names exist
    }
    if (kind == Places.TOWN) {
      return true;
    }
    String before = wordBefore(text, start);
    if (PREPOSITIONS.contains(before)) {
      return true;
    }
    return language == Language.EN && !before.isEmpty();
  }

  /** The most words of a country's name looked up ("South Georgia and the South Sandwich Islands"). */
  private static final int MAX_COUNTRY_WORDS = 8;

  /** Prepositions before a place in the supported languages. */
  private static final Set<String> PREPOSITIONS = Set.of("in", "from", "to", "near", "at", "nach", "aus", "bei",
      "von", "zu", "nahe", "à", "de", "en", "près", "a", "da", "di", "vicino", "desde", "hacia", "cerca", "naar",
      "uit", "van", "bij", "te", "nabij");

  /** Prepositions after which a lower-case word may be a place: not "to", "a", "de" (verbs and nouns follow). */
  private static final Set<String> LOWER_PREPOSITIONS = Set.of("in", "from", "near", "through", "via", "nach", "aus",
      "bei", "à", "près", "desde", "cerca", "vicino", "naar", "uit", "nabij");

  /** The lower-cased word right before {@code i} in the same sentence, or "" at a sentence's start. */
  private static String wordBefore(String text, int i) {
    int e = i;
    while (e > 0 && text.charAt(e - 1) == ' ') {
      e--;
    }
    int s = e;
    while (s > 0 && Character.isLetter(text.charAt(s - 1))) {
      s--;
    }
    return s == e ? "" : text.substring(s, e).toLowerCase(Locale.ROOT);
  }

  private static boolean allCaps(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (Character.isLowerCase(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The end of the word at {@code i}: letters and marks, with inner hyphens and apostrophes. */
  private static int wordEnd(String text, int i) {
    int n = text.length();
    int e = i;
    while (e < n && (Character.isLetter(text.charAt(e)) || Character.getType(text.charAt(e)) == Character.NON_SPACING_MARK
        || (text.charAt(e) == '-' || text.charAt(e) == '\'') && e + 1 < n && Character.isLetter(text.charAt(e + 1)))) {
      e++;
    }
    return e;
  }

  /** Whether a title ("Mr.", "Frau") stands right before {@code i}: "Mr. Monroe" is a person. */
  private static boolean afterTitle(String text, int i) {
    int e = i;
    while (e > 0 && (text.charAt(e - 1) == ' ' || text.charAt(e - 1) == '.')) {
      e--;
    }
    int s = e;
    while (s > 0 && Character.isLetter(text.charAt(s - 1))) {
      s--;
    }
    return s < e && TITLES.contains(text.substring(s, e).toLowerCase(Locale.ROOT));
  }
}
