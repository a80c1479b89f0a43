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
      "ik woon in", "ik kom uit", "verhuisd naar", "op weg naar");
  /** Lower-case words inside a place's name. */
  private static final Set<String> CONNECTORS = Set.of("de", "del", "della", "di", "da", "do", "dos", "das", "du",
      "des", "la", "le", "el", "los", "las", "am", "an", "der", "den", "im", "aan", "op", "sur", "upon", "on", "nad",
      "pod", "na", "ob", "bei", "sul", "al");
  /** Words that end the place: "to X last month", "nach X nächsten Monat". */
  private static final Set<String> STOPS = Set.of("last", "next", "this", "ago", "yesterday", "today", "tomorrow",
      "month", "year", "week", "years", "months", "weeks", "because", "since", "until", "when", "where", "with");
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
    char first = text.charAt(scan.wordStart(after));
    boolean lower = Character.isLowerCase(first);
    if (!Character.isLetter(first) || lower && PersonCueRecognizer.hasCapital(text,
        Math.max(0, scan.wordStart(match.start()) - 80), Math.min(text.length(), scan.wordEnd(after) + 80))) {
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
    if (last < 0) {
      return match.start();
    }
    int s = scan.wordStart(after);
    int e = scan.wordEnd(last);
    out.add(new PiiEntity(EntityType.LOCATION, text.substring(s, e), s, e, SCORE, "place-cue/" + match.cue()));
    return last;
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
