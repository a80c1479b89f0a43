package dev.confidant.pii.internal.ner;

import dev.confidant.pii.internal.address.Countries;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Words that the name model takes for names more often than they are, from this package's {@code name-words.txt}
 * (our own lists, Apache-2.0), and whether a model span made of them holds a name ({@link #noName}). The categories come
 * from the model's false positives on the development splits of UNER and GermEval (engine-pii README): nationality
 * and group words ("American", "Deutsche"), offices and ranks ("the President", "der Kaiser") and German abstract
 * nouns ("Regierung", "Gesellschaft"), generic nouns for kinds of places and bodies ("Region", "Armee") and the
 * heads of event names ("Davis Cup", "Weltkrieg"). Immutable and thread-safe; loaded once per class loader (about
 * 1,000 entries).
 */
public final class NameWords {
  private static final NameWords INSTANCE = load("name-words.txt");
  /** German abstract-noun endings count only on words at least this long ("Jung" and "Wei" are names). */
  private static final int NOUN_SUFFIX_MIN_LENGTH = 7;
  /** Lower-case German adjectives of origin ({@link #lowerCaseAdjective}); "fischer" (7 letters) is a name. */
  private static final Pattern GERMAN_ADJECTIVE = Pattern.compile(".*isch(e|en|er|es|em)");
  private static final int ADJECTIVE_MIN_LENGTH = 9;
  /** Roman numerals after a name ("World War II", "Henry VIII"). */
  private static final Pattern ROMAN = Pattern.compile("[IVX]{1,5}");

  private final Set<String> demonyms;
  private final Set<String> roles;
  private final List<String> roleSuffixes;
  private final List<String> nounSuffixes;
  private final List<String> germanNounSuffixes;
  private final Set<String> notNouns;
  private final Set<String> kinds;
  private final Set<String> events;
  private final List<String> eventSuffixes;
  private final Set<String> eventLeads;

  private NameWords(Map<String, Set<String>> sections) {
    this.demonyms = Set.copyOf(sections.getOrDefault("demonym", Set.of()));
    this.roles = Set.copyOf(sections.getOrDefault("role", Set.of()));
    this.roleSuffixes = List.copyOf(sections.getOrDefault("role-suffix", Set.of()));
    this.nounSuffixes = List.copyOf(sections.getOrDefault("noun-suffix", Set.of()));
    this.germanNounSuffixes = List.copyOf(sections.getOrDefault("noun-suffix-de", Set.of()));
    this.notNouns = Set.copyOf(sections.getOrDefault("not-noun", Set.of()));
    this.kinds = Set.copyOf(sections.getOrDefault("kind", Set.of()));
    this.events = Set.copyOf(sections.getOrDefault("event", Set.of()));
    this.eventSuffixes = List.copyOf(sections.getOrDefault("event-suffix", Set.of()));
    this.eventLeads = Set.copyOf(sections.getOrDefault("event-lead", Set.of()));
  }

  /** The shipped lists. */
  public static NameWords get() {
    return INSTANCE;
  }

  /** Whether a word names a nationality, region's people, religion or similar group ("Americans", "Deutsche"). */
  public boolean demonym(String word) {
    return demonyms.contains(word.toLowerCase(Locale.ROOT)) && !Countries.get().isCountry(word);
  }

  /**
   * Whether a word is a lower-case German adjective of origin ("niederländische", "irakischen", "asiatischen"): in
   * German text a name's adjectives are capitalised ("Deutsche Bank"), so such a word starts no name.
   */
  static boolean lowerCaseAdjective(String word) {
    return word.length() >= ADJECTIVE_MIN_LENGTH && Character.isLowerCase(word.charAt(0))
        && GERMAN_ADJECTIVE.matcher(word).matches();
  }

  /**
   * Whether a word alone is an ordinary word of these lists rather than a name: a nationality or group word, an
   * office, a generic noun for a kind of place or body, or an abstract noun ("Iraqis", "Kaiser", "Region",
   * "Regierung"; {@code german}: with the German noun endings).
   */
  public boolean commonAlone(String word, boolean german) {
    return demonym(word) || role(word) || kind(word) || abstractNoun(word, german);
  }

  /** Whether a word is an office or rank ("President", "Kanzlerin"), also as the end of a German compound. */
  boolean role(String word) {
    return listedOrCompound(word, roles, roleSuffixes);
  }

  /**
   * Whether a word is in {@code words}, or ends in one of {@code endings} after at least three more letters (a German
   * compound: "Außenminister", "Weltkrieg").
   */
  private static boolean listedOrCompound(String word, Set<String> words, List<String> endings) {
    String lower = word.toLowerCase(Locale.ROOT);
    if (words.contains(lower)) {
      return true;
    }
    for (String ending : endings) {
      if (lower.length() >= ending.length() + 3 && lower.endsWith(ending)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a word ends like an abstract noun ("Revolution"; in German text also "Regierung", "Freiheit") and is
   * long enough; never a country or a listed name ("Samsung").
   */
  boolean abstractNoun(String word, boolean german) {
    if (word.length() < NOUN_SUFFIX_MIN_LENGTH || Countries.get().isCountry(word)) {
      return false;
    }
    String lower = word.toLowerCase(Locale.ROOT);
    if (notNouns.contains(lower)) {
      return false;
    }
    return endsWithAny(lower, nounSuffixes) || german && endsWithAny(lower, germanNounSuffixes);
  }

  /**
   * Whether a word is a generic noun for a kind of place, body or period ("Region", "Armee", "capital"); never a
   * country ("Island" is Iceland in German).
   */
  boolean kind(String word) {
    return kinds.contains(word.toLowerCase(Locale.ROOT)) && !Countries.get().isCountry(word);
  }

  /**
   * Whether a word ends an event or period name ("Cup", "Age", "Revolution"), or is a German compound at least
   * three letters longer than such an ending ("Weltkrieg", "Bundestagswahl"; not "Wahl" alone, a surname).
   */
  boolean eventEnd(String word) {
    return listedOrCompound(word, events, eventSuffixes);
  }

  /** Whether a word starts an event name when more words follow ("Treaty", "Schlacht", "Coupe"). */
  boolean eventLead(String word) {
    return eventLeads.contains(word.toLowerCase(Locale.ROOT));
  }

  private static boolean endsWithAny(String word, List<String> suffixes) {
    for (String suffix : suffixes) {
      if (word.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a model span of tokens {@code [start, end)} of a sentence holds no name:
   * <ul>
   *   <li>its words are all group words, or group words and offices ("Americans", "Chinese President"), or lower-case
   *       German adjectives of origin and offices or generic nouns ("die niederländische Polizei", {@link
   *       #lowerCaseAdjective});
   *   <li>its words are all offices and an article or other lower-case word, or a group word, comes before it ("the
   *       King", "der Kaiser"), or it has two of them ("Prime Minister"); a lone "Richter" or "Kaiser" may be a
   *       surname and stays, and "President Obama" stays whole;
   *   <li>it is one abstract noun ("Revolution"; in German text also "Regierung", see {@link #abstractNoun}) or one
   *       generic noun for a kind of place, body or period ("Region", "Armee", "capital", see {@link #kind});
   *   <li>it names an event or period: its last word, numbers and Roman numerals aside, ends one ("Davis Cup", "World
   *       War II", "Weltkrieg", see {@link #eventEnd}), or its first word starts one and more words follow ("Treaty
   *       of London", {@link #eventLead}).
   * </ul>
   * Country names are never group words or abstract nouns ("Italien", "Suisse", "Argentine").
   */
  boolean noName(String[] tokens, int start, int end, boolean german) {
    int words = 0;
    int groups = 0;
    int offices = 0;
    int adjectives = 0;
    int generic = 0;
    int first = -1;
    int last = -1;
    int lastWord = -1;
    for (int i = start; i < end; i++) {
      if (!hasLetter(tokens[i])) {
        continue;
      }
      words++;
      last = i;
      first = first < 0 ? i : first;
      lastWord = ROMAN.matcher(tokens[i]).matches() ? lastWord : i;
      if (lowerCaseAdjective(tokens[i])) {
        adjectives++;
      } else if (demonym(tokens[i])) {
        groups++;
      } else if (role(tokens[i])) {
        offices++;
      } else if (kind(tokens[i])) {
        generic++;
      }
    }
    if (words == 0) {
      return false;
    }
    if (groups + adjectives > 0 && groups + adjectives + offices == words
        || adjectives > 0 && adjectives + offices + generic == words) {
      return true;
    }
    if (offices == words) {
      boolean afterWord = start > 0 && hasLetter(tokens[start - 1])
          && (Character.isLowerCase(tokens[start - 1].charAt(0)) || demonym(tokens[start - 1]));
      return afterWord || offices >= 2;
    }
    if (words == 1 && (kind(tokens[last]) || abstractNoun(tokens[last], german))) {
      return true;
    }
    return lastWord >= 0 && eventEnd(tokens[lastWord]) || words >= 2 && eventLead(tokens[first]);
  }

  private static boolean hasLetter(String token) {
    for (int i = 0; i < token.length(); i++) {
      if (Character.isLetter(token.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  static NameWords load(String resource) {
    Map<String, Set<String>> sections = new HashMap<>();
    try (InputStream in = NameWords.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("name word list missing: " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      Set<String> section = null;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        if (l.startsWith("[") && l.endsWith("]")) {
          section = sections.computeIfAbsent(l.substring(1, l.length() - 1), k -> new HashSet<>());
          continue;
        }
        if (section == null) {
          throw new IllegalStateException(resource + ": entry before any [section]");
        }
        for (String entry : l.split(",")) {
          String e = entry.strip().toLowerCase(Locale.ROOT);
          if (!e.isEmpty()) {
            section.add(e);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    return new NameWords(sections);
  }
}
