package dev.confidant.pii.internal.recognize;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import java.util.List;
import java.util.Set;

/**
 * Places right after a cue that names where someone lives, comes from or travels ({@link EntityType#LOCATION}),
 * whether or not the gazetteer knows them: "we drove through MAUROPORT on the way to north soilaborough", "he grew
 * up in devorahfurt", "i lost it in oud hobiedam", "wir ziehen nach JÖRRENHOTEN", "je viens de ...", "soy de ...",
 * "vengo da ...", "ik kom uit ...". One to four words of one case (lower-case connectors inside: "oliveira do
 * hospital", "nieuw jacobien aan de ijssel"), up to a word of the lexicons, a number or punctuation; lower-case words
 * only in a text without capitals nearby ("I grew up in poverty" names no place). Looks only at words that open a
 * cue: linear in the text. Thread-safe.
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
      "mi ciudad es", "la mia città è", "mijn stad is", "mijn woonplaats is");
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
  /** German verbs of moving and travelling that make a later "nach" a place's cue: "Wir ziehen nächsten Monat nach". */
  private static final Set<String> GERMAN_MOVES = Set.of("ziehen", "ziehe", "zieht", "zog", "zogen", "umziehen",
      "fahren", "fahre", "fährt", "fuhr", "fuhren", "fliegen", "fliege", "fliegt", "flog", "flogen", "reisen",
      "reise", "reist", "reiste", "reisten", "umgezogen", "gezogen", "gefahren", "geflogen", "gereist", "zurück");
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
    if (match.cue().equals("nach") && !afterGermanMove(scan, match.start())) {
      return match.start(); // "nach Angaben", "nach oben": only a move's "nach" names a place
    }
    char first = text.charAt(scan.wordStart(after));
    boolean lower = Character.isLowerCase(first);
    // Lower-case words in a text that writes capitals are mostly no place ("I grew up in poverty"): then only a
    // town's shape ("on the way to taylorfort", "north soilaborough"), a spelling beyond English ("flying to
    // børstrup") or a naming cue's several words count, and the place must end the clause.
    boolean shapeOnly = lower && PersonCueRecognizer.hasCapital(text,
        Math.max(0, scan.wordStart(match.start()) - 80), Math.min(text.length(), scan.wordEnd(after) + 80));
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
          scan.wordEnd(w)) || STOPS.contains(word) || PersonCueRecognizer.ordinary(scan, w)) {
        break;
      }
      last = w;
    }
    boolean naming = last >= 0 && NAMING.contains(match.cue()) && last > after;
    if (last < 0 || shapeOnly && !((naming || townShaped(scan, after, last) || unusual(text, scan.wordStart(after),
        scan.wordEnd(last))) && endsClause(scan, last))) {
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

  /** Whether a German verb of moving stands among the five words before word {@code w} in its sentence. */
  private static boolean afterGermanMove(Scan scan, int w) {
    for (int k = w - 1; k >= 0 && k >= w - 5; k--) {
      String gap = scan.text().substring(scan.wordEnd(k), scan.wordStart(k + 1));
      if (gap.indexOf('.') >= 0 || gap.indexOf('!') >= 0 || gap.indexOf('?') >= 0 || gap.indexOf('\n') >= 0) {
        return false;
      }
      if (GERMAN_MOVES.contains(scan.lowerWord(k))) {
        return true;
      }
    }
    return false;
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
    return !gap.isBlank() || STOPS.contains(scan.lowerWord(w + 1)) || PersonCueRecognizer.ordinary(scan, w + 1);
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
