package dev.confidant.tools.pii.train;

import dev.confidant.tools.pii.data.Conll;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Learns the given-name list ({@code first-names.txt} of engine-pii-models) from the name model's
 * training part: capitalised words that open a person's name of two or more words at least {@value #MIN_COUNT}
 * times and in at least {@value #MIN_SHARE} of all their occurrences, so that words that more often name places
 * or organisations ("Victoria", "Santa") stay out. Same data as the model (WikiANN without the held-out fifth,
 * WNUT-17 dev); the held-out fifth is never read. Deterministic.
 */
public final class FirstNamesTrainer {
  static final int MIN_COUNT = 2;
  static final double MIN_SHARE = 0.6;

  private FirstNamesTrainer() {}

  /** The given names of some labelled sentences. */
  static TreeSet<String> learn(List<Conll.Sentence> sentences) {
    Map<String, int[]> counts = new HashMap<>();  // [opens a multi-word person name, occurrences]
    for (Conll.Sentence s : sentences) {
      for (int i = 0; i < s.tokens().size(); i++) {
        String token = s.tokens().get(i);
        if (token.length() < 2 || !Character.isUpperCase(token.charAt(0))
            || !token.chars().allMatch(c -> Character.isLetter(c) || c == '-')) {
          continue;
        }
        int[] c = counts.computeIfAbsent(token, k -> new int[2]);
        c[1]++;
        if (s.tags().get(i).equals("B-PER") && i + 1 < s.tags().size() && s.tags().get(i + 1).equals("I-PER")) {
          c[0]++;
        }
      }
    }
    TreeSet<String> out = new TreeSet<>();
    counts.forEach((token, c) -> {
      if (c[0] >= MIN_COUNT && c[0] >= MIN_SHARE * c[1]) {
        out.add(token);
      }
    });
    return out;
  }

  /**
   * Writes the list:
   * {@snippet lang=shell :
   * java -cp <tools classpath> dev.confidant.tools.pii.train.FirstNamesTrainer ../shared/data/pii \
   *     engine-pii/src/main/resources/dev/confidant/pii/internal/ner/first-names.txt
   * }
   *
   * @param args data folder ({@code shared/data/pii}) and output file
   * @throws IOException if the data cannot be read or the list written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: FirstNamesTrainer <data/pii folder> <output .txt>");
      System.exit(2);
    }
    Path data = Path.of(args[0]);
    List<Conll.Sentence> train = new ArrayList<>();
    for (String lang : List.of("en", "de")) {
      List<Conll.Sentence> all = Conll.read(data.resolve("wikiann").resolve(lang).resolve("test"));
      for (int i = 0; i < all.size(); i++) {
        if (!Conll.heldOut(i)) {
          train.add(all.get(i));
        }
      }
    }
    train.addAll(Conll.read(data.resolve("wnut17/emerging.dev.conll")));
    TreeSet<String> names = learn(train);
    Files.writeString(Path.of(args[1]), String.join("\n", names) + "\n", StandardCharsets.UTF_8);
    System.out.printf("%d first names -> %s%n", names.size(), args[1]);
  }
}
