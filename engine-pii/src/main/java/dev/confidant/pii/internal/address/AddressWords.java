package dev.confidant.pii.internal.address;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Street-type words ("Road", "rue", "calle", "ulica", "οδός"), compound street suffixes ("-straße", "-straat", "-vej",
 * "-gatan", "-katu") and unit words ("Apt", "Suite", "Stiege", "piso") of the languages of the EU/EEA, the UK, the US
 * and Switzerland, read from {@code address-words.txt} (libpostal's dictionaries, MIT; see SOURCE there). Lower-case
 * look-ups, a final '.' optional. Immutable and thread-safe; loaded once.
 */
final class AddressWords {
  /**
   * Ours, beyond libpostal's dictionaries: USPS street suffixes (USPS Publication 28, appendix C1) that its English
   * list lacks; those that are common nouns after a number ("club", "station", "camp", "fort", "wall") are weak.
   */
  private static final Set<String> EXTRA_STREETS = Set.of("coves", "dam", "drives", "fords", "forest", "forge",
      "forges", "fork", "forks", "glens", "greens", "groves", "lake", "lakes", "lights", "lock", "locks", "lodge",
      "manors", "mountain", "mountains", "neck", "orchard", "parks", "points", "river", "spurs", "stream",
      "villages", "ville", "walks",
      // Hungarian "utca" abbreviated, only with its dot ("Fürdő u. 82/b"): a bare "u" is no type.
      "u.",
      // Estonian types after the name, which libpostal's dictionaries lack: "Kross põik 320", "Saar tee 848".
      "põik", "tee", "tänav", "maantee", "puiestee",
      // USPS suffixes that are common nouns after a number, as weak types: a street only before a comma or a unit
      // ("039 Jacobson Camp Apt. 714", "12 Mill Station, Springfield"; Faker's US streets end so).
      "camp", "club", "fort", "mission", "station", "wall");
  /** Of {@link #EXTRA_STREETS}, the common nouns of English prose ("3 Red River farms"): types only before a comma. */
  private static final Set<String> WEAK = Set.of("dam", "forest", "lake", "lakes", "lights", "lock", "locks",
      "lodge", "mountain", "mountains", "neck", "orchard", "parks", "points", "river", "stream", "walks", "greens",
      "u.", // German "u." is "und": "5 Leuten von SS u. Marinesturm"
      "camp", "club", "fort", "mission", "station", "wall");
  /** Ours: Spanish, Italian and Polish types written before the name that libpostal lists under no prefix. */
  private static final Set<String> EXTRA_PREFIXES = Set.of("polígono", "poligono", "extrarradio", "edificio",
      "caserío", "caserio", "arroyo", "incrocio", "conjunto", "aleja", "osiedle", "urbanización", "urbanizacion",
      // Bulgarian, which libpostal's dictionaries lack: "ул. Г.М Димитров, 32", "пл. Сребърна, 02", "бул. Витоша 5".
      "ул.", "улица", "пл.", "площад", "бул.", "булевард", "ж.к.",
      // Spanish and Catalan types of datafaker's and Faker's es_ES streets that libpostal lacks: "Riera Gabriel 5".
      "riera", "huerta", "vía", "senda", "masía", "jardines", "escalinata", "cañada", "barrio", "ramal", "faubourg",
      "colonia", "mercado", "solar");
  /**
   * Ours: compound suffixes that libpostal lists only as separate words, Finnish "-ranta" (shore: "Koivistoranta89")
   * and Dutch and Flemish "-park" ("Majkapark 3124"), German "-str." ("Neißestr. 98c"), Danish "-gyde" (alley:
   * "Ringgyde 943") and "-allé" ("Birkeallé 50"), Dutch "-plantsoen" ("Verhaartplantsoen 5").
   */
  private static final Set<String> EXTRA_SUFFIXES = Set.of("ranta", "park", "str.", "gyde", "plantsoen", "allé");
  /** Ours: Norwegian entrances, Dutch floors, Hungarian ground floors and the below. */
  private static final Set<String> EXTRA_UNITS = Set.of("oppgang", "hoog", "fsz", "földszint",
      // Estonian buildings, houses and flats, Swedish houses, Norwegian flats: "Ehitis 209", "Maja 825", "Hus 421".
      "ehitis", "maja", "korter", "hus", "leil.", "leilighet");
  private static final AddressWords INSTANCE = load();

  private final Set<String> streets;
  private final Set<String> prefixes;
  private final Set<String> suffixes;
  private final Set<String> units;
  private final int longestSuffix;

  private AddressWords(Set<String> streets, Set<String> prefixes, Set<String> suffixes, Set<String> units) {
    this.streets = Set.copyOf(streets);
    this.prefixes = Set.copyOf(prefixes);
    this.suffixes = Set.copyOf(suffixes);
    this.units = Set.copyOf(units);
    this.longestSuffix = suffixes.stream().mapToInt(String::length).max().orElse(0);
  }

  static AddressWords get() {
    return INSTANCE;
  }

  /** Whether a word is a street type on its own ("Road", "rue", "St.", "Gürtel"). */
  boolean isStreetType(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    return streets.contains(w) || suffixes.contains(w) || w.endsWith(".") && (streets.contains(w.substring(0,
        w.length() - 1)) || suffixes.contains(w.substring(0, w.length() - 1)))
        || !w.endsWith(".") && streets.contains(w + ".");
  }

  /**
   * Whether a word is a street type of a language that writes it before the name ("rue", "Via", "calle", "ul.",
   * "πλατεία"); English and German types ("Road", "Straße") follow the name.
   */
  boolean isPrefixType(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    return prefixes.contains(w) || w.endsWith(".") && prefixes.contains(w.substring(0, w.length() - 1))
        || !w.endsWith(".") && prefixes.contains(w + ".");
  }

  /** Whether a street type is also a common noun of English prose, so that a segment must end after it. */
  boolean isWeakType(String word) {
    return WEAK.contains(word.toLowerCase(Locale.ROOT));
  }

  /**
   * Whether a street type may have its house number after it: the German, Dutch and Nordic types that are also
   * compound suffixes ("Alte Straße 5", "Korte Noordsstraat 307"), and the Hungarian and Baltic ones ("útja 45.").
   */
  boolean numberFollows(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    // "Album Platz 1", "in Irland Platz 12": a chart position; German squares are compounds ("Marienplatz 1").
    return !w.equals("platz") && (suffixes.contains(w) || NUMBER_AFTER.contains(w) || isStreetCompound(word));
  }

  /** Numbered roads, not addresses: "Bundesstraße 8", "Europastraße 51". */
  private static final java.util.List<String> ROADS = java.util.List.of("bundes", "landes", "staats", "kreis",
      "national", "europa", "fern");

  private static final Set<String> NUMBER_AFTER = Set.of("út", "útja", "utca", "u.", "tér", "tere", "körút", "rkp.",
      "sétány", "fasor", "dűlő", "lejtő", "lépcső", "põik", "tee",
      "rakpart", "sor", "köz", "tänav", "mnt", "mnt.", "maantee", "puiestee", "iela", "gatve", "prospektas", "pr.",
      "gürtel", "straße", "strasse", "str.", "gasse", "weg", "allee", "ring", "damm", "ufer", "chaussee",
      // Slovak, Slovenian and Czech types after the name: "Jantárová cesta 0", "Hlavná ulica 5", "Palackého třída 12".
      "cesta", "ulica", "trieda", "námestie", "nábrežie", "třída", "nábřeží");

  /**
   * Whether a word ends in a street suffix after at least three letters ("Hauptstraße", "Nørrevej", "aðalgata"), or
   * in a street type after a hyphen ("Heinrich-Heine-Str.").
   */
  boolean isStreetCompound(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    for (String road : ROADS) {
      if (w.startsWith(road)) {
        return false;
      }
    }
    int n = w.length();
    int hyphen = w.lastIndexOf('-');
    String last = w.substring(hyphen + 1);
    if (hyphen >= 3 && n - hyphen > 2 && isStreetType(last) && !isWeakType(last)) {
      return true; // "Heinrich-Heine-Str.", "hermann-nörrenberg-straße"
    }
    for (int k = Math.min(longestSuffix, n - 3); k >= 2; k--) {
      if (suffixes.contains(w.substring(n - k)) && Character.isLetter(w.charAt(n - k - 1))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a word names a unit, floor, staircase or entrance ("Apt.", "Suite", "Stiege", "étage", "#"). */
  boolean isUnit(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    return units.contains(w) || w.endsWith(".") && units.contains(w.substring(0, w.length() - 1))
        || units.contains(w + ".");
  }

  private static AddressWords load() {
    Set<String> streets = new HashSet<>();
    Set<String> prefixes = new HashSet<>();
    Set<String> suffixes = new HashSet<>();
    Set<String> units = new HashSet<>();
    try (InputStream in = AddressWords.class.getResourceAsStream("address-words.txt")) {
      if (in == null) {
        throw new IllegalStateException("resource missing: address-words.txt");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      Set<String> target = null;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#") && !l.startsWith("# ")) {
          continue;
        }
        if (l.startsWith("# ") && target == null) {
          continue;
        }
        switch (l) {
          case "[street]" -> target = streets;
          case "[prefix]" -> target = prefixes;
          case "[suffix]" -> target = suffixes;
          case "[unit]" -> target = units;
          default -> {
            if (target == null) {
              throw new IllegalStateException("address-words.txt: entry before any section: " + l);
            }
            for (String e : l.split(",")) {
              String w = e.strip();
              if (!w.isEmpty()) {
                target.add(w);
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read address-words.txt", e);
    }
    streets.addAll(EXTRA_STREETS);
    prefixes.addAll(EXTRA_PREFIXES);
    units.addAll(EXTRA_UNITS);
    suffixes.addAll(EXTRA_SUFFIXES);
    return new AddressWords(streets, prefixes, suffixes, units);
  }
}
