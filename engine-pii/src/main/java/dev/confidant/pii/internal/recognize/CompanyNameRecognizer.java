package dev.confidant.pii.internal.recognize;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.internal.address.Countries;
import dev.confidant.pii.internal.lang.Lexicons;
import dev.confidant.pii.internal.lang.WordClass;
import dev.confidant.pii.internal.ner.NameWords;
import dev.confidant.pii.internal.ner.Tagger;
import dev.confidant.pii.spi.Recognizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Company names by their shape, without a cue word before them ({@link EntityType#ORGANIZATION}), the shapes company
 * name generators and small firms use:
 * <ul>
 *   <li>a family firm's ending: "Lopez and Sons", "Becker &amp; Söhne", "Dupont et Fils", "Rossi e figli", "Ruiz
 *       Hermanos", "de Vries en Zonen", "László és Fia";
 *   <li>legal forms the name rules do not read, also in lower case: "Poljak j.d.o.o.", "Masaryková s.r.o.", "Mysliveček
 *       v.o.s.", "Nowak sp. z o.o.", "Fodor Bt", "Kovács Kft.", "Rossi SPA", "Jansen VOF", "Bakker Groep"; and before
 *       the name: "AS Muižnieks", "SIA Kalniņš un Bērziņš", "UAB Vilkas";
 *   <li>with the name lexicon of the name model only (surnames of many countries): two surnames joined by a hyphen
 *       ("Garcia-Lopez", "Hirvonen-Mäkinen", "o'hara-murphy"), three partners ("Smith, Johnson and Williams", "Oláh,
 *       Varga és Németh"), two names joined by "&amp;", one a surname ("Baker &amp; Taylor"), and a surname before a company's head
 *       word ("Miller Consulting", "Weber Solutions");
 *   <li>the line between a person's name and an address or phone line in a signature or postal block ("Peter
 *       Nau\nGehre-Edorh\nFünfhaus 122, ...", "Tiffany Kilfoyle\nNera Economic Consulting\n74 Kate Edger Place").
 * </ul>
 * Every pattern is possessive and bounded, and the line rule looks at each line once: linear in the text.
 * Thread-safe.
 */
final class CompanyNameRecognizer implements Recognizer {
  /** The prefix of this recognizer's explanations: {@code "company/hyphen"}. */
  static final String EXPLANATION = "company/";
  static final double FORM_SCORE = 0.85;
  /** Above the name model's usual 0.7-0.8, so the company type wins where the model took the name for a place. */
  static final double LINE_SCORE = 0.8;
  static final double HYPHEN_SCORE = 0.8;
  /** Below the name model's: three persons named in a row stay persons. */
  static final double SHAPE_SCORE = 0.7;

  /** A capitalised name word: "Gehre", "D'Amore", "McDonald", "Đukić". */
  private static final String CAP = "\\p{Lu}[\\p{L}'\u2019]{0,30}+";
  /** A name word in any case. */
  private static final String WORD = "\\p{L}[\\p{L}'\u2019]{0,30}+";
  /** One to three name words, with hyphens: "Pavelić-Đukić", "Van den Berg". */
  private static final String NAME = CAP + "(?:[ -]" + CAP + "){0,2}";
  private static final String LOWER_NAME = "\\p{Ll}[\\p{L}'\u2019]{1,30}+(?:-\\p{Ll}[\\p{L}'\u2019]{1,30}+)?+";
  /** Family firms' endings: "and Sons", "und Söhne", "et Fils", "e figli", "y Hijos", "en Zonen", "és Fia". */
  private static final String FAMILY = "(?:and|&) Sons|(?:und|&) Söhne|(?:et|&) Fils|e [Ff]igli|[ye] Hijos|Hermanos"
      + "|(?:en|&) Zonen|és (?:Fia|Társa|Társai)|Brothers|Bros\\.";
  /** Legal forms written with dots, read in any case: "s.r.o.", "j.d.o.o.", "sp. z o.o.". */
  private static final String DOTTED_FORM = "(?i:j\\.d\\.o\\.o\\.|d\\.o\\.o\\.|s\\.r\\.o\\.|spol\\. s r\\.o\\.|v\\.o\\.s\\."
      + "|k\\.s\\.|sp\\. ?z ?o\\.o\\.|sp\\. ?j\\.|sp\\. ?k\\.|sp\\. ?p\\.|s\\.k\\.a\\.|s\\.r\\.l\\.|s\\.a\\.s\\.|s\\.a\\.r\\.l\\."
      + "|s\\.l\\.|s\\.l\\.u\\.|s\\.l\\.l\\.|s\\.coop\\.|s\\.n\\.c\\.|s\\.p\\.a\\.)";
  /** Legal forms in their own case: "Bt", "Kft.", "GbR", "VOF", "SPA", "Groep". */
  private static final String CASED_FORM = "(?:Bt|Kft|Zrt|Nyrt|Kkt)\\.?|GbR|e\\.G\\.|VOF|Mts|EURL|SCOP|SNC|SPA|Srl"
      + "|SRL|Ltda\\.?|Lda\\.?|ApS|A/S|I/S|Oyj";
  private static final Pattern FAMILY_FIRM = Pattern.compile("(?<![\\p{L}\\p{N}])(" + NAME + ") (?:" + FAMILY
      + ")(?![\\p{L}\\p{N}])");
  private static final Pattern LEGAL = Pattern.compile("(?<![\\p{L}\\p{N}.])(?:(" + NAME + ") (?:" + DOTTED_FORM + "|"
      + CASED_FORM + ")|(" + LOWER_NAME + ") " + DOTTED_FORM + ")(?![\\p{L}\\p{N}]|\\.\\p{L})");
  /**
   * A legal form written before the name, as Baltic, Nordic and Russian firms write it: "AS Muižnieks", "SIA Kalniņš un
   * Bērziņš", "UAB Vilkas", "OÜ Tamm"; the name's words have a lower-case letter, so that an all-capitals line ("AS
   * SOON AS") is none.
   */
  private static final Pattern PREFIX_FORM = Pattern.compile("(?<![\\p{L}\\p{N}])(?:AS|SIA|UAB|AB|OÜ|OOO|ZAO|PAO|TOO) "
      + "(\\p{Lu}\\p{Ll}[\\p{L}'\u2019]{0,30}+(?:[ -](?:un|ir|ja|och|og|i|a) \\p{Lu}\\p{Ll}[\\p{L}'\u2019]{0,30}+"
      + "|[ -]\\p{Lu}\\p{Ll}[\\p{L}'\u2019]{0,30}+){0,2})(?![\\p{L}\\p{N}])");
  /** Two name words joined by a hyphen: "Garcia-Lopez"; each must be a surname of the lexicon. */
  private static final Pattern HYPHEN = Pattern.compile("(?<![\\p{L}\\p{N}'\u2019-])(" + WORD + ")-(" + WORD
      + ")(?![\\p{L}\\p{N}]|-\\p{L})");
  /** Three partners: "Smith, Johnson and Williams", "Gran, Larsen og Berntsen". */
  private static final Pattern PARTNERS = Pattern.compile("(?<![\\p{L}\\p{N}])(" + CAP + "), (" + CAP
      + ")(?:,)? (?:and|und|et|y|e|en|i|és|og|och|ja|&) (" + CAP + ")(?![\\p{L}\\p{N}])");
  /**
   * Two partners joined by "&": "Baker & Taylor"; not the last and first words of two persons' names ("Naomi Lang &
   * Peter Tchernyshev").
   */
  private static final Pattern AMPERSAND = Pattern.compile("(?<![\\p{L}\\p{N}]|\\p{Lu}\\p{L}{0,30} )(" + CAP + ") & ("
      + CAP + ")(?![\\p{L}\\p{N}]| \\p{Lu})");
  /** A surname and a company's head word: "Miller Consulting", "Weber Solutions". */
  private static final Pattern HEAD = Pattern.compile("(?<![\\p{L}\\p{N}])(" + CAP + ") (?:Consulting|Consultants"
      + "|Solutions|Software|Systems|Technologies|Associates|Partners|Services|Logistics|Industries|Enterprises"
      + "|Ventures|Holding|Holdings|Group|Groep|Gruppe|Groupe|Gruppo|Grupo|Beratung|Conseil|Consultores|Consulenza"
      + "|Adviseurs)(?![\\p{L}\\p{N}])");
  /** Lower-case words that join the words of a company's line: "Oláh és Székely", "Bank of Scotland". */
  private static final Set<String> CONNECTORS = Set.of("and", "und", "et", "y", "e", "en", "i", "és", "og", "och",
      "ja", "&", "of", "de", "van", "von", "der", "den", "del", "della", "di", "da", "du", "des", "la", "le", "z", "s");
  /** Words of a job title or department, which a signature writes below the name too ("Sales Manager"). */
  private static final Set<String> JOB_WORDS = Set.of("manager", "managerin", "director", "directora", "directeur",
      "directrice", "direttore", "direttrice", "engineer", "ingenieur", "ingénieur", "ingeniero", "ingegnere",
      "officer", "assistant", "assistent", "assistente", "asistente", "consultant", "berater", "beraterin",
      "consulente", "developer", "entwickler", "analyst", "specialist", "spezialist", "coordinator", "koordinator",
      "representative", "executive", "president", "präsident", "head", "lead", "leiter", "leiterin", "chef",
      "geschäftsführer", "geschäftsführerin", "sachbearbeiter", "sachbearbeiterin", "responsable", "gerente", "jefe",
      "jefa", "responsabile", "impiegato", "impiegata", "medewerker", "medewerkster", "adviseur", "administrator",
      "accountant", "advisor", "adviser", "architect", "designer", "sales", "support", "service", "team", "department",
      "abteilung", "kundenservice", "ceo", "cto", "cfo", "coo", "vp", "intern", "student", "praktikant");
  /** Words that open or end place names joined by a hyphen: "Saint-Denis", "Noord-Engeland", "Ober-Ramstadt". */
  private static final Set<String> PLACE_PARTS = Set.of("saint", "sainte", "sint", "san", "santa", "santo", "st",
      "noord", "zuid", "oost", "west", "nord", "sud", "est", "ouest", "nieder", "ober", "unter", "groß", "klein",
      "bad", "pont", "port", "mont", "golf", "north", "south", "east", "new", "upper", "lower", "great", "little");
  private static final int MAX_LINE_WORDS = 6;
  private static final int MAX_LINE = 80;

  private final @Nullable Tagger lexicon;

  /** @param lexicon the name model whose name lexicon tells surnames ({@code null}: the lexicon's shapes are off) */
  CompanyNameRecognizer(@Nullable Tagger lexicon) {
    this.lexicon = lexicon;
  }

  @Override
  public String name() {
    return "company";
  }

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.ORGANIZATION);
  }

  @Override
  public List<PiiEntity> recognize(String text) {
    List<PiiEntity> out = new ArrayList<>();
    Matcher m = FAMILY_FIRM.matcher(text);
    while (m.find()) {
      int s = nameStart(text, m.start(1), m.end(1));
      if (s >= 0) {
        add(out, text, s, m.end(), FORM_SCORE, "family");
      }
    }
    m = LEGAL.matcher(text);
    while (m.find()) {
      int g = m.start(1) >= 0 ? 1 : 2;
      int s = nameStart(text, m.start(g), m.end(g));
      if (s >= 0) {
        add(out, text, s, m.end(), FORM_SCORE, "legal-form");
      }
    }
    m = PREFIX_FORM.matcher(text);
    while (m.find()) {
      add(out, text, m.start(), m.end(), FORM_SCORE, "legal-form");
    }
    if (lexicon != null) {
      if (text.indexOf('-') >= 0) {
        boolean lowerText = text.chars().noneMatch(Character::isUpperCase);
        m = HYPHEN.matcher(text);
        while (m.find()) {
          if (hyphenPartners(m.group(1), m.group(2), lowerText) && !ordinary(text, m.start(1), m.end(1))
              && !ordinary(text, m.start(2), m.end(2)) && !afterGivenName(text, m.start())) {
            add(out, text, m.start(), m.end(), HYPHEN_SCORE, "hyphen");
          }
        }
      }
      if (text.indexOf(',') >= 0) {
        m = PARTNERS.matcher(text);
        while (m.find()) {
          if ((surname(m.group(1)) || surname(m.group(2)) || surname(m.group(3))) && partner(text, m.start(1), m.end(1))
              && partner(text, m.start(2), m.end(2)) && partner(text, m.start(3), m.end(3))) {
            add(out, text, m.start(), m.end(), SHAPE_SCORE, "partners");
          }
        }
      }
      if (text.indexOf('&') >= 0) {
        m = AMPERSAND.matcher(text);
        while (m.find()) {
          if ((surname(m.group(1)) || surname(m.group(2))) && known(m.group(1)) && known(m.group(2))
              && partner(text, m.start(1), m.end(1))
              && partner(text, m.start(2), m.end(2))) {
            add(out, text, m.start(), m.end(), SHAPE_SCORE, "partners");
          }
        }
      }
      m = HEAD.matcher(text);
      while (m.find()) {
        if (surname(m.group(1)) && !ordinary(text, m.start(1), m.end(1))) {
          add(out, text, m.start(), m.end(), SHAPE_SCORE, "head-word");
        }
      }
    }
    if (text.indexOf('\n') >= 0) {
      signatureLines(text, out);
    }
    return out;
  }

  /**
   * Whether two hyphenated words name partners: in a text without capitals, two surnames ("o'hara-murphy", not
   * "oud-leden" in a capitalised sentence); capitalised, two surnames that are no acronym, country, group word or
   * part of a place name ("Saint-Denis", "Noord-Engeland"), and not two given names ("Jean-Pierre"). One surname and
   * a word the lexicon does not know ("Hubbard-Thomas") is too often a German noun ("Batman-Film") or a place.
   */
  private boolean hyphenPartners(String a, String b, boolean lowerText) {
    if (!Character.isUpperCase(a.charAt(0)) || !Character.isUpperCase(b.charAt(0))) {
      return lowerText && surname(a) && surname(b);
    }
    if (!nameCase(a) || !nameCase(b) || givenName(a) && givenName(b) || commonOrCountry(a) || commonOrCountry(b)) {
      return false;
    }
    return surname(a) && surname(b) && !PLACE_PARTS.contains(a.toLowerCase(java.util.Locale.ROOT))
        && !PLACE_PARTS.contains(b.toLowerCase(java.util.Locale.ROOT));
  }

  /** A capitalised word with a lower-case second letter: a name, not an acronym ("DFB-Frauen", "UV-Lampe"). */
  private static boolean nameCase(String word) {
    return word.length() >= 3 && (Character.isLowerCase(word.charAt(1))
        || (word.charAt(1) == '\'' || word.charAt(1) == '\u2019') && Character.isUpperCase(word.charAt(2)));
  }

  /** Whether a capitalised given name and one space come right before {@code at}: "María García-López" is a person. */
  private boolean afterGivenName(String text, int at) {
    if (at < 2 || text.charAt(at - 1) != ' ') {
      return false;
    }
    int s = at - 1;
    while (s > 0 && s > at - 32 && Character.isLetter(text.charAt(s - 1))) {
      s--;
    }
    return s < at - 1 && Character.isUpperCase(text.charAt(s)) && givenName(text.substring(s, at - 1));
  }

  /** A partner of a list: no ordinary, group or office word and no country ("Germany, France and Italy"). */
  private static boolean partner(String text, int s, int e) {
    return !ordinary(text, s, e) && !commonOrCountry(text.substring(s, e));
  }

  private static boolean commonOrCountry(String word) {
    return NameWords.get().commonAlone(word, false) || Countries.get().isCountry(word);
  }

  private boolean known(String word) {
    return lexicon != null && lexicon.nameLexicon(word) != 0;
  }

  private boolean givenName(String word) {
    return lexicon != null && (lexicon.nameLexicon(word) & 1) != 0;
  }

  /** Whether the lexicon lists a word as a surname and it is no group, office or kind word ("American", "Mayor"). */
  private boolean surname(String word) {
    return lexicon != null && (lexicon.nameLexicon(word) & 2) != 0 && !NameWords.get().commonAlone(word, false);
  }

  /**
   * The line between a person's name and a line with a digit (an address, a phone), as a signature or postal block
   * writes a company: each line is read once, from its first letter (bullets and marks before it are skipped).
   */
  private static void signatureLines(String text, List<PiiEntity> out) {
    int prevStart = -1;
    int prevEnd = -1;
    int curStart = -1;
    int curEnd = -1;
    int at = 0;
    while (at <= text.length()) {
      int nl = text.indexOf('\n', at);
      int end = nl < 0 ? text.length() : nl;
      if (curStart >= 0 && prevStart >= 0 && hasDigit(text, at, end)) {
        checkLine(text, prevStart, prevEnd, curStart, curEnd, out);
      }
      prevStart = curStart;
      prevEnd = curEnd;
      curStart = firstLetter(text, at, end);
      curEnd = trimEnd(text, curStart, end);
      if (nl < 0) {
        break;
      }
      at = nl + 1;
    }
  }

  /** Adds the line {@code [s, e)} as a company when the line {@code [ps, pe)} before it is a person's name. */
  private static void checkLine(String text, int ps, int pe, int s, int e, List<PiiEntity> out) {
    if (s < 0 || ps < 0 || e - s > MAX_LINE || pe - ps > MAX_LINE) {
      return;
    }
    boolean lower = !Character.isUpperCase(text.charAt(ps));
    if (!nameLine(text, ps, pe, lower) || !companyLine(text, s, e, lower)) {
      return;
    }
    add(out, text, s, e, LINE_SCORE, "signature-line");
  }

  /** Two to four words of letters, all capitalised (or all lower case), none an ordinary word: a person's name. */
  private static boolean nameLine(String text, int s, int e, boolean lower) {
    int words = 0;
    int w = s;
    while (w < e) {
      int we = w;
      while (we < e && text.charAt(we) != ' ') {
        char c = text.charAt(we);
        if (!Character.isLetter(c) && c != '.' && c != '-' && c != '\'' && c != '\u2019') {
          return false;
        }
        we++;
      }
      if (we == w || Character.isUpperCase(text.charAt(w)) == lower || !Character.isLetter(text.charAt(w))
          || ordinary(text, w, we) && !title(text, w, we)) {
        return false;
      }
      words++;
      w = we + 1;
    }
    return words >= 2 && words <= 4;
  }

  /**
   * One to six words without digits, colons or '@': capitalised name words (lower case in a lower-case block), "and"
   * words between them, and legal forms; not opening with an ordinary word, not ending with an office ("Sales
   * Manager").
   */
  private static boolean companyLine(String text, int s, int e, boolean lower) {
    int words = 0;
    int w = s;
    int lastStart = s;
    boolean named = false;
    while (w < e) {
      int we = w;
      while (we < e && text.charAt(we) != ' ') {
        char c = text.charAt(we);
        if (Character.isDigit(c) || c == ':' || c == '@' || c == '/' && we + 1 < e && text.charAt(we + 1) == '/') {
          return false;
        }
        we++;
      }
      if (we == w) {
        return false;
      }
      String word = text.substring(w, we);
      boolean connector = CONNECTORS.contains(word.toLowerCase(java.util.Locale.ROOT));
      boolean form = word.indexOf('.') > 0 && word.length() <= 12;
      int te = trimWord(text, w, we);
      if (words == 0 && connector || JOB_WORDS.contains(text.substring(w, te).toLowerCase(java.util.Locale.ROOT))) {
        return false;
      }
      if (!connector && !form) {
        char c = text.charAt(w);
        if (!Character.isLetter(c) || !lower && !Character.isUpperCase(c) || grammar(text, w, te)) {
          return false;
        }
        named |= !ordinary(text, w, te);
      }
      lastStart = w;
      words++;
      if (words > MAX_LINE_WORDS) {
        return false;
      }
      w = we + 1;
    }
    String last = text.substring(lastStart, trimWord(text, lastStart, e));
    return named && !NameWords.get().commonAlone(last, false);
  }

  private static int trimWord(String text, int s, int e) {
    while (e > s && !Character.isLetterOrDigit(text.charAt(e - 1))) {
      e--;
    }
    return e;
  }

  private static boolean hasDigit(String text, int s, int e) {
    for (int i = s; i < e; i++) {
      if (Character.isDigit(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** The first letter of a line {@code [s, e)} after bullets and marks, or -1 when a digit comes first or none. */
  private static int firstLetter(String text, int s, int e) {
    for (int i = s; i < e && i < s + 8; i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c)) {
        return i;
      }
      if (Character.isDigit(c)) {
        return -1;
      }
    }
    return -1;
  }

  /** The end of a line without trailing spaces and commas. */
  private static int trimEnd(String text, int s, int e) {
    if (s < 0) {
      return -1;
    }
    while (e > s && (Character.isWhitespace(text.charAt(e - 1)) || text.charAt(e - 1) == ',')) {
      e--;
    }
    return e;
  }

  /**
   * Where a name {@code [s, e)} of one to three words starts once ordinary words before it are dropped ("Then Nowak"
   * is "Nowak"), or -1 when its last word is ordinary too.
   */
  private static int nameStart(String text, int s, int e) {
    while (s < e) {
      int we = s;
      while (we < e && text.charAt(we) != ' ' && text.charAt(we) != '-') {
        we++;
      }
      if (!ordinary(text, s, we)) {
        return s;
      }
      s = we + 1;
    }
    return -1;
  }

  /** A function, calendar or greeting word of any language: never a word of a company's line. */
  private static boolean grammar(String text, int s, int e) {
    int mask = Lexicons.get().mask(text, s, e);
    return (mask & (Lexicons.bits(WordClass.FUNCTION) | Lexicons.bits(WordClass.CALENDAR)
        | Lexicons.bits(WordClass.GREETING))) != 0;
  }

  /** A function, calendar, greeting or label word of any language: never a company's first word. */
  private static boolean ordinary(String text, int s, int e) {
    int mask = Lexicons.get().mask(text, s, e);
    return (mask & (Lexicons.bits(WordClass.FUNCTION) | Lexicons.bits(WordClass.CALENDAR)
        | Lexicons.bits(WordClass.GREETING) | Lexicons.bits(WordClass.LABEL))) != 0;
  }

  private static boolean title(String text, int s, int e) {
    return (Lexicons.get().mask(text, s, trimWord(text, s, e)) & Lexicons.bits(WordClass.TITLE)) != 0;
  }

  private static void add(List<PiiEntity> out, String text, int s, int e, double score, String why) {
    out.add(new PiiEntity(EntityType.ORGANIZATION, text.substring(s, e), s, e, score, EXPLANATION + why));
  }
}
