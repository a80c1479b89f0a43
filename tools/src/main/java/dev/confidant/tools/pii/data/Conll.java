package dev.confidant.tools.pii.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads token-per-line BIO files and maps their types onto PER/ORG/LOC: WikiANN (with its {@code en:} prefixes)
 * and WNUT-17 (tag in the last column), Universal NER {@code .iob2} (token and tag in columns 2 and 3, {@code #}
 * comments) and GermEval 2014 {@code .tsv} (same columns, outer tags). WNUT {@code person} is PER,
 * {@code corporation} and {@code group} are ORG, {@code location} is LOC; {@code product}, {@code creative-work},
 * GermEval's {@code OTH} and its derived and part tags ({@code LOCderiv}, {@code ORGpart}) are dropped: not a name
 * of a person, organisation or place.
 */
public final class Conll {
  private Conll() {}

  /**
   * A labelled sentence.
   *
   * @param tokens the tokens
   * @param tags BIO tags over PER/ORG/LOC ({@code O} outside)
   */
  public record Sentence(List<String> tokens, List<String> tags) {}

  /** Reads a file. */
  public static List<Sentence> read(Path file) throws IOException {
    String name = file.getFileName().toString();
    boolean columns = name.endsWith(".iob2") || name.endsWith(".tsv");
    List<Sentence> out = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        flush(out, tokens, tags);
        continue;
      }
      if (columns) {
        String[] c = line.split("\t");
        if (line.startsWith("#") || c.length < 3) {
          continue;
        }
        tokens.add(c[1]);
        tags.add(mapTag(c[2].trim()));
        continue;
      }
      int tab = line.lastIndexOf('\t');
      if (tab < 0) {
        tab = line.lastIndexOf(' ');
      }
      if (tab <= 0) {
        continue;
      }
      String token = line.substring(0, tab);
      int colon = token.indexOf(':');
      if (colon == 2 && token.length() > 3 && Character.isLowerCase(token.charAt(0))) {
        token = token.substring(3);
      }
      tokens.add(token);
      tags.add(mapTag(line.substring(tab + 1).trim()));
    }
    flush(out, tokens, tags);
    return out;
  }

  /**
   * The document each sentence of {@link #read} belongs to, in the same order: Universal NER's {@code # newdoc id}
   * comment starts a document and holds until the next one (one document per sentence where a file has none, as
   * in GermEval's and WikiANN's). Sentences of one document come from one news article, e-mail thread or review.
   */
  public static List<String> documents(Path file) throws IOException {
    String name = file.getFileName().toString();
    boolean columns = name.endsWith(".iob2") || name.endsWith(".tsv");
    List<String> out = new ArrayList<>();
    String doc = null;
    boolean inSentence = false;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        inSentence = false;
      } else if (columns && line.startsWith("# newdoc id")) {
        doc = line.substring(line.indexOf('=') + 1).trim();
      } else if (!(columns && line.startsWith("#")) && !inSentence) {
        inSentence = true;
        out.add(doc == null ? "sentence-" + out.size() : doc);
      }
    }
    return out;
  }

  /** Whether a sentence belongs to the held-out evaluation split (every fifth); training uses the rest. */
  public static boolean heldOut(int index) {
    return index % 5 == 0;
  }

  /**
   * Whether a sentence belongs to the training-side development split (a fifth of the training part), on which
   * decoding thresholds are chosen with a model trained without it ({@code TaggerTrainer --without-dev}).
   */
  public static boolean dev(int index) {
    return index % 5 == 1;
  }

  private static String mapTag(String tag) {
    if (tag.equals("O") || tag.length() < 3) {
      return "O";
    }
    String prefix = tag.substring(0, 2);
    String type = switch (tag.substring(2)) {
      case "PER", "person" -> "PER";
      case "ORG", "corporation", "group" -> "ORG";
      case "LOC", "location" -> "LOC";
      default -> null;
    };
    return type == null ? "O" : prefix + type;
  }

  private static void flush(List<Sentence> out, List<String> tokens, List<String> tags) {
    if (!tokens.isEmpty()) {
      out.add(new Sentence(List.copyOf(tokens), List.copyOf(tags)));
      tokens.clear();
      tags.clear();
    }
  }
}
