package dev.confidant.pii.internal.recognize;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.internal.lang.Language;
import dev.confidant.pii.internal.lang.LanguageDetector;
import dev.confidant.pii.internal.lang.Lexicons;
import java.util.List;
import java.util.Set;

/**
 * Places right after a cue that names where someone lives, comes from or travels ({@link EntityType#LOCATION}),
 * whether or not the gazetteer knows them: "we drove through MAUROPORT on the way to north soilaborough", "he grew
 * up in devorahfurt", "i lost it in oud hobiedam", "wir ziehen nach JÖRRENHOTEN", "je viens de ...", "soy de ...",
 * "vengo da ...", "ik kom uit ...", or a preposition near a verb of living, moving or travelling ("Ik woon sinds
 * kort in ...", "Wir sind letztes Jahr von ... nach ... gezogen"). One to four words of one case (lower-case
 * connectors inside: "oliveira do hospital", "nieuw jacobien aan de ijssel"), up to a word of the lexicons, a number
 * or punctuation; lower-case words only in a text without capitals nearby ("I grew up in poverty" names no place),
 * or when they have a town's shape or are no common word ("grew up in orvalta"). Looks only at words that open a
 * cue and at most eleven words around a preposition: linear in the text. Thread-safe.
 */
final class PlaceCueRecognizer implements ScanRecognizer {
  private static final List<String> CUES = List.of("drove through", "driving through", "drive through",
      "on the way to", "on our way to", "on my way to", "grew up in", "was born in", "were born in", "lost it in",
      "moved from", "moved here from", "moved to", "relocated to", "i live in", "we live in", "i m from", "i am from",
      "we re from", "we are from", "travelling to", "traveling to", "flying to", "flew to",
      "ziehen nach", "ziehe nach", "zogen nach", "umgezogen nach", "komme aus", "kommen aus", "stamme aus",
      "geboren in", "aufgewachsen in", "fuhren durch", "unterwegs nach",
      "je viens de", "j habite à", "je vis à", "né à", "née à", "déménagé à", "en route pour",
      "vivo en", "soy de", "nací en", "me mudé a", "de camino a",
      "abito a", "vivo a", "vengo da", "nato a", "nata a", "trasferito a", "trasferita a",
      "ik woon in", "ik kom uit", "verhuisd naar", "op weg naar", "nach",
      "my city is", "my town is", "my hometown is", "meine stadt ist", "mein wohnort ist", "ma ville est",
      "mi ciudad es", "la mia città è", "mijn stad is", "mijn woonplaats is",
      "in", "to", "from", "through", "near", "à", "a", "en", "naar", "von", "aus", "uit", "da", "desde");
  /**
   * Prepositions that are a place's cue only near a verb of living, moving, travelling or birth in their clause
   * ({@link #MOVES}: "Ik woon sinds kort in X", "Wir sind letztes Jahr von X nach Y gezogen"); German "nach" too.
   * Lower-case words after them count only when no common word ({@link #uncommon}) or a town's shape.
   */
  private static final Set<String> NEAR_VERB = Set.of("in", "to", "from", "through", "near", "à", "a", "en", "naar",
      "von", "aus", "uit", "da", "desde", "nach");
  /** Cues that name a place outright: several words after them are one in any case ("my city is vranov nad topľou"). */
  private static final Set<String> NAMING = Set.of("my city is", "my town is", "my hometown is", "meine stadt ist",
      "mein wohnort ist", "ma ville est", "mi ciudad es", "la mia città è", "mijn stad is", "mijn woonplaats is");
  /** Lower-case words inside a place's name. */
  private static final Set<String> CONNECTORS = Set.of("de", "del", "della", "di", "da", "do", "dos", "das", "du",
      "des", "la", "le", "el", "los", "las", "am", "an", "der", "den", "im", "aan", "op", "sur", "upon", "on", "nad",
      "pod", "na", "ob", "bei", "sul", "al");
  /** Words that end the place: "to X last month", "nach X nächsten Monat". */
  private static final Set<String> STOPS = Set.of("last", "next", "this", "ago", "yesterday", "today", "tomorrow",
      "month", "year", "week", "years", "months", "weeks", "because", "since", "until", "when", "where", "with");
  /**
   * Verbs of living, moving, travelling and birth in six languages that make a preposition of {@link #NEAR_VERB}
   * within five words of them in their clause a place's cue: "Wir ziehen nächsten Monat nach", "Ik woon sinds kort
   * in", "von X nach Y gezogen" (no "go" or "went": "went to Congress" names an institution).
   */
  private static final Set<String> MOVES = Set.of(
      "live", "lives", "lived", "living", "grew", "born", "move", "moves", "moved", "moving", "relocate",
      "relocated", "relocating", "fly", "flies", "flying", "flew", "travel", "travels", "travelled", "traveled",
      "travelling", "traveling", "drive", "drives", "drove", "driving",
      "ziehen", "ziehe", "zieht", "zog", "zogen", "umziehen", "fahren", "fahre", "fährt", "fuhr", "fuhren", "fliegen",
      "fliege", "fliegt", "flog", "flogen", "reisen", "reise", "reist", "reiste", "reisten", "umgezogen", "gezogen",
      "gefahren", "geflogen", "gereist", "zurück", "wohne", "wohnt", "wohnen", "wohnte", "wohnten", "lebe", "lebt",
      "leben", "lebte", "lebten", "geboren", "aufgewachsen",
      "habite", "habites", "habitons", "habitez", "habitent", "habitais", "habitait", "vis", "vit", "vivons", "vivez",
      "vivent", "né", "née", "nés", "nées", "déménagé", "déménagée", "déménageons", "déménage", "grandi",
      "vivo", "vive", "vivimos", "viven", "vivía", "nací", "nació", "nacido", "nacida", "mudé", "mudamos", "mudado",
      "mudó", "crecí", "viajo", "viajamos", "volé",
      "abito", "abita", "abitiamo", "abitano", "abitavo", "viviamo", "vivono", "nato", "nata", "nati", "trasferito",
      "trasferita", "trasferiti", "cresciuto", "cresciuta",
      "woon", "woont", "wonen", "woonde", "woonden", "verhuisd", "verhuizen", "verhuis", "opgegroeid", "vlieg",
      "vliegen", "vloog", "reisde", "gewoond");
  /**
   * The verbs of {@link #MOVES} that German and Dutch put after the place: a participle or a subordinate clause's
   * verb ("von X nach Y gezogen", "weil ich in X wohne", "in X geboren").
   */
  private static final Set<String> FINAL_MOVES = Set.of("gezogen", "umgezogen", "gefahren", "geflogen", "gereist",
      "geboren", "aufgewachsen", "zurück", "wohne", "wohnt", "wohnen", "lebe", "lebt", "verhuisd", "opgegroeid",
      "gewoond", "woon", "woont", "wonen");
  /**
   * Lower-case nouns that follow a verb of living and a preposition without naming a place ("vivo en casa", "j'habite
   * à côté", "ik woon in het buitenland"), for the languages without a common-word list here.
   */
  private static final Set<String> PLACE_NOUNS = Set.of("casa", "côté", "campagne", "ville", "centre", "banlieue",
      "étranger", "centro", "ciudad", "pueblo", "campo", "extranjero", "città", "paese", "periferia", "estero",
      "stad", "dorp", "buitenland", "platteland", "centrum", "ausland", "zentrum", "stadt", "land", "dorf", "abroad",
      "hotel", "hôtel", "hospital", "ospedale", "hôpital", "ziekenhuis", "krankenhaus");
  /**
   * Endings of invented and real town names (English, German, Dutch and Nordic toponyms: "taylorfort", "north
   * soilaborough", "innfjord", "avköping"), which let a lower-case word after a cue count as a place in a text that
   * otherwise writes capitals; {@link #NOT_TOWNS} are the common words with these endings.
   */
  private static final List<String> TOWN_ENDINGS = List.of("borough", "burgh", "bury", "chester", "fort", "furt",
      "haven", "mouth", "port", "shire", "side", "stad", "stadt", "ton", "town", "ville", "view", "land", "berg",
      "burg",
      "dorf", "hausen", "heim", "ingen", "fjord", "köping", "holm", "vik", "strand", "feld", "wick", "field", "ford");
  /** Common words with a town's ending ("airport", "downtown", "outside"): no place after a cue. */
  private static final Set<String> NOT_TOWNS = Set.of("airport", "seaport", "spaceport", "heliport", "passport",
      "report", "support", "transport", "sport", "export", "import", "downtown", "uptown", "hometown", "midtown",
      "town", "outside", "inside", "beside", "seaside", "countryside", "riverside", "lakeside", "roadside",
      "poolside", "bedside", "side", "review", "interview", "overview", "preview", "view", "island", "mainland",
      "homeland", "wasteland", "wonderland", "disneyland", "land", "button", "cotton", "carton", "skeleton",
      "ton", "comfort", "effort", "fort", "afford", "ford", "field", "oilfield", "airfield", "battlefield",
      "minefield", "infield", "outfield", "cornfield", "iceberg", "inland", "deport", "feld", "strand", "heim", "ingen", "haven",
      "mouth", "ville", "berg", "burg", "holm", "vik", "port", "bury", "wick", "dorf");
  /** Lower-case compass and "new" words that open invented town names: "north soilaborough", "new hosea". */
  private static final Set<String> TOWN_OPENERS = Set.of("north", "south", "east", "west", "new", "lake", "port",
      "mount", "fort", "saint", "st", "san", "santa", "nord", "süd", "ost", "nieuw", "noord", "zuid", "oost");
  private static final int MAX_WORDS = 4;
  static final double SCORE = 0.6;

  /** Words of a cue stand one space or one apostrophe apart: "i'm from", "j'habite à". */
  private static final CuePhrases PHRASES = new CuePhrases(CUES.stream().map(cue -> cue.split(" ")).toList(),
      CuePhrases.SPACE_OR_APOSTROPHE);

  @Override
  public String name() {
    return "place-cue";
  }

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.LOCATION);
  }

  @Override
  public List<PiiEntity> recognize(Scan scan) {
    return PHRASES.find(scan, PlaceCueRecognizer::read);
  }

  private static int read(Scan scan, CuePhrases.Match match, List<PiiEntity> out) {
    String text = scan.text();
    int after = match.after();
    if (after < 0 || after >= scan.wordCount() || !PersonCueRecognizer.gapIs(scan, after - 1, " ")) {
      return match.start();
    }
    boolean nearVerb = NEAR_VERB.contains(match.cue());
    if (nearVerb && (!nearMove(scan, match.start()) || !inLanguage(match.cue(), text)
        || (match.cue().equals("von") || match.cue().equals("from")) && !toFollows(scan, match.start()))) {
      return match.start(); // "nach Angaben", "in 2019", "to add": only a move's preposition names a place
    }
    char first = text.charAt(scan.wordStart(after));
    boolean lower = Character.isLowerCase(first);
    // Lower-case words in a text that writes capitals are mostly no place ("I grew up in poverty"): then only a
    // town's shape ("on the way to taylorfort", "north soilaborough"), a spelling beyond English ("flying to
    // børstrup") or a naming cue's several words count, and the place must end the clause.
    boolean shapeOnly = lower && (nearVerb && !match.cue().equals("nach") || PersonCueRecognizer.hasCapital(text,
        Math.max(0, scan.wordStart(match.start()) - 80), Math.min(text.length(), scan.wordEnd(after) + 80)));
    if (!Character.isLetter(first)) {
      return match.start();
    }
    int last = -1;
    for (int w = after; w < scan.wordCount() && w < after + MAX_WORDS; w++) {
      if (w > after && !PersonCueRecognizer.gapIs(scan, w - 1, " ") && !PersonCueRecognizer.gapIs(scan, w - 1, "-")) {
        break;
      }
      String word = scan.lowerWord(w);
      char c = text.charAt(scan.wordStart(w));
      boolean connector = w > after && CONNECTORS.contains(word) && w + 1 < scan.wordCount()
          && PersonCueRecognizer.gapIs(scan, w, " ");
      if (connector) {
        continue; // kept only when a name word follows
      }
      if (!Character.isLetter(c) || Character.isLowerCase(c) != lower || hasDigit(text, scan.wordStart(w),
          scan.wordEnd(w)) || STOPS.contains(word) || MOVES.contains(word) || PersonCueRecognizer.ordinary(scan, w)
          || nearVerb && !lower && commonNoun(scan, w)) {
        break;
      }
      last = w;
    }
    if (nearVerb && last >= 0 && last + 1 < scan.wordCount() && PersonCueRecognizer.gapIs(scan, last, " ")
        && Character.isDigit(text.charAt(scan.wordStart(last + 1)))) {
      return match.start(); // a street and its number: "moved from Nordø to Geiteryggholtet 8"
    }
    boolean naming = last >= 0 && NAMING.contains(match.cue()) && last > after;
    if (last < 0 || shapeOnly && !((naming || townShaped(scan, after, last) || unusual(text, scan.wordStart(after),
        scan.wordEnd(last))) && endsClause(scan, last) || uncommon(scan, after, last) && endsStrictly(scan, last))) {
      return match.start();
    }
    int s = scan.wordStart(after);
    int e = scan.wordEnd(last);
    out.add(new PiiEntity(EntityType.LOCATION, text.substring(s, e), s, e, SCORE, "place-cue/" + match.cue()));
    return last;
  }

  /**
   * Whether words are spelt unlike English ones ("my city is púchov", "I'm flying to børstrup", "rivas-vaciamadrid",
   * not "my town is quiet"): a letter beyond ASCII or a hyphen.
   */
  private static boolean unusual(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c > 127 || c == '-') {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a verb of {@link #MOVES} stands among the five words before word {@code w} in its sentence, or among the
   * six after it (German and Dutch put the participle last: "von X nach Y gezogen").
   */
  private static boolean nearMove(Scan scan, int w) {
    for (int k = w - 1; k >= 0 && k >= w - 5; k--) {
      if (sentenceBreak(scan, k)) {
        break;
      }
      if (MOVES.contains(scan.lowerWord(k))) {
        return true;
      }
    }
    for (int k = w + 1; k < scan.wordCount() && k <= w + 6; k++) {
      if (sentenceBreak(scan, k - 1)) {
        return false;
      }
      if (FINAL_MOVES.contains(scan.lowerWord(k))) {
        return true;
      }
    }
    return false;
  }

  /** Whether "to" or "nach" follows word {@code w} within five words in its sentence: "from X to Y", "von X nach Y". */
  private static boolean toFollows(Scan scan, int w) {
    for (int k = w + 1; k < scan.wordCount() && k <= w + 5; k++) {
      if (sentenceBreak(scan, k - 1)) {
        return false;
      }
      String word = scan.lowerWord(k);
      if (word.equals("to") || word.equals("nach") || word.equals("naar")) {
        return true;
      }
    }
    return false;
  }

  /** Whether the gap after word {@code k} ends a sentence or a line. */
  private static boolean sentenceBreak(Scan scan, int k) {
    String gap = scan.text().substring(scan.wordEnd(k), scan.wordStart(k + 1));
    return gap.indexOf('.') >= 0 || gap.indexOf('!') >= 0 || gap.indexOf('?') >= 0 || gap.indexOf('\n') >= 0
        || gap.indexOf(';') >= 0;
  }

  /**
   * Whether capitalised word {@code w} is a German common noun (of the models artifact's list, also one that names a
   * village somewhere, or a compound ending in one: "nach Haus", "in Wellnessurlaub") or shorter than three letters
   * ("in Nr."): after a preposition near a verb of moving, German nouns are no places.
   */
  private static boolean commonNoun(Scan scan, int w) {
    int s = scan.wordStart(w);
    int e = scan.wordEnd(w);
    CommonNouns german = PrecisionFilter.Nouns.LIST;
    return e - s < 3 || german.known(scan.text(), s, e) || german.compound(scan.text(), s, e);
  }

  /**
   * Whether word {@code w} ends its clause beyond doubt: the text's end, punctuation after it, or a lower-case stop,
   * function or calendar word ("in wood and ..."), not a capitalised noun ("in diesem Fall").
   */
  private static boolean endsStrictly(Scan scan, int w) {
    if (w + 1 >= scan.wordCount()) {
      return true;
    }
    String gap = scan.text().substring(scan.wordEnd(w), scan.wordStart(w + 1));
    return !gap.isBlank() || Character.isLowerCase(scan.text().charAt(scan.wordStart(w + 1))) && endsClause(scan, w);
  }

  /**
   * Whether lower-case words {@code [from, to]} are no common words, as invented and foreign towns are ("grew up in
   * orvalta", "drove through lixa", "j'habite à opponghagen"): each of four letters or more (connectors aside) is no
   * word of the English common-word list, no German noun, no lexicon word and no noun of {@link #PLACE_NOUNS}. False
   * without the models artifact's lists.
   */
  private static boolean uncommon(Scan scan, int from, int to) {
    CommonNouns english = PrecisionFilter.Nouns.ENGLISH;
    CommonNouns german = PrecisionFilter.Nouns.LIST;
    if (english == CommonNouns.NONE) {
      return false;
    }
    String text = scan.text();
    for (int w = from; w <= to; w++) {
      String word = scan.lowerWord(w);
      if (w > from && CONNECTORS.contains(word)) {
        continue;
      }
      int s = scan.wordStart(w);
      int e = scan.wordEnd(w);
      if (e - s < 4 || english.contains(word, 0, word.length()) || PLACE_NOUNS.contains(word)
          || Lexicons.get().hasAny(word)
          || german.known(Character.toUpperCase(word.charAt(0)) + word.substring(1), 0, word.length())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether words {@code [from, to]} look like a town: the last has a town's ending after two letters or more and
   * is no common word, or a compass or "new" word opens two words ("west νόννη").
   */
  private static boolean townShaped(Scan scan, int from, int to) {
    String last = scan.lowerWord(to);
    if (to > from && TOWN_OPENERS.contains(scan.lowerWord(from))) {
      return true;
    }
    if (NOT_TOWNS.contains(last)) {
      return false;
    }
    for (String ending : TOWN_ENDINGS) {
      if (last.length() >= ending.length() + 2 && last.endsWith(ending)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether word {@code w} ends its clause or the place: the text's end, punctuation after it, a word of
   * {@link #STOPS}, or a function or calendar word ("à bouschenburg depuis 2015", "to taylorfort on Monday").
   */
  private static boolean endsClause(Scan scan, int w) {
    if (w + 1 >= scan.wordCount()) {
      return true;
    }
    String gap = scan.text().substring(scan.wordEnd(w), scan.wordStart(w + 1));
    return !gap.isBlank() || STOPS.contains(scan.lowerWord(w + 1)) || MOVES.contains(scan.lowerWord(w + 1))
        || PersonCueRecognizer.ordinary(scan, w + 1);
  }

  /**
   * Whether a preposition that is also a word of another kind elsewhere is one in this text's language: "a" is
   * Italian or Spanish ("abito a Roma", not English "moved to a new flat"), "en" Spanish or French (Dutch "and"),
   * "da" Italian; the others stand for themselves.
   */
  private static boolean inLanguage(String cue, String text) {
    return switch (cue) {
      case "a" -> {
        Language l = LanguageDetector.detect(text);
        yield l == Language.IT || l == Language.ES;
      }
      case "en" -> {
        Language l = LanguageDetector.detect(text);
        yield l == Language.ES || l == Language.FR;
      }
      case "da" -> LanguageDetector.detect(text) == Language.IT;
      default -> true;
    };
  }

  private static boolean hasDigit(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.isDigit(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
