package dev.confidant.tools.pii.eval;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.internal.ner.Features;
import dev.confidant.pii.internal.ner.NameModels;
import dev.confidant.pii.internal.ner.Tagger;
import dev.confidant.pii.internal.recognize.Analyzer;
import dev.confidant.tools.pii.data.Conll;
import dev.confidant.tools.pii.data.NerSets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Error analysis of the name detection on the labelled corpora of the NER data folder ({@link NerSets}):
 * gold persons and organisations that no name prediction (person, organisation or place, any detector)
 * overlaps, counted by category, and the plain tokens that the name model ({@code names/model}) masks, counted by
 * category of the span that masked them.
 * {@snippet lang=shell :
 * java -cp <tools classpath> dev.confidant.tools.pii.eval.NameErrors /work/ner-data --split dev
 * }
 * A miss counts in every category it fits (a lower-case single surname is in both), so rows do not add up to
 * the total. Categories: lower case, all capitals (one all-capitals word of up to six letters for organisations:
 * acronym), initials ({@code J.}), sentence-initial, after a title word, in a list or table (three or more commas,
 * semicolons or bars in the sentence, or no lower-case word of three letters), a single word, unseen (no word of
 * the span is inside a name in the training split), and for organisations with or without a legal form.
 * {@code --show CATEGORY} prints that category's misses to stderr; {@code --tagger FILE} analyses another tagger.
 */
public final class NameErrors {
  private NameErrors() {}

  private static final Set<String> TITLES = Set.of("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof",
      "prof.", "sir", "herr", "frau", "president", "minister", "senator", "governor", "judge", "king", "queen",
      "prince", "general", "captain", "coach", "bishop", "pope", "chancellor", "präsident", "bundeskanzler",
      "kanzlerin", "ministerin", "monsieur", "madame", "m.", "mme", "señor", "señora", "signor", "signora",
      "dhr.", "mevr.", "saint", "st.", "lord", "lady", "professor", "doctor", "director", "ceo", "chairman");
  private static final Set<String> LEGAL_FORMS = Set.of("inc", "inc.", "ltd", "ltd.", "llc", "plc", "corp",
      "corp.", "co", "co.", "corporation", "company", "gmbh", "ag", "kg", "se", "sa", "s.a.", "nv", "n.v.", "bv",
      "b.v.", "spa", "s.p.a.", "srl", "sarl", "e.v.", "ev", "group", "gruppe", "limited", "holding", "holdings");
  private static final Pattern INITIAL = Pattern.compile("\\p{Lu}\\.?|(\\p{Lu}\\.){2,}");

  /**
   * Entry point.
   *
   * @param args the NER data folder, optionally {@code --split dev|test}, {@code --tagger FILE},
   *     {@code --show CATEGORY}
   * @throws IOException if a data file cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: NameErrors <NER data folder> [--split dev|test] [--tagger FILE] [--show CATEGORY]");
      System.exit(2);
    }
    NerSets.Split split = NerSets.Split.DEV;
    Path taggerFile = null;
    String show = null;
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--split" -> split = NerSets.Split.valueOf(args[i + 1].toUpperCase(Locale.ROOT));
        case "--tagger" -> taggerFile = Path.of(args[i + 1]);
        case "--show" -> show = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path data = Path.of(args[0]);
    NameModels models = NameModels.load();
    if (taggerFile != null) {
      models = models.withTagger(Tagger.read(taggerFile));
    }
    Analyzer analyzer = Analyzer.of(PiiOptions.defaults(), models);
    Set<String> trainNameWords = new HashSet<>();
    for (NerSets.Part part : NerSets.load(data, NerSets.Split.TRAIN)) {
      for (Conll.Sentence s : part.sentences()) {
        for (int i = 0; i < s.tokens().size(); i++) {
          if (!s.tags().get(i).equals("O")) {
            trainNameWords.add(Features.fold(s.tokens().get(i)));
          }
        }
      }
    }
    System.out.println("| set | type | gold | missed | lower | caps/acronym | initials | sent.-initial | after title "
        + "| list/table | single word | unseen | legal form |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    StringBuilder plainRows = new StringBuilder();
    for (NerSets.Part part : NerSets.load(data, split)) {
      Map<String, int[]> missed = new LinkedHashMap<>();
      int[] gold = new int[2];
      Map<String, Integer> plain = new LinkedHashMap<>();
      int plainTokens = 0;
      for (Conll.Sentence s : part.sentences()) {
        List<String> tokens = s.tokens();
        int[] start = new int[tokens.size()];
        int[] end = new int[tokens.size()];
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
          if (i > 0) {
            text.append(' ');
          }
          start[i] = text.length();
          text.append(tokens.get(i));
          end[i] = text.length();
        }
        List<PiiEntity> entities = analyzer.analyze(text.toString(), true, null);
        List<PiiEntity> names = entities.stream().filter(e -> e.type() == EntityType.PERSON
            || e.type() == EntityType.ORGANIZATION || e.type() == EntityType.LOCATION).toList();
        List<int[]> spans = spans(s.tags());
        boolean[] inGold = new boolean[tokens.size()];
        for (int[] g : spans) {
          for (int k = g[0]; k < g[1]; k++) {
            inGold[k] = true;
          }
          if (g[2] == 2) {
            continue; // places: not analysed here
          }
          gold[g[2]]++;
          int from = start[g[0]];
          int to = end[g[1] - 1];
          if (names.stream().anyMatch(e -> e.start() < to && from < e.end())) {
            continue;
          }
          List<String> cats = categories(s, g, trainNameWords);
          String type = g[2] == 0 ? "PER" : "ORG";
          for (String c : cats) {
            missed.computeIfAbsent(type + " " + c, k -> new int[1])[0]++;
          }
          missed.computeIfAbsent(type + " total", k -> new int[1])[0]++;
          if (show != null && cats.contains(show)) {
            System.err.printf("%s %s MISS %s [%s] in: %s%n", part.label(), type, cats,
                text.substring(from, to), text);
          }
        }
        for (PiiEntity e : entities) {
          if (!e.explanation().startsWith("names/model")) {
            continue;
          }
          int count = 0;
          int first = -1;
          int last = -1;
          boolean touchesGold = false;
          for (int k = 0; k < tokens.size(); k++) {
            if (start[k] < e.end() && e.start() < end[k]) {
              first = first < 0 ? k : first;
              last = k;
              if (inGold[k]) {
                touchesGold = true;
              } else {
                count++;
              }
            }
          }
          if (count == 0) {
            continue;
          }
          plainTokens += count;
          String c = plainCategory(tokens, first, last + 1, touchesGold);
          plain.merge(c, count, Integer::sum);
          if (show != null && show.equals("plain:" + c)) {
            System.err.printf("%s PLAIN %s [%s] in: %s%n", part.label(), e.type(), e.value(), text);
          }
        }
      }
      for (int t = 0; t < 2; t++) {
        String type = t == 0 ? "PER" : "ORG";
        System.out.printf("| %s | %s | %d | %d | %s |%n", part.label(), type, gold[t], count(missed, type, "total"),
            String.join(" | ", List.of("lower", t == 0 ? "all-caps" : "acronym/caps", "initials", "sentence-initial",
                "after-title", "list", "single", "unseen", "legal-form").stream()
                .map(c -> Integer.toString(count(missed, type, c))).toList()));
      }
      plainRows.append("| ").append(part.label()).append(" | ").append(plainTokens);
      for (String c : PLAIN_CATEGORIES) {
        plainRows.append(" | ").append(plain.getOrDefault(c, 0));
      }
      plainRows.append(" |\n");
    }
    System.out.println();
    System.out.println("Plain tokens the name model masks, by the span that masked them:");
    System.out.println();
    System.out.println("| set | plain tokens | " + String.join(" | ", PLAIN_CATEGORIES) + " |");
    System.out.println("|---|---:|" + "---:|".repeat(PLAIN_CATEGORIES.size()));
    System.out.print(plainRows);
  }

  private static final List<String> PLAIN_CATEGORIES = List.of("boundary", "sentence-initial", "all-caps", "lower",
      "single", "multi-word");

  private static String plainCategory(List<String> tokens, int from, int to, boolean touchesGold) {
    if (touchesGold) {
      return "boundary";
    }
    if (from == 0) {
      return "sentence-initial";
    }
    boolean caps = true;
    boolean lower = true;
    for (int k = from; k < to; k++) {
      String w = tokens.get(k);
      caps &= w.equals(w.toUpperCase(Locale.ROOT)) && w.chars().filter(Character::isLetter).count() > 1;
      lower &= !Character.isUpperCase(w.charAt(0));
    }
    return caps ? "all-caps" : lower ? "lower" : to - from == 1 ? "single" : "multi-word";
  }

  private static int count(Map<String, int[]> m, String type, String c) {
    int[] v = m.get(type + " " + c);
    return v == null ? 0 : v[0];
  }

  private static List<String> categories(Conll.Sentence s, int[] g, Set<String> trainNameWords) {
    List<String> tokens = s.tokens();
    List<String> out = new ArrayList<>();
    String first = tokens.get(g[0]);
    boolean allCaps = true;
    boolean unseen = true;
    boolean initials = false;
    boolean legal = false;
    for (int k = g[0]; k < g[1]; k++) {
      String w = tokens.get(k);
      allCaps &= !w.equals(w.toLowerCase(Locale.ROOT)) ? w.equals(w.toUpperCase(Locale.ROOT)) : true;
      unseen &= !trainNameWords.contains(Features.fold(w));
      initials |= INITIAL.matcher(w).matches();
      legal |= LEGAL_FORMS.contains(w.toLowerCase(Locale.ROOT));
    }
    if (!Character.isUpperCase(first.charAt(0)) && Character.isLetter(first.charAt(0))) {
      out.add("lower");
    } else if (allCaps && !initials) {
      out.add(g[2] == 1 && g[1] - g[0] == 1 && first.length() <= 6 ? "acronym/caps" : g[2] == 1 ? "acronym/caps"
          : "all-caps");
    }
    if (initials) {
      out.add("initials");
    }
    if (g[0] == 0 || g[0] == 1 && !Character.isLetterOrDigit(tokens.get(0).charAt(0))) {
      out.add("sentence-initial");
    }
    if (g[0] > 0 && TITLES.contains(tokens.get(g[0] - 1).toLowerCase(Locale.ROOT))) {
      out.add("after-title");
    }
    int separators = 0;
    boolean lowerWord = false;
    for (String w : tokens) {
      separators += w.equals(",") || w.equals(";") || w.equals("|") ? 1 : 0;
      lowerWord |= w.length() >= 3 && w.chars().allMatch(Character::isLowerCase);
    }
    if (separators >= 3 || !lowerWord) {
      out.add("list");
    }
    if (g[1] - g[0] == 1) {
      out.add("single");
    }
    if (unseen) {
      out.add("unseen");
    }
    if (g[2] == 1 && legal) {
      out.add("legal-form");
    }
    return out;
  }

  /** Gold spans as {start token, end token, type 0 PER / 1 ORG / 2 LOC}. */
  private static List<int[]> spans(List<String> tags) {
    List<int[]> out = new ArrayList<>();
    int start = -1;
    @Nullable String type = null;
    for (int k = 0; k <= tags.size(); k++) {
      String tag = k < tags.size() ? tags.get(k) : "O";
      boolean inside = tag.startsWith("I-") && tag.substring(2).equals(type);
      if (!inside && type != null) {
        out.add(new int[] {start, k, Tagger.TYPES.indexOf(type)});
        type = null;
      }
      if (!inside && !tag.equals("O")) {
        start = k;
        type = tag.substring(2);
      }
    }
    return out;
  }
}
