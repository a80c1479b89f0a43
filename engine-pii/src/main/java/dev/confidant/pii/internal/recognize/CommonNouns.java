package dev.confidant.pii.internal.recognize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * German common nouns in every inflected form ("Bahn", "Banken", "Rückenschmerzen"), read from the
 * {@code engine-pii-models} artifact's {@value #RESOURCE} (CC BY-SA 4.0: LanguageTool's german-pos-dict, see the
 * artifact's NOTICE). The list leaves out words that are also names: given names and surnames of the name lexicon,
 * places of the gazetteer, country names, and words the German NER training data labels as part of a name at least
 * as often as not ("Allianz", "Bundesliga"). {@link PrecisionFilter} vetoes a name-model span of one such word that
 * the model was unsure of: in German text every noun is capitalised, and single nouns were most of the tagger's
 * plain-text errors there; so is a compound ending in a noun ({@link #compound}). Words are kept as sorted 64-bit
 * hashes (about 140,000 nouns, and every form again as a compound's end: 2.2 MB), case-sensitive; a look-up
 * allocates nothing. Immutable and thread-safe.
 */
final class CommonNouns {
  /** Where the models artifact keeps the list (gzip, one word a line, '#' comments). */
  static final String RESOURCE = "META-INF/confidant/pii/common-nouns-de.txt.gz";
  /**
   * The English counterpart: lower-case common words (SCOWL, see the artifact's NOTICE) that are no names, about
   * 60,000; looked up lower-cased.
   */
  static final String ENGLISH_RESOURCE = "META-INF/confidant/pii/common-words-en.txt.gz";
  /** Without the models artifact: no word is a known noun. */
  static final CommonNouns NONE = new CommonNouns(new long[0], new long[0]);

  /** The nouns that are no names. */
  private final long[] hashes;
  /** Those and the nouns that are also names ("Brücken", a village): the last parts of compounds. */
  private final long[] tails;

  private CommonNouns(long[] hashes, long[] tails) {
    this.hashes = hashes;
    this.tails = tails;
  }

  /**
   * The list a class loader sees, or empty when the models artifact (or an older one without the list) is not on
   * its class path.
   *
   * @throws UncheckedIOException if the resource exists but cannot be read
   */
  static Optional<CommonNouns> load(@Nullable ClassLoader loader) {
    return load(loader, RESOURCE);
  }

  /** Like {@link #load(ClassLoader)}, for another list of the same format ({@link #ENGLISH_RESOURCE}). */
  static Optional<CommonNouns> load(@Nullable ClassLoader loader, String resource) {
    InputStream in = loader == null ? null : loader.getResourceAsStream(resource);
    if (in == null) {
      return Optional.empty();
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in),
        StandardCharsets.UTF_8))) {
      java.util.stream.LongStream.Builder words = java.util.stream.LongStream.builder();
      java.util.stream.LongStream.Builder tails = java.util.stream.LongStream.builder();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        boolean tailOnly = line.charAt(0) == '~'; // a noun that is also a name: only a compound's end
        long h = tailOnly ? hash(line, 1, line.length()) : hash(line, 0, line.length());
        tails.add(h);
        if (!tailOnly) {
          words.add(h);
        }
      }
      return Optional.of(new CommonNouns(words.build().sorted().toArray(), tails.build().sorted().toArray()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the common-word list " + resource, e);
    }
  }

  /** Whether {@code text[start, end)} is a listed noun, exactly as written. */
  boolean contains(CharSequence text, int start, int end) {
    return hashes.length > 0 && Arrays.binarySearch(hashes, hash(text, start, end)) >= 0;
  }

  /**
   * Whether {@code text[start, end)} is a noun of the dictionary at all, also one that alone names a place or an
   * organisation ("Brücken"); not a given name or surname.
   */
  boolean known(CharSequence text, int start, int end) {
    return tails.length > 0 && Arrays.binarySearch(tails, hash(text, start, end)) >= 0;
  }

  /** The fewest letters of a compound's first part ("Rücken" of "Rückenschmerzen"). */
  static final int MIN_HEAD = 4;
  /** The fewest letters of a compound's last part, a noun ("Schmerzen"). */
  static final int MIN_TAIL = 6;
  /**
   * Endings of German place, street and organisation names: a compound ending so is no common noun
   * ("Saarbrücken" aside, which the gazetteer knows: "Baltringen", "Wilhelmstraße", "Verteidigungsministerium";
   * institutions, archipelagos, ranges and waterways: "Völkerbund", "Kultusministerkonferenz", "Bundeszentrale",
   * "Falklandinseln", "Balkangebirge", "Panamakanals").
   */
  private static final String[] NAME_ENDINGS = {"ingen", "hausen", "straße", "strasse", "weg", "gasse", "platz",
      "allee", "damm", "ufer", "berg", "burg", "dorf", "heim", "stadt", "feld", "bach", "hof", "ministerium",
      "ministeriums", "polizei", "verein", "vereins", "verband", "verbands", "partei", "gesellschaft", "universität",
      "hochschule", "gewerkschaft", "stiftung", "akademie", "klinikum", "amt", "amts", "gericht", "gerichts", "bank",
      "zeitung", "blatt", "tunnel", "museum", "hospital", "verlag", "verlags", "stadion", "theater", "spiegel",
      "kurier", "anzeiger", "rundschau", "bund", "bundes", "konferenz", "zentrale", "jugend", "dynastie", "inseln",
      "gebirge", "gletscher", "kanal", "kanals", "vorland"};
  /** First parts that make place names of a noun ("Ostafrika", "Neufrankreich", "Niederösterreich"). */
  private static final String[] PLACE_PREFIXES = {"ost", "west", "süd", "nord", "neu", "ober", "unter", "nieder",
      "mittel", "hoch", "alt"};

  /**
   * Whether {@code text[start, end)} is a German compound whose last part is a noun that is no surname:
   * "Kohlekraftwerk" ("Kraftwerk"), "Rückenschmerzen", "Eisenbahnbrücken" ("Brücken" alone is a village). Not
   * when the word is in capitals, has a hyphen ("Lehmbruck-Museum"), ends like a place, street or organisation
   * name ({@link #NAME_ENDINGS}) or starts like a place name ({@link #PLACE_PREFIXES}); the caller also asks the
   * gazetteer ("Saarbrücken"). Allocates the lower-cased word.
   */
  boolean compound(CharSequence text, int start, int end) {
    if (hashes.length == 0 || end - start < MIN_HEAD + MIN_TAIL || !Character.isUpperCase(text.charAt(start))) {
      return false;
    }
    String lower = text.subSequence(start, end).toString().toLowerCase(java.util.Locale.ROOT);
    boolean capitals = true;
    for (int i = start + 1; i < end && capitals; i++) {
      capitals = !Character.isLowerCase(text.charAt(i));
    }
    if (capitals) {
      return false;
    }
    for (String ending : NAME_ENDINGS) {
      if (lower.endsWith(ending)) {
        return false;
      }
    }
    if (lower.indexOf('-') >= 0) {
      return false; // "Lehmbruck-Museum", "Widerstands-Verlag": a name before the hyphen names an institution
    }
    for (String prefix : PLACE_PREFIXES) {
      if (lower.startsWith(prefix)) {
        return false;
      }
    }
    for (int i = start + MIN_HEAD; i <= end - MIN_TAIL; i++) {
      if (Arrays.binarySearch(tails, hash(Character.toUpperCase(text.charAt(i)), text, i + 1, end)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** How many words the list holds. */
  int size() {
    return hashes.length;
  }

  /** 64-bit FNV-1a over the UTF-16 chars. */
  static long hash(CharSequence s, int start, int end) {
    return next(0xcbf29ce484222325L, s, start, end);
  }

  /** {@link #hash} of {@code first} followed by {@code s[start, end)}. */
  private static long hash(char first, CharSequence s, int start, int end) {
    return next((0xcbf29ce484222325L ^ first) * 0x100000001b3L, s, start, end);
  }

  private static long next(long h, CharSequence s, int start, int end) {
    for (int i = start; i < end; i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
