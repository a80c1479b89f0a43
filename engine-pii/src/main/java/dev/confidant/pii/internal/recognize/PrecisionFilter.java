package dev.confidant.pii.internal.recognize;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.internal.address.Countries;
import dev.confidant.pii.internal.address.Places;
import dev.confidant.pii.internal.lang.Language;
import dev.confidant.pii.internal.lang.Lexicons;
import dev.confidant.pii.internal.lang.WordClass;
import dev.confidant.pii.internal.ner.NameWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Keeps ordinary words out of what any detector reports, so that over-masking does not spoil the model's answer:
 * <ul>
 *   <li>a name span (person, organisation, place) loses function words, greetings, form labels and calendar words at
 *       its edges ("bin Jürgen Müller" becomes "Jürgen Müller", "Guten Tag Anna" becomes "Anna"), and is dropped
 *       when nothing else is left ("Guten Tag", "Damen und Herren", "Kundennummer", "Friday", "German Unity Day");
 *   <li>a phone number that is a row of a number table ("3 1 0 2 5 6 10", a score table) is dropped.
 * </ul>
 * Values re-found from the conversation's mapping are never touched, nor are organisations and persons found after a
 * cue (their recognizers already refuse ordinary words, and keep lower-case legal forms, partner lists and names
 * whose first word is also a function word: "Russo s.r.l.", "Varga és Németh", "ich bin In Ferry"). Capitalised articles stay ("Los Angeles", "Den
 * Haag"); so do name particles before a capitalised word in a person's name ("van Dijk"). A calendar word alone is
 * kept where a title or cue rule found it ("Mrs. May"). Pure; thread-safe.
 */
final class PrecisionFilter {
  private PrecisionFilter() {}

  /** Articles that open place and organisation names when capitalised: never trimmed in that case. */
  private static final Set<String> ARTICLES = Set.of("the", "der", "die", "das", "den", "le", "la", "les", "l'",
      "el", "los", "las", "il", "lo", "gli", "i", "de", "het", "een", "a", "an", "des", "del", "della");
  /** Lower-case particles inside person names: kept at a person span's start before a capitalised word. */
  private static final Set<String> PARTICLES = Set.of("van", "von", "de", "der", "den", "da", "di", "del", "della",
      "du", "des", "le", "la", "dos", "das", "ten", "ter", "zu", "af", "av", "el", "al", "dal", "lo", "mac", "mc");
  /** Lower-case words inside names: a mixed-case span is not cut at these. */
  private static final Set<String> CONNECTORS = Set.of("of", "the", "and", "&", "de", "del", "della", "delle", "dei",
      "degli", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les", "el", "los", "las", "y", "e", "et", "und",
      "van", "von", "der", "den", "het", "ter", "ten", "zu", "zum", "zur", "am", "im", "an", "auf", "ob", "bei", "upon",
      "on", "sur", "sous", "nad", "pod", "na", "al", "d'", "l'", "for", "für", "dem", "dell'", "sul", "sulla", "aan");
  /** Greetings, labels and calendar phrases of any language. */
  private static final int PHRASE_BITS = Lexicons.bits(WordClass.GREETING) | Lexicons.bits(WordClass.LABEL)
      | Lexicons.bits(WordClass.CALENDAR);
  private static final String EDGE_PUNCTUATION = ",;:.!?\"'()[]{}«»„“”‚‘’";

  /** The entities to keep, some with narrower spans; without a places gazetteer. */
  static List<PiiEntity> apply(String text, Language language, List<PiiEntity> found) {
    return apply(text, language, found, null);
  }

  /**
   * The entities to keep, some with narrower spans.
   *
   * @param places the gazetteer: a German compound noun it names stays a name ("Saarbrücken"); {@code null}: none
   */
  static List<PiiEntity> apply(String text, Language language, List<PiiEntity> found, @Nullable Places places) {
    List<PiiEntity> out = new ArrayList<>(found.size());
    for (PiiEntity e : found) {
      if (e.explanation().startsWith("mapping/") || e.explanation().startsWith(OrganisationRecognizer.EXPLANATION)
          || e.explanation().startsWith(CompanyNameRecognizer.EXPLANATION)
          || e.explanation().startsWith(PersonCueRecognizer.EXPLANATION)) {
        out.add(e);
        continue;
      }
      switch (e.type()) {
        case PERSON, ORGANIZATION, LOCATION -> {
          if (e.explanation().startsWith("names/model") && inHeadline(text, e.start(), e.end())
              && !Countries.get().isCountry(e.value())) {
            continue;
          }
          // A form field's place and a town with its lower-case tail are whole names: "City: Costa laziale".
          boolean whole = e.explanation().startsWith("form-field/") || e.explanation().startsWith("places/tail");
          for (PiiEntity part : whole ? List.of(e) : split(text, e)) {
            PiiEntity kept = name(text, language, part);
            // after splitting and trimming: "Internet kein Luxus" gives two nouns, "die Banken" one
            if (kept != null && !commonNoun(text, language, kept, places) && !commonPhrase(text, language, kept)
                && !commonFirstWord(text, language, kept) && !lowerCaseCommon(text, language, kept)
                && !(kept.type() == EntityType.LOCATION && numberedCommonWord(text, kept.value(), kept.end()))) {
              out.add(afterPersonLabel(text, kept));
            }
          }
        }
        case PHONE -> {
          if (!numberTableRow(text, e)) {
            out.add(e);
          }
        }
        case ADDRESS -> {
          if (!commonWordAndNumber(e)) {
            out.add(e);
          }
        }
        default -> out.add(e);
      }
    }
    return out;
  }

  /**
   * The highest score at which a name-model span of one German common noun is dropped: the model's unsure spans
   * (the recall bias alone gives 0.655). On the German dev splits (GermEval, UNER German-PUD), single-word model spans
   * of a listed noun scoring up to this were about 300 plain words and 8 names (places and organisations: "Afrikas",
   * "Aalen", "Puma"); above it, more names than plain words.
   */
  static final double NOUN_VETO_MAX_SCORE = 0.72;

  /** The common-word lists, read on first use (rules only: empty). */
  static final class Nouns {
    static final CommonNouns LIST = CommonNouns.load(PrecisionFilter.class.getClassLoader())
        .orElse(CommonNouns.NONE);
    static final CommonNouns ENGLISH = CommonNouns.load(PrecisionFilter.class.getClassLoader(),
        CommonNouns.ENGLISH_RESOURCE).orElse(CommonNouns.NONE);
  }

  /**
   * The highest score at which a name-model span of common English words is dropped. On the English dev splits
   * (UNER English-EWT, English-PUD) such spans of two or more words scoring up to this were 77 plain words and 3
   * organisations ("Associated Press", "Family Bagels"); at 0.72 and above, more names per plain word.
   */
  static final double PHRASE_VETO_MAX_SCORE = 0.70;
  /** Lower-case words inside a title-case phrase ("Art of Calligraphy", "Stores & Vendors"). */
  private static final Set<String> PHRASE_CONNECTORS = Set.of("of", "and", "&", "the", "for", "in", "on", "a", "an",
      "to");

  /**
   * Whether a name-model span in English text is a title-case phrase of two or more common words the model was
   * unsure of ("Legal Risk Report", "Great Service Great People", "Credit Support Annex"): every word capitalised
   * (not in capitals) and, lower-cased, a common word that is no name ({@link CommonNouns#ENGLISH_RESOURCE}), or a
   * connector. Headings, products and reviews' praise: the tagger's most frequent English false positives. The
   * phrase is the run of capitalised words the span lies in, so that a span of part of it ("Legal" of "the attached
   * Legal Risk Report") is judged with its heading.
   */
  static boolean commonPhrase(String text, Language language, PiiEntity e) {
    if (language != Language.EN || e.score() > PHRASE_VETO_MAX_SCORE || !e.explanation().startsWith("names/model")) {
      return false;
    }
    int from = e.start();
    int to = e.end();
    while (from >= 2 && text.charAt(from - 1) == ' ') {
      int w = from - 1;
      while (w > 0 && Character.isLetter(text.charAt(w - 1))) {
        w--;
      }
      if (w == from - 1 || !Character.isUpperCase(text.charAt(w)) || w > 0 && text.charAt(w - 1) != ' ') {
        break;
      }
      from = w;
    }
    while (to + 1 < text.length() && text.charAt(to) == ' ' && Character.isUpperCase(text.charAt(to + 1))) {
      int w = to + 1;
      while (w < text.length() && Character.isLetter(text.charAt(w))) {
        w++;
      }
      to = w;
    }
    int content = 0;
    for (int[] w : words(text, from, to)) {
      String word = word(text, w);
      String lower = word.toLowerCase(java.util.Locale.ROOT);
      if (PHRASE_CONNECTORS.contains(lower)) {
        continue;
      }
      if (!Character.isUpperCase(word.charAt(0)) || word.length() > 1 && Character.isUpperCase(word.charAt(1))
          || !Nouns.ENGLISH.contains(lower, 0, lower.length())) {
        return false;
      }
      content++;
    }
    return content >= 2;
  }

  /**
   * The highest score at which a name-model span of one common English word opening a sentence, or of lower-case
   * common words, is dropped ({@link #commonFirstWord}, {@link #lowerCaseCommon}).
   */
  static final double WORD_VETO_MAX_SCORE = 0.75;

  /**
   * Whether a name-model span in English text is one capitalised common word that opens a sentence or a line
   * ("Analysis revealed ...", "Moreover , ...", "Cafeteria is fine ."), which the model was unsure of: there the
   * capital says nothing, and such words were the largest group of the tagger's plain-text errors on English web
   * and news text. A common word is one of {@link CommonNouns#ENGLISH_RESOURCE}: no given name, surname or word
   * SCOWL also writes capitalised ("Bush", "Apple" stay). The sentence must go on in lower case right after the
   * word ({@link #clauseFollows}): a title's first word ("Story of the Year", a quoted "Scorpions", a table row's
   * "Arsenal 2 Chelsea 1") stays, and so does a word the model typed as a person: a surname opening a news
   * sentence is its subject ("Blunt starred in ...").
   */
  static boolean commonFirstWord(String text, Language language, PiiEntity e) {
    if (language != Language.EN || e.type() == EntityType.PERSON || e.score() > WORD_VETO_MAX_SCORE
        || !e.explanation().startsWith("names/model") || !sentenceStart(text, e.start())
        || !clauseFollows(text, e.end())) {
      return false;
    }
    List<int[]> words = words(text, e.start(), e.end());
    if (words.size() != 1) {
      return false;
    }
    String word = word(text, words.get(0));
    String lower = word.toLowerCase(java.util.Locale.ROOT);
    return Character.isUpperCase(word.charAt(0)) && (word.length() == 1 || Character.isLowerCase(word.charAt(1)))
        && Nouns.ENGLISH.contains(lower, 0, lower.length());
  }

  /**
   * Whether a name-model span in English text that writes capitals is all in lower case and made of common words
   * ("the bills", "obesity", "capital city", "mountain ranges"), which the model was unsure of: where a text
   * capitalises its sentences and names, a lower-case common word is no name. Texts without capitals (chat
   * written in lower case) keep such spans: there a name is written in lower case too.
   */
  static boolean lowerCaseCommon(String text, Language language, PiiEntity e) {
    if (language != Language.EN || e.score() > WORD_VETO_MAX_SCORE || !e.explanation().startsWith("names/model")
        || !writesCapitals(text)) {
      return false;
    }
    int content = 0;
    for (int[] w : words(text, e.start(), e.end())) {
      String word = word(text, w);
      String lower = word.toLowerCase(java.util.Locale.ROOT);
      if (!lower.equals(word)) {
        return false;
      }
      if (PHRASE_CONNECTORS.contains(lower)) {
        continue;
      }
      if (!Nouns.ENGLISH.contains(lower, 0, lower.length())) {
        return false;
      }
      content++;
    }
    return content >= 1;
  }

  /**
   * Whether a name-model span is one acronym in the plural ("MPs", "GIFs", "ISDAs", "DVDs", "AKWs"): a count of
   * things, no name.
   */
  static boolean pluralAcronym(String word) {
    int n = word.length();
    if (n < 3 || word.charAt(n - 1) != 's') {
      return false;
    }
    for (int i = 0; i < n - 1; i++) {
      if (!Character.isUpperCase(word.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether an address found as a name and a number is one lower-case common English word and a number ("area 51",
   * "room 12", "level 3" after "live in" or "moved to"): a street of no known type must have a name, and these are
   * ordinary words. Streets in a line without capitals ("op týnská 714") are no English words and stay.
   */
  static boolean commonWordAndNumber(PiiEntity e) {
    if (!e.explanation().startsWith("address/numbered-name")) {
      return false;
    }
    String v = e.value().endsWith(".") ? e.value().substring(0, e.value().length() - 1) : e.value();
    int space = v.indexOf(' ');
    if (space <= 0 || space != v.lastIndexOf(' ')) {
      return false;
    }
    String number = v.substring(space + 1);
    return !number.isEmpty() && Checksums.allDigits(number) && commonLowerCase(v.substring(0, space));
  }

  /**
   * Whether a place span is one lower-case common English word before a number ("area" of "i live in area 51"):
   * a numbered thing, no place's name.
   */
  private static boolean numberedCommonWord(String text, String value, int end) {
    return value.indexOf(' ') < 0 && commonLowerCase(value) && numberFollows(text, end);
  }

  /** Whether a word is in lower case and a common English word that is no name ({@link Nouns#ENGLISH}). */
  private static boolean commonLowerCase(String word) {
    return !word.isEmpty() && word.equals(word.toLowerCase(java.util.Locale.ROOT))
        && Nouns.ENGLISH.contains(word, 0, word.length());
  }

  /** Whether a number follows {@code end} after spaces ("Leeds 0 Tottenham 0"). */
  private static boolean numberFollows(String text, int end) {
    int i = end;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    return i < text.length() && Character.isDigit(text.charAt(i));
  }

  /** Words that join a title's words ("Story of the Year", "Rolling in the Deep"): no clause follows them. */
  private static final Set<String> TITLE_JOINERS = Set.of("with", "at", "by", "from", "into", "without", "is", "are");

  /**
   * Whether a sentence goes on after {@code end} in lower case: a comma, or a common English word in lower case
   * that does not join the words of a title ("Analysis revealed", "Cafeteria is fine", "Moreover , many"; not
   * "Story of the Year", "Dance with a Stranger", a table's "Arsenal 2", a title alone on its line, or a French
   * institution a short text left the language detector unsure of: "Office européen des brevets").
   */
  private static boolean clauseFollows(String text, int end) {
    int i = end;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    if (i < text.length() && text.charAt(i) == ',') {
      return true;
    }
    int s = i;
    while (i < text.length() && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '\'')) {
      i++;
    }
    if (i == s || !Character.isLowerCase(text.charAt(s))) {
      return false;
    }
    String next = text.substring(s, i);
    return !CONNECTORS.contains(next) && !PHRASE_CONNECTORS.contains(next) && !TITLE_JOINERS.contains(next)
        && (Nouns.ENGLISH.contains(next, 0, next.length())
        || Lexicons.get().has(WordClass.FUNCTION, Language.EN, next));
  }

  /** Whether {@code text} capitalises a word: some letter is upper case and followed by a lower-case one. */
  private static boolean writesCapitals(String text) {
    for (int i = 0; i + 1 < text.length(); i++) {
      if (Character.isUpperCase(text.charAt(i)) && Character.isLowerCase(text.charAt(i + 1))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code start} opens a sentence or a line: only spaces stand between it and the text's start, a line
   * break, or a sentence's end ({@code . ! ? :}). A word after an opening quote opens a title, not a sentence.
   */
  static boolean sentenceStart(String text, int start) {
    int i = start;
    while (i > 0 && text.charAt(i - 1) == ' ') {
      i--;
    }
    if (i == 0) {
      return true;
    }
    char c = text.charAt(i - 1);
    return c == '\n' || c == '\r' || c == '!' || c == '?' || c == ':' || c == '.' && !abbreviation(text, i - 1);
  }

  /** Whether the '.' at {@code dot} ends a title or a one-letter initial ("Dr.", "J."): no sentence ends there. */
  private static boolean abbreviation(String text, int dot) {
    int s = dot;
    while (s > 0 && Character.isLetter(text.charAt(s - 1))) {
      s--;
    }
    return dot - s == 1 || Lexicons.get().has(WordClass.TITLE, text, s, dot);
  }

  /**
   * Whether a name-model span is one German common noun the model was unsure of ("Bahn", "Banken",
   * "Rückenschmerzen"; {@link CommonNouns}): in German text a capital says nothing, and these were most of the
   * tagger's plain-text errors there. Names that are also nouns are not in the list ("Müller", "Allianz").
   */
  static boolean commonNoun(String text, Language language, PiiEntity e, @Nullable Places places) {
    if (language != Language.DE || e.score() > NOUN_VETO_MAX_SCORE || !e.explanation().startsWith("names/model")) {
      return false;
    }
    for (int i = e.start(); i < e.end(); i++) {
      if (!Character.isLetter(text.charAt(i)) && text.charAt(i) != '-') {
        return false;
      }
    }
    return Nouns.LIST.contains(text, e.start(), e.end()) || Nouns.LIST.compound(text, e.start(), e.end())
        && (places == null || !places.contains(e.value()));
  }

  /**
   * A name span cut at lower-case words that are not connectors ("Giulia Bianchi e abito a Milano" gives "Giulia
   * Bianchi e" and "a Milano", trimmed later), when it also has capitalised words: names are capitalised, except
   * the connectors and particles inside them ("Bank of England", "Frankfurt am Main", "Ústí nad Labem"). Spans all in
   * lower case ("tracy sukhorukova") stay whole.
   */
  static List<PiiEntity> split(String text, PiiEntity e) {
    List<int[]> words = words(text, e.start(), e.end());
    boolean capital = false;
    boolean cut = false;
    for (int[] w : words) {
      char c = text.charAt(w[0]);
      capital |= Character.isUpperCase(c);
      cut |= Character.isLowerCase(c) && !CONNECTORS.contains(word(text, w).toLowerCase(java.util.Locale.ROOT));
    }
    boolean scores = scoreLine(text, e, words);
    if (!scores && (!capital || !cut)) {
      return List.of(e);
    }
    List<PiiEntity> parts = new ArrayList<>(2);
    int from = -1;
    int to = -1;
    for (int[] w : words) {
      boolean breaks = Character.isLowerCase(text.charAt(w[0]))
          && !CONNECTORS.contains(word(text, w).toLowerCase(java.util.Locale.ROOT))
          || scores && number(text, w);
      if (breaks) {
        if (from >= 0) {
          addPart(parts, part(text, e, from, to));
          from = -1;
        }
      } else {
        from = from < 0 ? w[0] : from;
        to = w[1];
      }
    }
    if (from >= 0) {
      addPart(parts, part(text, e, from, to));
    }
    return parts;
  }

  /**
   * Whether a name-model span is a results line: a score (one digit, or two without a leading zero) between two of its
   * words, the next one capitalised, and a number at its end or right after it ("Arsenal 2 Chelsea 1", "Manchester United 3 Liverpool" before
   * "0"), where the tagger ran two names and the score between them into one span. Such a span is cut at its numbers,
   * which are dropped. Numbers inside names stay ("Bündnis 90 / Die Grünen", "Bayer 04 Leverkusen", "FCR 2001
   * Duisburg", "Apollo 11").
   */
  private static boolean scoreLine(String text, PiiEntity e, List<int[]> words) {
    if (!e.explanation().startsWith("names/model")) {
      return false;
    }
    int last = words.size() - 1;
    if (last < 2 || !number(text, words.get(last)) && !numberFollows(text, e.end())) {
      return false;
    }
    for (int k = 1; k < last; k++) {
      int[] w = words.get(k);
      if (number(text, w) && (w[1] - w[0] == 1 || w[1] - w[0] == 2 && text.charAt(w[0]) != '0')
          && Character.isUpperCase(text.charAt(words.get(k + 1)[0]))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a word is all digits. */
  private static boolean number(String text, int[] w) {
    for (int i = w[0]; i < w[1]; i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static void addPart(List<PiiEntity> parts, @Nullable PiiEntity part) {
    if (part != null) {
      parts.add(part);
    }
  }

  /** A part of {@code e}, or {@code null} when it has no letter. */
  private static @Nullable PiiEntity part(String text, PiiEntity e, int start, int end) {
    boolean letter = false;
    for (int i = start; i < end && !letter; i++) {
      letter = Character.isLetter(text.charAt(i));
    }
    if (!letter) { // "/" of "Oropeza Province 14 / 16"
      return null;
    }
    return new PiiEntity(e.type(), text.substring(start, end), start, end, e.score(), e.explanation() + " +split");
  }

  /** A name span trimmed of ordinary words at its edges, or {@code null} if only ordinary words remain. */
  static PiiEntity name(String text, Language language, PiiEntity e) {
    List<int[]> words = words(text, e.start(), e.end());
    Lexicons lex = Lexicons.get();
    int from = 0;
    int to = words.size();
    // Left edge: the longest ordinary phrase first ("sehr geehrte", "guten tag").
    while (from < to) {
      int k = edgePhrase(text, language, words, from, to, true, e.type());
      if (k == 0) {
        break;
      }
      from += k;
    }
    while (to > from) {
      int k = edgePhrase(text, language, words, from, to, false, e.type());
      if (k == 0) {
        break;
      }
      to -= k;
    }
    if (from == to) {
      return null;
    }
    int start = words.get(from)[0];
    int end = words.get(to - 1)[1];
    String rest = text.substring(start, end);
    if (rest.chars().noneMatch(Character::isLetter)) {
      return null; // "2008" of "Juli 2008" once the month is trimmed
    }
    if (e.explanation().startsWith("names/model") && pluralAcronym(rest)) {
      return null;
    }
    boolean phrase = lex.has(WordClass.GREETING, rest) || lex.has(WordClass.LABEL, rest)
        || lex.has(WordClass.CALENDAR, rest) || lex.has(WordClass.TITLE, rest);
    if (phrase && !(onlyCalendar(lex, rest) && strongRule(e)) || insidePhrase(text, start, end)) {
      return null;
    }
    boolean allOrdinary = true;
    boolean anyNotCalendar = false;
    for (int w = from; w < to && allOrdinary; w++) {
      String word = word(text, words.get(w));
      // Calendar words of any language: a list of Spanish months in an English or undecided message is no name.
      allOrdinary = ordinary(lex, language, word) || lex.has(WordClass.TITLE, word) || lex.has(WordClass.CALENDAR, word)
          || festive(text, word, words.get(w)[1]);
      anyNotCalendar |= !onlyCalendar(lex, word) && !FESTIVE.contains(word.toLowerCase(java.util.Locale.ROOT));
    }
    if (allOrdinary && (anyNotCalendar || !strongRule(e))) {
      return null;
    }
    if (e.explanation().startsWith("names/model") && allDemonyms(text, words, from, to)) {
      return null; // "Dutch" of "The Dutch students": the tagger's span held the article when NameWords looked
    }
    if (start == e.start() && end == e.end()) {
      return e;
    }
    return new PiiEntity(e.type(), rest, start, end, e.score(), e.explanation() + " +trimmed");
  }

  /**
   * How many words at the edge of {@code [from, to)} form an ordinary phrase to trim (0: none). A capitalised article
   * and a particle before a capitalised word of a person's name are not trimmed.
   */
  private static int edgePhrase(String text, Language language, List<int[]> words, int from, int to, boolean left,
      EntityType type) {
    Lexicons lex = Lexicons.get();
    for (int k = Math.min(lex.maxWords(), to - from); k >= 1; k--) {
      int a = left ? from : to - k;
      int b = left ? from + k : to;
      if (k == 1) {
        String first = word(text, words.get(a));
        String lower = first.toLowerCase(java.util.Locale.ROOT);
        boolean capital = Character.isUpperCase(first.charAt(0));
        if (capital && ARTICLES.contains(lower)) {
          return 0;
        }
        if (left && !capital && type == EntityType.PERSON && PARTICLES.contains(lower) && b < to
            && Character.isUpperCase(word(text, words.get(b)).charAt(0))) {
          return 0;
        }
        boolean label = lex.has(WordClass.LABEL, first) && !lex.has(WordClass.GREETING, first)
            && !ordinaryWord(lex, language, first);
        // A label is trimmed only where it labels: "Kundennummer: Weber", not "Bank of England".
        if (label ? left && labels(text, words.get(a)) : ordinary(lex, language, first)
            && !(type == EntityType.PERSON && onlyCalendar(lex, first))) {
          return 1;
        }
      } else if ((lex.mask(text, words.get(a)[0], words.get(b - 1)[1])
          & (PHRASE_BITS | Lexicons.bits(WordClass.FUNCTION))) != 0) {
        return k;
      }
    }
    return 0;
  }

  /**
   * Whether a word is ordinary: a function or calendar word of the message's language or English, or a greeting
   * or form label of any language.
   */
  private static boolean ordinary(Lexicons lex, Language language, String word) {
    return (lex.mask(word, 0, word.length()) & (Lexicons.bits(WordClass.LABEL) | wordBits(language))) != 0;
  }

  /** {@link #ordinary} without labels. */
  private static boolean ordinaryWord(Lexicons lex, Language language, String word) {
    return (lex.mask(word, 0, word.length()) & wordBits(language)) != 0;
  }

  /** Greetings of any language; function and calendar words of {@code language} and English. */
  private static int wordBits(Language language) {
    return Lexicons.bits(WordClass.GREETING) | Lexicons.bit(WordClass.FUNCTION, language)
        | Lexicons.bit(WordClass.FUNCTION, Language.EN) | Lexicons.bit(WordClass.CALENDAR, language)
        | Lexicons.bit(WordClass.CALENDAR, Language.EN);
  }

  /**
   * Adjectives of seasonal greetings: before a calendar word they greet ("Merry Christmas", "Frohe Weihnachten",
   * "Joyeux Noël", "Feliz Navidad", "Buon Natale", "Vrolijk Kerstfeest", "Happy New Year").
   */
  private static final Set<String> FESTIVE = Set.of("merry", "happy", "frohe", "frohes", "fröhliche", "schöne",
      "schönes", "gesegnete", "gesegnetes", "joyeux", "joyeuses", "joyeuse", "bonne", "bonnes", "feliz", "felices",
      "próspero", "buon", "buona", "buone", "felice", "vrolijk", "vrolijke", "prettige", "fijne", "gelukkig",
      "zalig", "zalige");

  /**
   * Whether {@code word} is a seasonal greeting's adjective followed, in the text, by a calendar word of one to
   * three words ("Merry" of "Merry Christmas", also where the span holds only "Merry").
   */
  private static boolean festive(String text, String word, int end) {
    if (!FESTIVE.contains(word.toLowerCase(java.util.Locale.ROOT))) {
      return false;
    }
    Lexicons lex = Lexicons.get();
    int s = end;
    while (s < text.length() && text.charAt(s) == ' ') {
      s++;
    }
    int e = s;
    for (int k = 0; k < 3; k++) {
      while (e < text.length() && (Character.isLetter(text.charAt(e)) || text.charAt(e) == '\'')) {
        e++;
      }
      if (e > s && lex.has(WordClass.CALENDAR, text, s, e)) {
        return true;
      }
      if (e >= text.length() || text.charAt(e) != ' ') {
        return false;
      }
      e++;
    }
    return false;
  }

  /** Whether every word of {@code [from, to)} is a nationality or group word ("German", "Latin Americans"). */
  private static boolean allDemonyms(String text, List<int[]> words, int from, int to) {
    for (int w = from; w < to; w++) {
      if (!NameWords.get().demonym(word(text, words.get(w)))) {
        return false;
      }
    }
    return true;
  }

  /** Form labels of a person's name in en/de/fr/es/it/nl, lower case. */
  private static final Set<String> PERSON_LABELS = Set.of("name", "first name", "last name", "surname", "full name",
      "given name", "family name", "vorname", "nachname", "familienname", "geburtsname", "prénom", "nom",
      "nom de famille", "nombre", "apellido", "apellidos", "nome", "cognome", "voornaam", "achternaam", "naam");

  /**
   * A place or organisation span right after a person's name label and its colon is a person ("Vorname: Jürgen",
   * which the tagger typed as an organisation, would stay in clear with OII off).
   */
  static PiiEntity afterPersonLabel(String text, PiiEntity e) {
    if (e.type() == EntityType.PERSON) {
      return e;
    }
    int i = e.start();
    while (i > 0 && text.charAt(i - 1) == ' ') {
      i--;
    }
    if (i == 0 || text.charAt(i - 1) != ':') {
      return e;
    }
    int end = i - 1;
    while (end > 0 && text.charAt(end - 1) == ' ') {
      end--;
    }
    int lineStart = Math.max(text.lastIndexOf('\n', end - 1), Math.max(text.lastIndexOf(',', end - 1),
        text.lastIndexOf(';', end - 1))) + 1;
    String label = text.substring(lineStart, end).strip().toLowerCase(java.util.Locale.ROOT);
    return PERSON_LABELS.contains(label)
        ? new PiiEntity(EntityType.PERSON, e.value(), e.start(), e.end(), e.score(), e.explanation() + " +label")
        : e;
  }

  /** Whether the word is followed by a colon: a form label. */
  private static boolean labels(String text, int[] word) {
    int i = word[1];
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    return i < text.length() && text.charAt(i) == ':';
  }

  private static boolean onlyCalendar(Lexicons lex, String phrase) {
    return lex.has(WordClass.CALENDAR, phrase) && !lex.has(WordClass.GREETING, phrase)
        && !lex.has(WordClass.LABEL, phrase);
  }

  /** Title and cue rules are strong evidence of a person: "Mrs. May", "my name is April". */
  private static boolean strongRule(PiiEntity e) {
    return e.explanation().startsWith("names/title") || e.explanation().startsWith("names/cue");
  }

  /**
   * Whether {@code [start, end)} lies inside a greeting, label or calendar phrase of the text ("freundlichen Grüßen"
   * in "Mit freundlichen Grüßen", "Unity" in "German Unity Day"): up to the longest phrase's length in words around
   * it, on the same line.
   */
  private static boolean insidePhrase(String text, int start, int end) {
    Lexicons lex = Lexicons.get();
    int max = lex.maxWords();
    int[] before = new int[max];
    int nb = 0;
    int i = start;
    while (nb < max - 1) {
      int e = i;
      while (e > 0 && (text.charAt(e - 1) == ' ' || text.charAt(e - 1) == ',')) {
        e--;
      }
      int s = e;
      while (s > 0 && Character.isLetter(text.charAt(s - 1))) {
        s--;
      }
      if (s == e) {
        break;
      }
      before[nb++] = s;
      i = s;
    }
    int[] after = new int[max];
    int na = 0;
    i = end;
    while (na < max - 1) {
      int s = i;
      while (s < text.length() && text.charAt(s) == ' ') {
        s++;
      }
      int e = s;
      while (e < text.length() && Character.isLetter(text.charAt(e))) {
        e++;
      }
      if (s == e) {
        break;
      }
      after[na++] = e;
      i = e;
    }
    if (nb == 0 && na == 0) {
      return false;
    }
    for (int b = 0; b <= nb; b++) {
      for (int a = 0; a <= na; a++) {
        if (a + b == 0) {
          continue;
        }
        if ((lex.mask(text, b == 0 ? start : before[b - 1], a == 0 ? end : after[a - 1]) & PHRASE_BITS) != 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** Words of {@code [start, end)} split at whitespace, each without the punctuation at its edges. */
  private static List<int[]> words(String text, int start, int end) {
    List<int[]> out = new ArrayList<>(4);
    int i = start;
    while (i < end) {
      while (i < end && (Character.isWhitespace(text.charAt(i)) || EDGE_PUNCTUATION.indexOf(text.charAt(i)) >= 0)) {
        i++;
      }
      int s = i;
      while (i < end && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int e = i;
      while (e > s && EDGE_PUNCTUATION.indexOf(text.charAt(e - 1)) >= 0 && text.charAt(e - 1) != '.') {
        e--;
      }
      // A final '.' belongs to an abbreviation ("Dr.", "St."): keep it unless the word is longer than one.
      if (e > s + 4 && text.charAt(e - 1) == '.') {
        e--;
      }
      // An English possessive is no part of the name: "Jane Miller's" masks "Jane Miller".
      if (e > s + 3 && (text.charAt(e - 1) == 's' || text.charAt(e - 1) == 'S')
          && (text.charAt(e - 2) == '\'' || text.charAt(e - 2) == '\u2019')) {
        e -= 2;
      }
      if (e > s) {
        out.add(new int[] {s, e});
      }
    }
    return out;
  }

  private static String word(String text, int[] w) {
    int e = w[1];
    if (e > w[0] + 1 && text.charAt(e - 1) == '.') {
      // "Fri." and "Jan." are looked up as "fri" and "jan".
      e--;
    }
    return text.substring(w[0], e);
  }

  /** How far {@link #inHeadline} reads beyond a span on each side. */
  static final int HEADLINE_REACH = 200;

  /**
   * Whether {@code [start, end)} stands on an all-capitals line of three or more words ("CAN I SPEAK TO A REAL
   * PERSON", a newspaper headline): the name model reads capitals there as names, and most are not. A line
   * reaching more than {@value #HEADLINE_REACH} chars beyond the span is no headline, and is not read further:
   * reading whole lines made a 64 KB message without line breaks quadratic in its names.
   */
  static boolean inHeadline(String text, int start, int end) {
    int ls = start;
    while (ls > 0 && text.charAt(ls - 1) != '\n') {
      if (--ls < start - HEADLINE_REACH) {
        return false;
      }
    }
    int le = end;
    while (le < text.length() && text.charAt(le) != '\n') {
      if (++le > end + HEADLINE_REACH) {
        return false;
      }
    }
    int upper = 0;
    int lower = 0;
    int words = 0;
    boolean inWord = false;
    for (int i = ls; i < le; i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c)) {
        upper += Character.isUpperCase(c) ? 1 : 0;
        lower += Character.isLowerCase(c) ? 1 : 0;
        words += inWord ? 0 : 1;
        inWord = true;
      } else {
        inWord = false;
      }
    }
    return words >= 3 && upper >= 10 && lower * 10 <= upper;
  }

  /**
   * Whether a phone candidate is a row of a number table: no {@code +} or parenthesis, groups of digits split by
   * spaces or dashes, and either two or more one-digit groups ("3 1 0 2 5 6") or only groups of one or two digits
   * without a leading zero while two more numbers stand on the same line ("Bayern 34 21 8 5 68:27 71"). A phone word
   * next to it ("cue=") keeps it.
   */
  static boolean numberTableRow(String text, PiiEntity e) {
    String v = e.value();
    if (v.indexOf('+') >= 0 || v.indexOf('(') >= 0 || e.explanation().contains("cue=")) {
      return false;
    }
    String[] groups = v.split("[ \\-]+");
    if (groups.length < 3) {
      return false;
    }
    int single = 0;
    boolean small = true;
    for (String g : groups) {
      if (!Checksums.allDigits(g)) {
        return false;
      }
      single += g.length() == 1 ? 1 : 0;
      small &= g.length() <= 2 && !(g.length() == 2 && g.charAt(0) == '0');
    }
    return single >= 2 || small && otherNumberOnLine(text, e.start(), e.end());
  }

  /**
   * Whether two or more other numbers stand on the span's line: a table row has many ("Werder 34 21 8 5 68:27 71"),
   * a message with a customer number and a Norwegian phone number ("klantnummer 45161028, bel me op 23 13 11 97") one.
   */
  private static boolean otherNumberOnLine(String text, int start, int end) {
    int ls = text.lastIndexOf('\n', start - 1) + 1;
    int le = text.indexOf('\n', end);
    le = le < 0 ? text.length() : le;
    int numbers = 0;
    for (int i = ls; i < le; i++) {
      if ((i < start || i >= end) && Character.isDigit(text.charAt(i))
          && (i == ls || !Character.isLetterOrDigit(text.charAt(i - 1)) || i == end)) {
        numbers++;
      }
    }
    return numbers >= 2;
  }
}
