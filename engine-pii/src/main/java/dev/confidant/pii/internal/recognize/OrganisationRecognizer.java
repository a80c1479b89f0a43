package dev.confidant.pii.internal.recognize;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.internal.lang.Lexicons;
import dev.confidant.pii.internal.lang.WordClass;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Organisations named after a cue, with or without a legal form ({@link EntityType#ORGANIZATION}): "I work for
 * Northwind Logistics", "employed by Gleichner, Mayer and Schmidt", "ich arbeite bei der Firma Kihn-Wilderman",
 * "je travaille chez Dupont et Fils", "trabajo en Ruiz Hermanos", "lavoro per Rossi S.p.A.", "ik werk bij de Vries
 * &amp; Zonen", "the company Acme Corp". The name is up to six capitalised words (with "&amp;", "and", "und", "et",
 * "y", "e", "en", "of" between them, hyphens, a comma list closed by "and" as in a partnership, and legal forms such
 * as "GmbH &amp; Co. KG" or "S.A."); in a text without capitals, up to four words that are no function words, and
 * only after a verb cue ("i work for northwind logistics in ..."), not after a bare noun ("the company policy").
 * Looks only at words that open a cue: linear in the text. Thread-safe.
 */
final class OrganisationRecognizer implements ScanRecognizer {
  /** Cues that work in lower-case text too: a verb and its preposition. */
  private static final List<String> VERB_CUES = List.of(
      "work for", "works for", "worked for", "working for", "work at", "works at", "worked at", "working at",
      "employed by", "employed at", "employed with", "employee of", "employees of", "on behalf of", "joined",
      "intern at", "manager at", "engineer at", "developer at", "consultant at", "analyst at", "director at",
      "founder of", "ceo of", "cto of",
      "arbeite bei", "arbeitet bei", "arbeiten bei", "arbeitete bei", "beschäftigt bei", "angestellt bei",
      "tätig bei", "mitarbeiter bei", "mitarbeiterin bei", "im auftrag von",
      "travaille chez", "travaille pour", "travaillé chez", "travaillé pour", "employé chez", "employée chez",
      "employé par", "employée par", "au nom de",
      "trabajo en", "trabajo para", "trabaja en", "trabaja para", "trabajé en", "trabajé para",
      "lavoro per", "lavoro presso", "lavora per", "lavora presso", "lavorato per", "lavorato presso",
      "dipendente di",
      "werk bij", "werk voor", "werkt bij", "werkt voor", "werkzaam bij", "gewerkt bij", "gewerkt voor");
  /** Cues that need a capitalised name after them: a noun that names what follows. */
  private static final List<String> NOUN_CUES = List.of("company", "firm", "agency", "employer", "firma",
      "unternehmen", "arbeitgeber", "société", "entreprise", "empresa", "compañía", "azienda", "società", "ditta",
      "bedrijf", "werkgever");
  /** Words between a cue and the name: articles, and the nouns of {@link #NOUN_CUES}. */
  private static final Set<String> SKIP = Set.of("the", "der", "die", "das", "dem", "den", "la", "le", "l", "les",
      "el", "il", "lo", "de", "het", "company", "firm", "firma", "unternehmen", "société", "entreprise", "empresa",
      "azienda", "società", "ditta", "bedrijf", "called", "named", "namens", "nommée", "llamada", "chiamata");
  /** The articles of {@link #SKIP}. */
  private static final Set<String> ARTICLES = Set.of("the", "der", "die", "das", "dem", "den", "la", "le", "l",
      "les", "el", "il", "lo", "de", "het");
  /** Lower-case words inside a capitalised name: "Gleichner, Mayer and Schmidt", "Bank of Scotland". */
  private static final Set<String> CONNECTORS = Set.of("and", "und", "et", "y", "e", "és", "og", "och", "ja", "of",
      "&", "de", "van", "von", "der", "del", "della", "di", "da", "du", "des", "la", "le");
  /** Words that close a comma list of partners: "Gleichner, Mayer and Schmidt", "Gran, Larsen og Berntsen". */
  private static final Set<String> AND = Set.of("and", "und", "et", "y", "e", "és", "og", "och", "ja", "en", "i",
      "a", "&");
  /** Words for "and" that join two partners without a list ("Varga és Németh"): prepositions elsewhere are not. */
  private static final Set<String> AND_ALONE = Set.of("and", "und", "et", "y", "e", "és", "og", "och", "ja", "&");
  /** Legal forms, as {@link Scan} splits them into words ("S.A." is "s", "a"); lower-cased. */
  private static final Set<String> LEGAL = Set.of("gmbh", "ag", "kg", "ohg", "ug", "se", "ev", "inc", "llc", "llp",
      "ltd", "limited", "corp", "corporation", "co", "plc", "sa", "sas", "sarl", "spa", "srl", "bv", "nv", "ab", "oy",
      "oyj", "as", "asa", "aps", "kft", "zrt", "nyrt", "sro", "lda", "sl", "group", "holding", "gruppe", "groupe");
  /** Words between an organisation and its place: "Acme in Berlin", "Rossi a Milano". */
  private static final Set<String> IN = Set.of("in", "at", "a", "à", "en", "bei");
  /** Lower-case words inside place names: "Neukirchen an der Enknach", "Ústí nad Labem", "Saint-Pierre sur Dives". */
  private static final Set<String> PLACE_CONNECTORS = Set.of("an", "am", "der", "den", "dem", "im", "nad", "pod",
      "sur", "de", "del", "di", "la", "le", "aan", "op", "bei", "upon", "on");
  private static final int MAX_WORDS = 6;
  private static final int MAX_LOWER_WORDS = 4;

  /** The prefix of this recognizer's explanations: {@code "org-cue/work for"}. */
  static final String EXPLANATION = "org-cue/";
  static final double SCORE = 0.7;
  static final double LOWER_SCORE = 0.6;

  private static final Set<String> VERB = new HashSet<>(VERB_CUES);
  private static final CuePhrases PHRASES = new CuePhrases(
      Stream.concat(VERB_CUES.stream(), NOUN_CUES.stream()).map(cue -> cue.split(" ")).toList(),
      OrganisationRecognizer::closeGap);

  @Override
  public String name() {
    return "organisation";
  }

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.ORGANIZATION);
  }

  @Override
  public List<PiiEntity> recognize(Scan scan) {
    return PHRASES.find(scan, OrganisationRecognizer::read);
  }

  /** What follows one cue: see {@link CuePhrases.Reader#read}. */
  private static int read(Scan scan, CuePhrases.Match match, List<PiiEntity> out) {
    String text = scan.text();
    int n = scan.wordCount();
    int k = match.start();
    int after = match.after();
    String cue = match.cue();
    boolean verb = VERB.contains(cue);
    if (!verb && scan.wordStart(k) > 0 && text.charAt(scan.wordStart(k) - 1) == '-') {
      return k; // the head of a compound: "das TecDax-Unternehmen die Erwartungen"
    }
    int first = after;
    // After a noun cue an article starts a genitive or the next clause, not the name: "Unternehmen der
    // Luftfahrtindustrie"; after a verb cue it belongs to the name's noun: "arbeite bei der Firma X".
    while (first < n && first < after + 3 && SKIP.contains(scan.lowerWord(first)) && closeGap(scan, first - 1)
        && (verb || !ARTICLES.contains(scan.lowerWord(first)))) {
      first++;
    }
    if (first >= n || !closeGap(scan, first - 1)) {
      return k;
    }
    boolean lower = !hasCapital(text, scan.wordStart(k), Math.min(text.length(), scan.wordEnd(first) + 80));
    int last = lower ? (verb ? lowerName(scan, first) : -1) : capitalName(scan, first);
    if (last < first) {
      return k;
    }
    int s = scan.wordStart(first);
    int e = scan.wordEnd(last);
    if (e < text.length() && text.charAt(e) == '.' && abbreviation(scan, last)) {
      e++; // "Acme Inc.", "Rossi S.p.A."
    }
    out.add(new PiiEntity(EntityType.ORGANIZATION, text.substring(s, e), s, e, lower ? LOWER_SCORE : SCORE,
        EXPLANATION + cue));
    k = last;
    int place = verb ? placeAfter(scan, last, lower) : -1;
    if (place > last + 1) {
      int ps = scan.wordStart(last + 2);
      int pe = scan.wordEnd(place);
      out.add(new PiiEntity(EntityType.LOCATION, text.substring(ps, pe), ps, pe, lower ? LOWER_SCORE : SCORE,
          EXPLANATION + cue + " +place"));
      k = place;
    }
    return k;
  }

  /** The last word of a capitalised name from word {@code q}, or -1. */
  private static int capitalName(Scan scan, int q) {
    int n = scan.wordCount();
    boolean elided = q + 1 < n && (gap(scan, q).equals("'") || gap(scan, q).equals("\u2019")); // "O'Hara"
    if (!capitalised(scan, q) || ordinary(scan, q) && !elided) {
      return -1;
    }
    int last = q;
    int words = 1;
    int w = q + 1;
    boolean closed = false; // a partner list ends at its "and": "Meuwissen, Foeken en Tangenberg a Bosschelek"
    while (w < n && words < MAX_WORDS) {
      String gap = gap(scan, w - 1);
      String lw = scan.lowerWord(w);
      if (gap.equals("'") || gap.equals("\u2019") || gap.equals("/") && lw.length() <= 2) {
        last = w; // "O'Hara", "K/S"
        w++;
        continue;
      }
      if (gap.equals(" ") || gap.equals("-") || gap.equals(" & ") || gap.equals("&") || gap.equals(".")
          || gap.equals(". ") && abbreviation(scan, w - 1)) {
        if (capitalised(scan, w) && !ordinary(scan, w) || LEGAL.contains(lw) || dotted(scan, w, gap)) {
          last = w;
          words++;
          w++;
          continue;
        }
        // A legal form ends a partner list: "Löwenadler, Ekbom AB a Båfred" is a firm and its place.
        boolean partners = AND.contains(lw) && !LEGAL.contains(scan.lowerWord(w - 1))
            && (partnerListBefore(scan, q, w) || legalAfter(scan, w + 2));
        if (gap.equals(" ") && !closed && (CONNECTORS.contains(lw) || partners)
            && w + 1 < n && gap(scan, w).equals(" ") && capitalised(scan, w + 1)
            && (!ordinary(scan, w + 1) || partners)) { // a partner named like a word: "Karademir en Pas"
          closed = AND.contains(lw);
          last = w + 1; // "Bank of Scotland", "Dupont et Fils"
          words += 2;
          w += 2;
          continue;
        }
      } else if (gap.equals(", ") && capitalised(scan, w) && (partnersUntilAnd(scan, w) || partnersUntilLegal(scan, w))) {
        last = w;
        words++;
        w++;
        continue;
      }
      break;
    }
    return last;
  }

  /**
   * The place after an organisation's last word {@code w} and "in", "at", "a", "à", "en", "bei" ("I work for Acme in
   * Neukirchen an der Enknach", "i work for kalb mts in west malka und ..."): up to four words, as {@link #capitalName}
   * or {@link #lowerName} read them, ending at punctuation or an ordinary word; the last word, or -1.
   */
  private static int placeAfter(Scan scan, int w, boolean lower) {
    int n = scan.wordCount();
    if (w + 2 >= n) {
      return -1;
    }
    String gap = gap(scan, w);
    if (!gap.equals(" ") && !(gap.equals(". ") && abbreviation(scan, w))
        || !IN.contains(scan.lowerWord(w + 1)) || !gap(scan, w + 1).equals(" ")) {
      return -1;
    }
    int q = w + 2;
    if (lower) {
      return lowerName(scan, q);
    }
    if (!capitalised(scan, q) || ordinary(scan, q)) {
      return -1;
    }
    int last = q;
    for (int p = q + 1; p < n && p < q + 4 && gap(scan, p - 1).equals(" "); p++) {
      if (capitalised(scan, p) && !ordinary(scan, p)) {
        last = p;
      } else if (!PLACE_CONNECTORS.contains(scan.lowerWord(p))) {
        break;
      }
    }
    return last;
  }

  /** The last word of a lower-case name from word {@code q} (no function, calendar or greeting words), or -1. */
  private static int lowerName(Scan scan, int q) {
    if (ordinary(scan, q) || isNumber(scan.lowerWord(q))) {
      return -1;
    }
    int n = scan.wordCount();
    int last = q;
    int w = q + 1;
    while (w < n && w - q < MAX_LOWER_WORDS) {
      String gap = gap(scan, w - 1);
      String lw = scan.lowerWord(w);
      boolean join = gap.equals(" ") || gap.equals("-") || gap.equals(" & ") || gap.equals(".");
      if (join && (!ordinary(scan, w) && !isNumber(lw) || LEGAL.contains(lw) || dotted(scan, w, gap))) {
        last = w++;
      } else if (join && AND.contains(lw) && !LEGAL.contains(scan.lowerWord(w - 1)) && w + 1 < n
          && gap(scan, w).equals(" ") && !ordinary(scan, w + 1)
          && !isNumber(scan.lowerWord(w + 1)) && (AND_ALONE.contains(lw) || partnerListBefore(scan, q, w)
          || legalAfter(scan, w + 2))) {
        last = w + 1; // "gleichner, mayer and schmidt"
        w += 2;
      } else if (gap.equals(", ") && !ordinary(scan, w) && (partnersUntilAnd(scan, w) || partnersUntilLegal(scan, w))) {
        last = w++;
      } else {
        break;
      }
    }
    return last;
  }

  /** Whether a comma list from word {@code w} ends with "and" and one more partner: "Mayer and Schmidt". */
  private static boolean partnersUntilAnd(Scan scan, int w) {
    int n = scan.wordCount();
    for (int p = w; p < w + 4 && p + 2 < n; p++) {
      String gap = gap(scan, p);
      if (gap.equals(" ") && AND.contains(scan.lowerWord(p + 1)) || gap.equals(" & ")) {
        return true;
      }
      if (!gap.equals(", ") && !gap.equals("-")) {
        return false;
      }
    }
    return false;
  }

  /**
   * Whether a comma list from word {@code w} ends in a legal form within three words: "Björklund, Sundin AB",
   * "björklund, sundin ab".
   */
  private static boolean partnersUntilLegal(Scan scan, int w) {
    for (int p = w; p < w + 3 && p + 1 < scan.wordCount(); p++) {
      if (!gap(scan, p).equals(" ") && !gap(scan, p).equals(", ")) {
        return false;
      }
      if (legalAfter(scan, p + 1)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether word {@code w} opens a legal form after one space: a listed one or a dotted one ("Chudík a Bukovský a.s.",
   * "Rossi e Bianchi s.r.l.").
   */
  private static boolean legalAfter(Scan scan, int w) {
    return w < scan.wordCount() && gap(scan, w - 1).equals(" ")
        && (LEGAL.contains(scan.lowerWord(w)) || dotted(scan, w, " "));
  }

  /** Whether the words {@code [q, w)} hold a comma gap: the "and" closes a partner list. */
  private static boolean partnerListBefore(Scan scan, int q, int w) {
    for (int p = q; p < w; p++) {
      if (gap(scan, p).equals(", ")) {
        return true;
      }
    }
    return false;
  }

  private static boolean capitalised(Scan scan, int w) {
    char c = scan.text().charAt(scan.wordStart(w));
    return Character.isUpperCase(c) || Character.isDigit(c) && !isNumber(scan.lowerWord(w));
  }

  /** A function, calendar, greeting or label word of any language: never the start or part of a name. */
  private static boolean ordinary(Scan scan, int w) {
    int mask = Lexicons.get().mask(scan.text(), scan.wordStart(w), scan.wordEnd(w));
    return (mask & (Lexicons.bits(WordClass.FUNCTION) | Lexicons.bits(WordClass.CALENDAR)
        | Lexicons.bits(WordClass.GREETING) | Lexicons.bits(WordClass.LABEL))) != 0;
  }

  /** A letter or two between dots, as in a legal form: "S.p.A", "s.r.l", "e.V". */
  private static boolean dotted(Scan scan, int w, String gapBefore) {
    if (scan.lowerWord(w).length() > 2) {
      return false;
    }
    return gapBefore.equals(".") || w + 1 < scan.wordCount() && gap(scan, w).equals(".")
        && scan.lowerWord(w + 1).length() <= 2;
  }

  /** A single letter or a legal form that takes a dot: "S.A.", "Inc.", "Co.". */
  private static boolean abbreviation(Scan scan, int w) {
    String lw = scan.lowerWord(w);
    return lw.length() == 1 || LEGAL.contains(lw) && lw.length() <= 4;
  }

  private static boolean isNumber(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (!Character.isDigit(word.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasCapital(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.isUpperCase(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** The chars between words {@code k} and {@code k + 1}. */
  private static String gap(Scan scan, int k) {
    return scan.text().substring(scan.wordEnd(k), scan.wordStart(k + 1));
  }

  /** Whether words {@code k} and {@code k + 1} are separated by one to three chars of spaces or an apostrophe. */
  private static boolean closeGap(Scan scan, int k) {
    if (k < 0 || k + 1 >= scan.wordCount()) {
      return k + 1 < scan.wordCount();
    }
    int from = scan.wordEnd(k);
    int to = scan.wordStart(k + 1);
    if (to - from < 1 || to - from > 3) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = scan.text().charAt(i);
      if (c != ' ' && c != '\'' && c != '\u2019' && c != ':') {
        return false;
      }
    }
    return true;
  }
}
