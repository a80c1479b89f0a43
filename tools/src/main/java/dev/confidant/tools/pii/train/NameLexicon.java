package dev.confidant.tools.pii.train;

import dev.confidant.pii.internal.ner.Features;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.datafaker.Faker;

/**
 * The name lexicon the tagger's features read ({@code Gazetteer.LEX_FIRST}, {@code LEX_LAST}): the given names and
 * surnames of every locale of datafaker (Apache-2.0; its lists come from the Ruby Faker project, MIT), read from
 * the YAML files inside its jar: every list under a key that contains {@code first_name} or {@code last_name}
 * ({@code male_first_name}, {@code woman_last_name}, ...). Multi-word entries give each capitalised word
 * ("de la Cruz" gives "Cruz"); template entries ({@code #{...}}) are skipped. Deterministic for a datafaker
 * version.
 */
public final class NameLexicon {
  private NameLexicon() {}

  /** Given name. */
  public static final int FIRST = 1;
  /** Surname. */
  public static final int LAST = 2;

  private static final Pattern KEY = Pattern.compile("^(\\s*)([A-Za-z_]+):(.*)$");
  private static final Pattern ITEM = Pattern.compile("\"([^\"]*)\"|'([^']*)'|([^,\\[\\]\"'\\s][^,\\[\\]\"']*)");

  /** Folded word ({@link Features#fold}) → {@link #FIRST} / {@link #LAST} bits, in word order. */
  public static Map<String, Integer> load() throws IOException {
    Path jar;
    try {
      jar = Path.of(Faker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
    Map<String, Integer> out = new TreeMap<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      Enumeration<JarEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        JarEntry e = entries.nextElement();
        if (!e.getName().endsWith(".yml")) {
          continue;
        }
        try (InputStream in = file.getInputStream(e)) {
          read(new String(in.readAllBytes(), StandardCharsets.UTF_8), out);
        }
      }
    }
    return out;
  }

  /** Adds the name lists of one YAML file. */
  static void read(String yaml, Map<String, Integer> out) {
    int bits = 0;
    int indent = -1;
    for (String line : yaml.split("\n")) {
      if (line.isBlank() || line.trim().startsWith("#")) {
        continue;
      }
      Matcher key = KEY.matcher(line);
      String rest = line;
      if (key.matches() && !line.trim().startsWith("-")) {
        int depth = key.group(1).length();
        if (bits != 0 && depth > indent) {
          // a nested key inside a name list's mapping: not a name
          continue;
        }
        String name = key.group(2);
        bits = name.contains("first_name") ? FIRST : name.contains("last_name") ? LAST : 0;
        indent = depth;
        rest = key.group(3);
      } else if (bits == 0) {
        continue;
      }
      if (bits == 0) {
        continue;
      }
      String items = rest.trim();
      if (items.startsWith("-")) {
        items = items.substring(1);
      }
      Matcher m = ITEM.matcher(items);
      while (m.find()) {
        String item = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3).trim();
        if (item.contains("#{") || item.contains("{") || item.isEmpty()) {
          continue;
        }
        for (String word : item.split("[\\s]+")) {
          if (word.length() >= 2 && Character.isUpperCase(word.charAt(0)) && word.chars().anyMatch(Character::isLowerCase)
              && !word.endsWith(".")) {
            out.merge(Features.fold(word), bits, (a, b) -> a | b);
          }
        }
      }
    }
  }

  /**
   * Prints the lexicon's size and a sample, for checking; with a file argument also writes every word and its bits
   * there, one a line.
   */
  public static void main(String[] args) throws IOException {
    Map<String, Integer> lexicon = load();
    if (args.length > 0) {
      java.nio.file.Files.write(Path.of(args[0]), lexicon.entrySet().stream()
          .map(e -> e.getKey() + "\t" + e.getValue()).toList(), StandardCharsets.UTF_8);
    }
    int first = 0;
    int last = 0;
    List<String> sample = new ArrayList<>();
    for (Map.Entry<String, Integer> e : lexicon.entrySet()) {
      first += (e.getValue() & FIRST) != 0 ? 1 : 0;
      last += (e.getValue() & LAST) != 0 ? 1 : 0;
      if (sample.size() < 40 && e.getKey().hashCode() % 97 == 0) {
        sample.add(e.getKey() + "=" + e.getValue());
      }
    }
    System.out.printf(Locale.ROOT, "%d words, %d given names, %d surnames; sample %s%n", lexicon.size(), first, last,
        sample);
  }
}
