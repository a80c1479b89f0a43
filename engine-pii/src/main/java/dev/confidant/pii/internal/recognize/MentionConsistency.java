package dev.confidant.pii.internal.recognize;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.internal.lang.Language;
import dev.confidant.pii.internal.lang.Lexicons;
import dev.confidant.pii.internal.ner.NameWords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Makes the name mentions of one text consistent: a name found with confidence in one place makes the same words
 * a name of the same type everywhere else in the text. News and support threads name a person once in full and
 * then by surname ("John Smith said ... Smith added"), repeat names in lower case or capitals, or list them in a
 * table row, where the name model, reading one sentence at a time, is unsure or sees no name at all.
 * <ul>
 *   <li><b>Anchors</b>: person, organisation and place spans scoring at least {@value #CONFIDENT} (the name
 *       model's sure spans, title, cue and legal-form rules, the conversation's mapping) or found after a cue.
 *   <li><b>Keys</b>: an anchor's whole word sequence, and for a person of two or more words their last word
 *       (the surname) and first word (the given name), if capitalised and of three letters or more (in German text
 *       of two-word persons only). A word that is
 *       ordinary alone (a function, calendar, greeting, label or title word, a nationality, office or generic noun:
 *       {@code NameWords.commonAlone}) is no key alone, nor, in German text, one word the name model found.
 *   <li><b>Mentions</b>: every other occurrence of a key at word boundaries. A person's key of several words
 *       matches in any case ("john smith", "JOHN SMITH"); other keys only capitalised or in capitals ("Smith",
 *       "SMITH", not "smith"), as a lower-case word is more often the ordinary word ("baker", "onion rings").
 *       A mention that nothing covers becomes a span of the anchor's type; a name span over a mention that
 *       scores lower than the anchor takes the anchor's type ("Smith" typed as a place becomes a person). A
 *       mention overlapping a span of another kind (an address, an e-mail) is left to that span.
 * </ul>
 * Where two anchors give one key different types, the higher score wins, a whole name before a surname. Linear in
 * the text's words (one hash look-up per word and key length, a binary search over the spans per mention); the keys
 * are bounded by the spans found, at most {@value #MAX_KEY_WORDS} words each. Pure; thread-safe.
 */
final class MentionConsistency {
  private MentionConsistency() {}

  /** The score from which a name span makes its other mentions names. */
  static final double CONFIDENT = 0.7;
  /** Keys longer than this many words are not looked for (a name this long is not repeated word for word). */
  static final int MAX_KEY_WORDS = 6;
  /** The shortest surname or given name that becomes a key on its own. */
  private static final int MIN_PART_LETTERS = 3;
  /** How far before a mention a span that covers it may start. */
  static final int MAX_SPAN_CHARS = 1_000;
  /** Explanation of the spans this step adds. */
  static final String EXPLANATION = "names/consistent";

  /** Person name particles: never a key on their own ("van", "de"). */
  private static final Set<String> PARTICLES = Set.of("van", "von", "de", "der", "den", "da", "di", "del", "della",
      "du", "des", "le", "la", "dos", "das", "ten", "ter", "zu", "af", "av", "el", "al", "bin", "ibn", "mac", "mc",
      "jr", "sr", "ii", "iii", "iv");

  /** What an anchor decides for a key. */
  private record Decision(EntityType type, double score, boolean whole) {
    boolean beats(Decision other) {
      return whole != other.whole ? whole : score > other.score;
    }
  }

  /** {@code found} with the other mentions of its confident names added or retyped; order not kept. */
  static List<PiiEntity> apply(String text, Language language, List<PiiEntity> found) {
    Map<String, Decision> keys = new HashMap<>();
    boolean german = language == Language.DE;
    for (PiiEntity e : found) {
      if (isName(e.type()) && anchor(e)) {
        addKeys(text, e, german, keys);
      }
    }
    if (keys.isEmpty()) {
      return found;
    }
    int longestKey = 1; // words of the longest key: no longer sequence can match, so none is built
    for (String k : keys.keySet()) {
      longestKey = Math.max(longestKey, (int) k.chars().filter(c -> c == ' ').count() + 1);
    }
    List<int[]> words = words(text);
    List<PiiEntity> added = new ArrayList<>();
    Map<PiiEntity, PiiEntity> retyped = new IdentityHashMap<>();
    List<PiiEntity> sorted = new ArrayList<>(found);
    sorted.sort(java.util.Comparator.comparingInt(PiiEntity::start));
    StringBuilder key = new StringBuilder();
    for (int w = 0; w < words.size(); w++) {
      key.setLength(0);
      // The longest key first: "John Smith" before "John".
      int bestEnd = -1;
      Decision best = null;
      for (int k = w; k < Math.min(words.size(), w + longestKey); k++) {
        if (k > w) {
          if (!onlySpaces(text, words.get(k - 1)[1], words.get(k)[0])) {
            break;
          }
          key.append(' ');
        }
        appendFolded(key, text, words.get(k));
        Decision d = keys.get(key.toString());
        if (d != null && (k > w ? d.type() == EntityType.PERSON || capitalised(text, words.get(w))
            : capitalised(text, words.get(w)))) {
          bestEnd = k;
          best = d;
        }
      }
      if (best == null) {
        continue;
      }
      int start = words.get(w)[0];
      int end = words.get(bestEnd)[1];
      apply(text, start, end, best, sorted, added, retyped);
      w = bestEnd;
    }
    if (added.isEmpty() && retyped.isEmpty()) {
      return found;
    }
    List<PiiEntity> out = new ArrayList<>(found.size() + added.size());
    for (PiiEntity e : found) {
      out.add(retyped.getOrDefault(e, e));
    }
    out.addAll(added);
    return out;
  }

  /** Adds or retypes the mention {@code [start, end)}. */
  private static void apply(String text, int start, int end, Decision d, List<PiiEntity> sorted,
      List<PiiEntity> added, Map<PiiEntity, PiiEntity> retyped) {
    List<PiiEntity> overlapping = overlapping(sorted, start, end);
    int coveredTo = start;
    for (PiiEntity e : overlapping) {
      if (!isName(e.type())) {
        return; // an address, e-mail or id holds the words: its own span decides
      }
      coveredTo = e.start() <= coveredTo ? Math.max(coveredTo, e.end()) : coveredTo;
    }
    if (coveredTo < end) {
      // Not covered, or only in part ("Smith" of "John Smith"): the merge joins what overlaps.
      added.add(new PiiEntity(d.type(), text.substring(start, end), start, end, Math.min(d.score(), CONFIDENT),
          EXPLANATION));
    }
    for (PiiEntity e : overlapping) {
      if (e.type() != d.type() && e.score() < d.score() && !anchor(e) && !retyped.containsKey(e)) {
        retyped.put(e, new PiiEntity(d.type(), e.value(), e.start(), e.end(), e.score(),
            e.explanation() + " +consistent"));
      }
    }
  }

  /**
   * The spans of {@code sorted} (by start) that overlap {@code [start, end)}, looking back at most
   * {@value #MAX_SPAN_CHARS} chars, so that a text's mentions cost a binary search each rather than a pass over all
   * its spans (a span longer than that is not seen; the mention then joins it in the overlap merge).
   */
  private static List<PiiEntity> overlapping(List<PiiEntity> sorted, int start, int end) {
    int lo = 0;
    int hi = sorted.size();
    while (lo < hi) { // the first span starting at or after end
      int mid = (lo + hi) >>> 1;
      if (sorted.get(mid).start() < end) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    List<PiiEntity> out = new ArrayList<>(1);
    for (int i = lo - 1; i >= 0 && sorted.get(i).start() >= start - MAX_SPAN_CHARS; i--) {
      if (sorted.get(i).end() > start) {
        out.add(0, sorted.get(i));
      }
    }
    return out;
  }

  private static boolean anchor(PiiEntity e) {
    return e.score() >= CONFIDENT || e.explanation().startsWith(PersonCueRecognizer.EXPLANATION)
        || e.explanation().startsWith(OrganisationRecognizer.EXPLANATION);
  }

  private static boolean isName(EntityType type) {
    return type == EntityType.PERSON || type == EntityType.ORGANIZATION || type == EntityType.LOCATION;
  }

  private static void addKeys(String text, PiiEntity e, boolean german, Map<String, Decision> keys) {
    List<int[]> words = words(text, e.start(), e.end());
    if (words.isEmpty() || words.size() > MAX_KEY_WORDS) {
      return;
    }
    if (words.size() == 1 && (common(text, words.get(0), german)
        || german && e.explanation().startsWith("names/model"))) {
      // German capitalises every noun: one word the model took for a name there is too often a noun to repeat.
      return;
    }
    StringBuilder whole = new StringBuilder();
    for (int[] w : words) {
      if (!whole.isEmpty()) {
        whole.append(' ');
      }
      appendFolded(whole, text, w);
    }
    put(keys, whole.toString(), new Decision(e.type(), e.score(), true));
    // In German text a third capitalised word is as often the next noun ("Harry Nippert Platz zu machen").
    if (e.type() == EntityType.PERSON && words.size() >= 2 && !(german && words.size() > 2)) {
      for (int[] part : List.of(words.get(0), words.get(words.size() - 1))) {
        String folded = fold(text, part);
        if (part[1] - part[0] >= MIN_PART_LETTERS && Character.isUpperCase(text.charAt(part[0]))
            && !PARTICLES.contains(folded) && letters(text, part) && !common(text, part, german)) {
          put(keys, folded, new Decision(e.type(), e.score(), false));
        }
      }
    }
  }

  /**
   * Whether a word is ordinary on its own: a function, calendar, greeting, label or title word of any language, or a
   * nationality, office, kind or abstract noun ("Best" of "Best regards", "Emperor" of "Emperor Meiji", "Iraqis").
   */
  private static boolean common(String text, int[] w, boolean german) {
    String word = text.substring(w[0], w[1]);
    return Lexicons.get().hasAny(word) || NameWords.get().commonAlone(word, german);
  }

  private static void put(Map<String, Decision> keys, String key, Decision d) {
    Decision old = keys.get(key);
    if (old == null || d.beats(old)) {
      keys.put(key, d);
    }
  }

  /** Single-word keys, and organisations' and places' keys, match a capitalised word, never a lower-case one. */
  private static boolean capitalised(String text, int[] word) {
    return Character.isUpperCase(text.charAt(word[0]));
  }

  private static boolean letters(String text, int[] w) {
    for (int i = w[0]; i < w[1]; i++) {
      char c = text.charAt(i);
      if (!Character.isLetter(c) && c != '-' && c != '\'' && c != '\u2019') {
        return false;
      }
    }
    return true;
  }

  private static boolean onlySpaces(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (text.charAt(i) != ' ') {
        return false;
      }
    }
    return to > from;
  }

  private static String fold(String text, int[] w) {
    StringBuilder b = new StringBuilder(w[1] - w[0]);
    appendFolded(b, text, w);
    return b.toString();
  }

  private static void appendFolded(StringBuilder b, String text, int[] w) {
    for (int i = w[0]; i < w[1]; i++) {
      b.append(Character.toLowerCase(text.charAt(i)));
    }
  }

  /** The text's words: runs of letters, digits, inner hyphens and apostrophes ("O'Neill", "Al-Ain"). */
  private static List<int[]> words(String text) {
    return words(text, 0, text.length());
  }

  private static List<int[]> words(String text, int from, int to) {
    List<int[]> out = new ArrayList<>();
    int i = from;
    while (i < to) {
      if (!Character.isLetterOrDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int s = i;
      while (i < to && (Character.isLetterOrDigit(text.charAt(i)) || inner(text, i, to))) {
        i++;
      }
      out.add(new int[] {s, i});
    }
    return out;
  }

  /**
   * A hyphen, apostrophe or dot between two letters or digits belongs to the word ("Al-Ain", "O'Neill"), except an
   * English possessive ("Smith's" is the word "Smith").
   */
  private static boolean inner(String text, int i, int to) {
    char c = text.charAt(i);
    if (!((c == '-' || c == '\'' || c == '\u2019' || c == '.') && i + 1 < to
        && Character.isLetterOrDigit(text.charAt(i + 1)) && i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)))) {
      return false;
    }
    boolean possessive = c != '-' && c != '.' && (text.charAt(i + 1) == 's' || text.charAt(i + 1) == 'S')
        && (i + 2 >= to || !Character.isLetterOrDigit(text.charAt(i + 2)));
    return !possessive;
  }
}
