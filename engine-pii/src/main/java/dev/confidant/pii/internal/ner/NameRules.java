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
  private NameRules() {}

  private static final String CAP = "[\\p{Lu}][\\p{L}'\u2019-]{0,30}+";
  private static final String LOW = "[\\p{L}][\\p{L}'\u2019-]{0,30}+";
  private static final Pattern TITLE = Pattern.compile(
      "(?<![\\w])(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Herr|Frau|Hr|Fr|Mme|Mlle|Mister|Madam|Doktor)\\.? "
          + "(?:Dr\\.? |Prof\\.? )?(" + CAP + "(?: " + CAP + "){0,2})");
  private static final Pattern TITLE_LOWER = Pattern.compile(
      "(?<![\\w])(?i:mr|mrs|ms|miss|dr|prof|herr|frau)\\. (" + LOW + "(?: " + CAP + "){0,2})");
  private static final Pattern CUE = Pattern.compile(
      "(?i)(?<![\\w])(?:my name is|my name's|name is|name:|named|called|i am|i'm|this is|mein name ist|ich heiße|"
          + "ich heisse|dear|hi|hello|hallo|liebe|lieber|sehr geehrte[rs]?|regards,|cheers,|grüße,|gruß,|"
          + "mit freundlichen grüßen,?|best,|thanks,|danke,|contact|kontakt|ask|spoke with|talked to|"
          + "met with|signed by|unterschrieben von|patient|client|customer|kunde|kundin)[ \\n]+"
          + "(?-i:(" + CAP + "(?: " + CAP + "){0,2}))");
  private static final Pattern CUE_LOWER = Pattern.compile(
      "(?i)(?<![\\w])(?:my name is|my name's|name:|mein name ist|ich heiße|ich heisse)[ ]+(" + LOW + "(?: "
          + LOW + ")?)");
  private static final Pattern LEGAL_FORM = Pattern.compile(
      "(?<![\\w])((?:[\\p{Lu}0-9][\\p{L}0-9&'.\u2019-]{0,40}+ (?:(?:&|and|und|of|für|de|la) )?){1,4}"
          + "(?:GmbH(?: & Co\\.? KG)?|AG|SE|KG|KGaA|OHG|UG|e\\.V\\.|Ltd\\.?|Limited|Inc\\.?|LLC|LLP|Corp\\.?|"
          + "Corporation|PLC|plc|S\\.A\\.|SA|SAS|SARL|S\\.p\\.A\\.|SpA|BV|B\\.V\\.|N\\.V\\.|NV|AB|ASA|Oy|"
          + "Co\\.|Group|Holding|Holdings|Bank|Foundation|Stiftung|University|Universität|Institute))(?![\\w]| ?\\d)");
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
      "ist", "war", "sind", "wird", "kann"));

  /** The rule matches in a text. */
  static List<PiiEntity> find(String text) {
    List<PiiEntity> out = new ArrayList<>();
    add(out, text, TITLE.matcher(text), EntityType.PERSON, 0.92, "names/title");
    add(out, text, TITLE_LOWER.matcher(text), EntityType.PERSON, 0.7, "names/title");
    add(out, text, CUE.matcher(text), EntityType.PERSON, 0.7, "names/cue");
    add(out, text, CUE_LOWER.matcher(text), EntityType.PERSON, 0.6, "names/cue");
    add(out, text, LEGAL_FORM.matcher(text), EntityType.ORGANIZATION, 0.95, "names/legal-form");
    return out;
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
