package dev.confidant.pii.internal.ner;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules that complement the statistical model where chat text differs from its Wikipedia training data: titles
 * ("Dr. Anna Weber"), cue phrases ("my name is ..."), greetings and sign-offs, and legal-form suffixes
 * ("Müller Logistik GmbH"). Every repetition is bounded. Thread-safe.
 */
final class NameRules {
  /** Given names that open a person's name; empty without the models artifact (rules only). */
  private final java.util.Set<String> firstNames;

  /** @param firstNames given names for the "given name + capitalised word" rule */
  NameRules(java.util.Set<String> firstNames) {
    this.firstNames = firstNames;
  }

  private static final String CAP = "[\\p{Lu}][\\p{L}'\u2019-]{0,30}+";
  private static final String LOW = "[\\p{L}][\\p{L}'\u2019-]{0,30}+";
  private static final Pattern TITLE = Pattern.compile(
      "(?<![\\w])(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Herr|Frau|Hr|Fr|Mme|Mlle|Mister|Madam|Doktor)\\.? "
          + "(?:Dr\\.? |Prof\\.? )?(" + CAP + "(?: " + CAP + "){0,2})");
  private static final Pattern TITLE_LOWER = Pattern.compile(
      "(?<![\\w])(?i:mr|mrs|ms|miss|dr|prof|herr|frau)\\. (" + LOW + "(?: " + CAP + "){0,2})");
  /** Cue words before a name; "Liebe" and "Lieber" only capitalised: "liebe" is also a verb ("ich liebe Bücher"). */
  private static final Pattern CUE = Pattern.compile(
      "(?i)(?<![\\w])(?:my name is|my name's|name is|name:|named|called|i am|i'm|this is|mein name ist|ich heiße|"
          + "ich heisse|dear|hi|hello|hallo|(?-i:Liebe|Lieber)|sehr geehrte[rs]?|regards,|cheers,|grüße,|gruß,|"
          + "mit freundlichen grüßen,?|best,|thanks,|danke,|contact|kontakt|ask|spoke with|talked to|"
          + "met with|signed by|unterschrieben von|patient|client|customer|kunde|kundin|said|says|asked|told|"
          + "replied|shouted at|starring|directed by|written by|according to|sagte|sagt|fragte|schrieb)[ \\n]+"
          + "(?-i:(" + CAP + "(?: " + CAP + "){0,2}))");
  private static final Pattern CUE_LOWER = Pattern.compile(
      "(?i)(?<![\\w])(?:my name is|my name's|name:|mein name ist|ich heiße|ich heisse)[ ]+(" + LOW + "(?: "
          + LOW + ")?)");
  private static final Pattern LEGAL_FORM = Pattern.compile(
      "(?<![\\w])((?:[\\p{Lu}0-9][\\p{L}0-9&'.\u2019-]{0,40}+ (?:(?:&|and|und|of|für|de|la) )?){1,4}"
          + "(?:GmbH(?: & Co\\.? KG)?|AG|SE|KG|KGaA|OHG|UG|e\\.V\\.|Ltd\\.?|Limited|Inc\\.?|LLC|LLP|Corp\\.?|"
          + "Corporation|PLC|plc|S\\.A\\.|SA|SAS|SARL|S\\.p\\.A\\.|SpA|BV|B\\.V\\.|N\\.V\\.|NV|AB|ASA|Oy|"
          + "Co\\.|Group|Holding|Holdings|Bank|Foundation|Stiftung|University|Universität|Institute))(?![\\w]| ?\\d)");
  /** A capitalised word of a name; inner dots only ("F.C", "St.Pauli"), so a sentence's full stop stays out. */
  private static final String NAME_WORD = "[\\p{Lu}](?:[\\p{L}0-9'\u2019-]|\\.(?=[\\p{L}])){0,30}+";
  /** Head words that end an organisation's name: "Labour Party", "Deutsche Bank", "Manchester United F.C.". */
  private static final String ORG_TAIL = "Party|Partei|Club|Verein|F\\.C\\.|FC|AFC|Association|Institute|Institut|"
      + "Ministry|Ministerium|Council|Company|Records|Committee|Commission|Agency|Federation|Union|Society|Academy|"
      + "Akademie|College|Hochschule|Bank|Airlines|Airways|Motors|Industries|Laboratories|Partners|Gesellschaft|"
      + "Verband|Gewerkschaft|Konzern|Werke|Klinikum|Orchestra|Orchester|Ensemble|Church|Kirche|Museum|Foundation|"
      + "Studios|Entertainment|Publishing|Verlag|Police|Polizei|Army|Navy|Agentur|Amt|Senate|Senat|Parliament|"
      + "Parlament|Court|Gericht|Department|Office|Bureau";
  /** Head words followed by "of", "für", ...: "University of Oxford", "Ministerium für Bildung". */
  private static final String ORG_HEAD_OF = "University|Universität|Ministry|Ministerium|Bundesministerium|Bank|Council|"
      + "Institute|Institut|Department|Church|Museum|Academy|Akademie|Association|Federation|Society|Union|Court|"
      + "Board|Office|School|College|Committee|Commission|Agency|Bureau|Verband|Verein|Gesellschaft|Hochschule";
  /** Head words followed directly by a name (German style): "Universität Wien", "Stiftung Warentest". */
  private static final String ORG_HEAD = "Universität|Hochschule|Fachhochschule|Stiftung|Klinikum|Bundesamt|Landesamt|"
      + "Museum|Turnverein|Sportverein";
  private static final Pattern ORG_BY_TAIL = Pattern.compile(
      "(?<![\\w])((?:" + NAME_WORD + " (?:(?:&|and|und|of|für|de) )?){1,4}(?:" + ORG_TAIL + "))(?![\\w])");
  private static final Pattern ORG_BY_HEAD = Pattern.compile(
      "(?<![\\w])((?:(?:" + ORG_HEAD_OF + ") (?:of|for|für|der|des|of the|for the)|" + ORG_HEAD + ") " + NAME_WORD
          + "(?: (?:of |and |für |der |& )?" + NAME_WORD + "){0,3})");
  /** Sports clubs and societies: "FC Barcelona", "1. FC Köln", "SV Werder Bremen", "AC Milan". */
  private static final Pattern ORG_CLUB = Pattern.compile(
      "(?<![\\w])((?:1\\. )?(?:FC|SC|SV|TSV|VfB|VfL|TuS|SpVgg|AC|AS|CF|CD|FK|NK|SK|HC|BSC|FSV|SSV|KSV|MSV) "
          + "(?:[0-9]{2,4} )?" + NAME_WORD + "(?: " + NAME_WORD + "){0,2})");
  /**
   * German compounds whose last part names an organisation, with the name that follows: "Turnverein Oberhausen",
   * "Musikhochschule Köln" (alone, "Sportverein" is a common noun).
   */
  private static final Pattern ORG_COMPOUND = Pattern.compile(
      "(?<![\\w])([\\p{Lu}][\\p{L}-]{1,30}(?:verein|verband|partei|gesellschaft|ministerium|universität|"
          + "hochschule|gewerkschaft|stiftung|akademie|klinikum)(?: " + NAME_WORD + "){1,2})(?![\\w])");
  /** A capitalised word followed by one or two more, looked at from every word start (zero-width). */
  private static final Pattern GIVEN_NAME = Pattern.compile(
      "(?<![\\w])(?=([\\p{Lu}][\\p{L}-]{1,30}+)((?: " + NAME_WORD + "){1,2}))");

  /**
   * Words that label a reference number ("Order 0", "Room 12"): a model span made of these and numbers only is a
   * document or object, not a name.
   */
  static final java.util.Set<String> REFERENCE_NOUNS = java.util.Set.of("order", "orders", "invoice", "ticket",
      "case", "room", "phase", "step", "version", "chapter", "section", "page", "item", "table", "figure", "fig",
      "level", "floor", "gate", "platform", "line", "row", "column", "no", "nr", "number", "id", "ref", "task",
      "issue", "bug", "release", "build", "part", "unit", "model", "option", "plan", "account", "contract",
      "bestellung", "rechnung", "auftrag", "kapitel", "seite", "zimmer", "raum", "abschnitt", "schritt", "nummer",
      "vertrag", "konto", "ticketnummer", "stufe", "tabelle", "abbildung", "and", "und", "or", "oder", "&");

  /** Words that start sentences or are capitalized for grammar, not because they name something. */
  private static final java.util.Set<String> NOT_NAMES = java.util.Set.copyOf(java.util.List.of("the", "a", "an", "i", "we", "you",
      "he", "she", "they", "it", "my", "our", "your", "this", "that", "please", "thanks", "thank", "yes", "no",
      "hi", "hello", "dear", "der", "die", "das", "ich", "wir", "sie", "es", "mein", "meine", "bitte", "danke",
      "sorry", "also", "here", "there", "not", "just", "so", "and", "but", "or", "und", "aber", "oder", "going",
      "happy", "sure", "fine", "good", "glad", "ok", "okay", "at", "in", "on", "from", "with", "to", "for",
      // Imperatives that open chat requests and get capitalized at the start of a sentence.
      "mail", "email", "e-mail", "call", "contact", "write", "send", "ask", "tell", "forward", "invite", "meet",
      "remind", "text", "message", "ping", "phone", "pay", "book", "schedule", "summarize", "translate",
      "schreib", "schreibe", "ruf", "rufe", "frag", "frage", "sende", "schicke", "schick", "informiere",
      "lade", "kontaktiere", "erinnere", "bezahle", "hey", "hallo", "liebe", "lieber", "sehr", "geehrte",
      "geehrter", "mr", "mrs", "ms", "dr", "prof", "herr", "frau",
      // Pronouns and contractions the model sometimes takes for names after "call", "ask", ...
      "me", "him", "her", "us", "them", "someone", "somebody", "anyone", "everyone", "nobody", "what's",
      "it's", "here's", "that's", "there's", "who", "what", "when", "where", "why", "how", "had", "has", "have",
      "is", "was", "were", "are", "will", "would", "can", "could", "should", "said", "says", "mich", "ihn",
      "ihm", "uns", "euch", "jemand", "jemanden", "wer", "was", "wann", "wo", "warum", "wie", "hat", "hatte",
      "ist", "war", "sind", "wird", "kann", "i'm", "i’m", "asap",
      // Labels of address and contact lines.
      "apt", "suite", "fax", "mobile", "tel", "street", "floor",
      // Addressees and salutations: "Dear Customer", "Cher client", "Beste klant", "Estimado cliente".
      "customer", "customers", "client", "clients", "colleague", "colleagues", "team", "all", "friend", "friends",
      "sir", "madam", "guest", "guests", "member", "members", "user", "users", "valued", "kunde", "kundin",
      "kunden", "kollege", "kollegin", "kollegen", "cher", "chère", "chers", "chères", "estimado", "estimada",
      "estimados", "estimadas", "gentile", "gentili", "egregio", "egregia", "caro", "cara", "cari", "care",
      "geachte", "beste", "collega", "collega's", "klant", "klanten",
      // German determiners and quantifiers before a head noun: "Dieser Partei", "ein Dutzend Werke".
      "dieser", "diese", "dieses", "diesem", "diesen", "jener", "jene", "jenes", "ein", "eine", "einer", "eines",
      "einem", "einen", "kein", "keine", "keiner", "dutzend", "seine", "seiner", "seinen", "seinem", "ihre", "ihrer",
      "ihren", "ihrem", "unsere", "unserer", "alle", "viele", "mehrere", "beide", "beiden", "jede", "jeder", "jedes"));

  /*
   * Words without which a rule cannot match (for case-insensitive rules: in lower case, looked for in the
   * lower-cased text). Trying a rule's regex at every position of every text cost a quarter of all detection time;
   * a text without any of these words skips it. NameRulesTest checks that gated and ungated results agree.
   */
  private static final String[] TITLE_WORDS = {"Mr", "Ms", "Miss", "Mx", "Dr", "Prof", "Sir", "Dame", "Herr", "Fr",
      "Hr", "Mme", "Mlle", "Mister", "Madam", "Doktor"};
  private static final String[] TITLE_LOWER_WORDS = {"mr.", "mrs.", "ms.", "miss.", "dr.", "prof.", "herr.", "frau."};
  private static final String[] CUE_WORDS = {"name", "called", "i am", "i'm", "this is", "ich hei", "dear", "hi",
      "hello", "hallo", "liebe", "sehr geehrte", "regards,", "cheers,", "grüße", "gruß,", "best,", "thanks,",
      "danke,", "contact", "kontakt", "ask", "spoke with", "talked to", "met with", "signed by",
      "unterschrieben von", "patient", "client", "customer", "kund", "said", "says", "told", "replied",
      "shouted at", "starring", "directed by", "written by", "according to", "sagt", "fragte", "schrieb"};
  private static final String[] CUE_LOWER_WORDS = {"name", "ich hei"};
  private static final String[] LEGAL_WORDS = {"GmbH", "AG", "SE", "KG", "OHG", "UG", "e.V.", "Ltd", "Limited", "Inc",
      "LLC", "LLP", "Corp", "PLC", "plc", "SA", "S.A.", "S.p.A.", "SpA", "BV", "B.V.", "N.V.", "NV", "AB", "Oy", "Co.",
      "Group", "Holding", "Bank", "Foundation", "Stiftung", "University", "Universität", "Institute"};
  private static final String[] TAIL_WORDS = ORG_TAIL.replace("\\", "").split("\\|");
  private static final String[] HEAD_WORDS = (ORG_HEAD_OF + "|" + ORG_HEAD).split("\\|");
  private static final String[] CLUB_WORDS = {"FC", "SC", "SV", "VfB", "VfL", "TuS", "SpVgg", "AC", "AS", "CF", "CD",
      "FK", "NK", "SK", "HC"};
  private static final String[] COMPOUND_WORDS = {"verein", "verband", "partei", "gesellschaft", "ministerium",
      "universität", "hochschule", "gewerkschaft", "stiftung", "akademie", "klinikum"};

  private static boolean containsAny(String text, String[] words) {
    for (String w : words) {
      if (text.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /** The rule matches in a text. */
  List<PiiEntity> find(String text) {
    return find(text, true);
  }

  /** The rule matches in a text; {@code gated}: skip rules whose required words the text lacks. */
  List<PiiEntity> find(String text, boolean gated) {
    List<PiiEntity> out = new ArrayList<>();
    String lower = gated ? text.toLowerCase(java.util.Locale.ROOT) : "";
    if (!gated || containsAny(text, TITLE_WORDS)) {
      add(out, text, TITLE.matcher(text), EntityType.PERSON, 0.92, "names/title");
    }
    if (!gated || containsAny(lower, TITLE_LOWER_WORDS)) {
      add(out, text, TITLE_LOWER.matcher(text), EntityType.PERSON, 0.7, "names/title");
    }
    if (!gated || containsAny(lower, CUE_WORDS)) {
      add(out, text, CUE.matcher(text), EntityType.PERSON, 0.7, "names/cue");
    }
    if (!gated || containsAny(lower, CUE_LOWER_WORDS)) {
      add(out, text, CUE_LOWER.matcher(text), EntityType.PERSON, 0.6, "names/cue");
    }
    if (!gated || containsAny(text, LEGAL_WORDS)) {
      addOrg(out, text, LEGAL_FORM.matcher(text), 0.95, "names/legal-form");
    }
    if (!gated || containsAny(text, TAIL_WORDS)) {
      addOrg(out, text, ORG_BY_TAIL.matcher(text), 0.85, "names/org-word");
    }
    if (!gated || containsAny(text, HEAD_WORDS)) {
      addOrg(out, text, ORG_BY_HEAD.matcher(text), 0.85, "names/org-word");
    }
    if (!gated || containsAny(text, CLUB_WORDS)) {
      addOrg(out, text, ORG_CLUB.matcher(text), 0.85, "names/club");
    }
    if (!gated || containsAny(text, COMPOUND_WORDS)) {
      add(out, text, ORG_COMPOUND.matcher(text), EntityType.ORGANIZATION, 0.8, "names/org-compound");
    }
    Matcher m = GIVEN_NAME.matcher(text);
    while (!firstNames.isEmpty() && m.find()) {
      if (firstNames.contains(m.group(1))) {
        int e = trimEnd(text, m.start(1), m.end(2));
        // "Tony Awards", "Andrew Marr Show": a given name that opens an event's or show's name.
        if (e > m.end(1) && !NameWords.get().eventEnd(text.substring(text.lastIndexOf(' ', e - 1) + 1, e))) {
          out.add(new PiiEntity(EntityType.PERSON, text.substring(m.start(1), e), m.start(1), e, 0.75,
              "names/given-name"));
        }
      }
    }
    return out;
  }

  /** Whether a value is only reference nouns and numbers ("Order 0", "Room 12 and Room 14"). */
  static boolean isReference(String value) {
    boolean number = false;
    for (String word : value.split("[\\s]+")) {
      String w = word.toLowerCase(java.util.Locale.ROOT);
      if (w.chars().anyMatch(Character::isDigit) && w.chars().noneMatch(Character::isLetter)) {
        number = true;
      } else if (!REFERENCE_NOUNS.contains(w) && w.chars().anyMatch(Character::isLetter)) {
        return false;
      }
    }
    return number;
  }

  private static void add(List<PiiEntity> out, String text, Matcher m, EntityType type, double score, String why) {
    while (m.find()) {
      int s = trimStart(text, m.start(1), m.end(1));
      int e = m.end(1);
      if (e - s >= 2) {
        out.add(new PiiEntity(type, text.substring(s, e), s, e, score, why));
      }
    }
  }

  /**
   * Organisation rules: after dropping grammar words ("The Bank", "Our Company", "The GmbH") two words must
   * remain, a name and its head word or legal form.
   */
  private static void addOrg(List<PiiEntity> out, String text, Matcher m, double score, String why) {
    while (m.find()) {
      int s = trimStart(text, m.start(1), m.end(1));
      int e = m.end(1);
      if (text.substring(s, e).indexOf(' ') > 0) {
        out.add(new PiiEntity(EntityType.ORGANIZATION, text.substring(s, e), s, e, score, why));
      }
    }
  }

  /** Like {@link #trimStart}, from the end ("john had" keeps "john"); also drops trailing brackets. */
  static int trimEnd(String text, int s, int e) {
    while (e > s) {
      char last = text.charAt(e - 1);
      if (last == ')' || last == ']' || last == '"' || last == ',' || last == ';' || last == ':') {
        e--;
        continue;
      }
      int ws = e;
      while (ws > s && text.charAt(ws - 1) != ' ') {
        ws--;
      }
      if (!NOT_NAMES.contains(text.substring(ws, e).toLowerCase(java.util.Locale.ROOT))) {
        break;
      }
      e = ws;
      while (e > s && text.charAt(e - 1) == ' ') {
        e--;
      }
    }
    return e;
  }

  /**
   * Skips leading words that are capitalized for grammar, not because they name something ("The Acme Ltd"
   * keeps "Acme Ltd"; "Mail Anna Weber" keeps "Anna Weber"; "I am Happy" keeps nothing).
   */
  static int trimStart(String text, int s, int e) {
    while (s < e) {
      int we = s;
      while (we < e && text.charAt(we) != ' ') {
        we++;
      }
      if (!NOT_NAMES.contains(text.substring(s, we).toLowerCase(java.util.Locale.ROOT))) {
        break;
      }
      s = Math.min(e, we + 1);
      while (s < e && text.charAt(s) == ' ') {
        s++;
      }
    }
    return s;
  }
}
