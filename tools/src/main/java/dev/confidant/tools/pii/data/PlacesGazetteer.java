package dev.confidant.tools.pii.data;

import dev.confidant.pii.internal.address.Countries;
import dev.confidant.pii.internal.lang.Lexicons;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the places gazetteer of {@code engine-pii-models} ({@code META-INF/confidant/pii/places.txt.gz}) from
 * GeoNames data (CC BY 4.0): every populated place of {@code cities500.txt} (name and ASCII name; Latin-script
 * alternate names of places of 200,000 people or more, which carry the English, German, French, ... exonyms) and
 * every first-order region of {@code admin1} names, folded (lower case, no diacritics), one a line, sorted; places of
 * 15,000 people or more, regions and exonyms are marked with a leading {@code +}.
 *
 * <p>Names that are ordinary words are left out: entries of our lexicons always, and common words of the given
 * dictionaries (one word a line, e.g. Debian's {@code wamerican}, {@code wngerman}: words they write in lower case,
 * and German capitalised nouns no other dictionary lists capitalised) for places under 1,000,000 people (so "Mobile",
 * "Reading", "Wald", "Police" stay out, "Monroe" stays in), and the words of {@link #STOP} always. Names of one or two letters and
 * names of more than four words are left out too.
 * {@snippet lang=shell :
 * java -cp <tools classpath> dev.confidant.tools.pii.data.PlacesGazetteer cities500.txt admin1.json \
 *     engine-pii-models/src/main/resources/META-INF/confidant/pii/places.txt.gz /usr/share/dict/american-english ...
 * }
 */
public final class PlacesGazetteer {
  private PlacesGazetteer() {}

  static final int BIG = 1_000_000;
  /**
   * Words that name towns but are far more often something else: compass points and parts of a town in our
   * languages, month and weekday abbreviations, and abbreviations of units and legal forms.
   */
  static final Set<String> STOP = Set.of("north", "south", "east", "west", "northeast", "northwest", "southeast",
      "southwest", "north-west", "north-east", "south-west", "south-east", "northern", "southern", "eastern",
      "western", "central", "centre", "center", "nord", "sud", "süd", "ost", "norden", "süden", "osten", "westen",
      "mitte", "zentrum", "est", "ouest", "norte", "sur", "este", "oeste", "ovest", "noord", "zuid", "oost", "midden",
      "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "okt", "nov", "dec", "dez", "mon", "tue",
      "wed", "thu", "fri", "sat", "sun", "inc", "ltd", "mrd", "mio", "abs", "part", "rest", "gold", "hang", "elf",
      "hin", "türen", "male", "female", "soul", "solo", "sen", "tam", "trat", "dabei", "city", "town", "village");
  /** Places of this many people or more are marked '+': a town a reader knows, matched alone in any text. */
  static final int TOWN = 15_000;
  static final int EXONYMS = 200_000;
  private static final Pattern ADMIN1_NAME = Pattern.compile("\"name\":\"((?:[^\"\\\\]|\\\\.)*)\"");

  /**
   * Entry point.
   *
   * @param args {@code cities500.txt admin1.json out.txt.gz dictionary...}; a dictionary whose capitalised words are
   *     common nouns (German) is given as {@code nouns:<path>}
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: PlacesGazetteer <cities500.txt> <admin1.json> <out.txt.gz> [dictionary...]");
      System.exit(2);
    }
    // Common words: what a dictionary writes in lower case, and the capitalised nouns of a "nouns:" dictionary
    // (German) that no other dictionary lists capitalised (those are proper nouns: "Berlin", "Monroe").
    Set<String> lower = new HashSet<>();
    Set<String> capitalised = new HashSet<>();
    Set<String> nouns = new HashSet<>();
    for (int i = 3; i < args.length; i++) {
      boolean nounList = args[i].startsWith("nouns:");
      for (String w : Files.readAllLines(Path.of(nounList ? args[i].substring(6) : args[i]), StandardCharsets.UTF_8)) {
        String word = w.strip();
        if (word.isEmpty()) {
          continue;
        }
        if (Character.isLowerCase(word.charAt(0))) {
          lower.add(word);
        } else if (nounList) {
          nouns.add(word.toLowerCase(Locale.ROOT));
        } else {
          capitalised.add(word.toLowerCase(Locale.ROOT));
        }
      }
    }
    nouns.removeAll(capitalised);
    Set<String> dictionary = new HashSet<>(lower);
    dictionary.addAll(nouns);
    TreeSet<String> names = new TreeSet<>();
    Set<String> big = new HashSet<>();
    int places = 0;
    try (var lines = Files.lines(Path.of(args[0]), StandardCharsets.UTF_8)) {
      for (String line : (Iterable<String>) lines::iterator) {
        String[] f = line.split("\t", -1);
        if (f.length < 15) {
          continue;
        }
        long population = f[14].isEmpty() ? 0 : Long.parseLong(f[14]);
        for (String v : List.of(f[1], f[2])) {
          add(names, big, v, population, dictionary);
        }
        if (population >= EXONYMS) {
          for (String alt : f[3].split(",")) {
            if (latin(alt)) {
              // An alternate name that is a common word is noise whatever the city's size ("Add").
              add(names, big, alt, Math.min(population, BIG - 1), dictionary);
            }
          }
        }
        places++;
      }
    }
    Matcher m = ADMIN1_NAME.matcher(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8));
    while (m.find()) {
      add(names, big, m.group(1).replace("\\\"", "\""), TOWN, dictionary);
    }
    Path out = Path.of(args[2]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream file = Files.newOutputStream(out);
        Writer w = new OutputStreamWriter(new GZIPOutputStream(file), StandardCharsets.UTF_8)) {
      w.write("# GeoNames (geonames.org, CC BY 4.0): populated places and first-order regions, folded; "
          + "built by dev.confidant.tools.pii.data.PlacesGazetteer\n");
      for (String n : names) {
        if (big.contains(n)) {
          w.write('+');
        }
        w.write(n);
        w.write('\n');
      }
    }
    System.out.printf("%d places read, %d names written to %s (%d bytes)%n", places, names.size(), out,
        Files.size(out));
  }

  private static void add(Set<String> names, Set<String> big, String name, long population, Set<String> dictionary) {
    String folded = Countries.fold(name);
    if (folded.length() < 3 || folded.split(" ").length > 4 || !folded.chars().anyMatch(Character::isLetter)) {
      return;
    }
    if (Lexicons.get().hasAny(folded) || Lexicons.get().hasAny(name) || STOP.contains(folded)) {
      return;
    }
    if (population < BIG && (dictionary.contains(name.toLowerCase(Locale.ROOT)) || dictionary.contains(folded))) {
      // "mobile", "police": an ordinary word in some language
      return;
    }
    names.add(folded);
    if (population >= TOWN) {
      big.add(folded);
    }
  }

  /** Latin letters, spaces, hyphens and apostrophes only: an alternate name in a script our texts use. */
  private static boolean latin(String s) {
    if (s.length() < 3) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c < 0x250 && (Character.isLetter(c) || c == ' ' || c == '-' || c == '\'' || c == '.'))) {
        return false;
      }
    }
    return true;
  }
}
