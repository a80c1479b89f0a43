package dev.confidant.jlama.internal.tiny;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Learns a SentencePiece-style BPE vocabulary with byte fallback: ids 0–2 are {@code <unk>}, {@code <s>},
 * {@code </s>}, ids 3–258 the byte tokens {@code <0x00>}..{@code <0xFF>}, then every character of the training
 * text, then one token per learned merge. Words are the text's whitespace-separated pieces with the
 * word-boundary mark {@value #SPACE} in front (what the tokenizer's normalizer does to spaces), so merges never
 * cross words. Deterministic: ties between equally frequent pairs go to the lexicographically smallest pair, never
 * to hash order. Stateless.
 */
final class BpeTrainer {

  /** SentencePiece's word-boundary mark that stands for a space. */
  static final String SPACE = "\u2581";

  /** The special tokens, in id order. */
  static final List<String> SPECIAL_TOKENS = List.of("<unk>", "<s>", "</s>");

  private BpeTrainer() {}

  /**
   * A learned vocabulary.
   *
   * @param pieces every token in id order
   * @param merges the merges in rank order, each {@code "left right"}
   */
  record Vocabulary(List<String> pieces, List<String> merges) {
    Vocabulary {
      pieces = List.copyOf(pieces);
      merges = List.copyOf(merges);
    }
  }

  /**
   * Learns merges until the vocabulary has {@code vocabSize} tokens.
   *
   * @throws IllegalArgumentException if the text has too few repeated pairs to fill the vocabulary
   */
  static Vocabulary train(String text, int vocabSize) {
    List<String> pieces = new ArrayList<>(SPECIAL_TOKENS);
    for (int b = 0; b < 256; b++) {
      pieces.add(byteToken(b));
    }
    Map<List<String>, Integer> words = words(text);
    TreeSet<String> chars = new TreeSet<>();
    words.keySet().forEach(chars::addAll);
    pieces.addAll(chars);
    Set<String> known = new HashSet<>(pieces);

    List<String> merges = new ArrayList<>();
    Map<List<String>, Integer> current = words;
    while (pieces.size() < vocabSize) {
      String[] best = mostFrequentPair(current);
      if (best == null) {
        throw new IllegalArgumentException(
            "training text too short: no repeated pair left at vocabulary size " + pieces.size());
      }
      merges.add(best[0] + " " + best[1]);
      String merged = best[0] + best[1];
      if (known.add(merged)) {
        pieces.add(merged);
      }
      current = applyMerge(current, best[0], best[1]);
    }
    return new Vocabulary(pieces, merges);
  }

  /** The byte-fallback token of one byte value: {@code <0x0A>}. */
  static String byteToken(int b) {
    return String.format(Locale.ROOT, "<0x%02X>", b);
  }

  /** Each distinct word as its list of characters, with its count; in first-occurrence order. */
  private static Map<List<String>, Integer> words(String text) {
    Map<List<String>, Integer> words = new LinkedHashMap<>();
    for (String word : text.strip().split("\\s+")) {
      List<String> symbols = new ArrayList<>();
      (SPACE + word).codePoints().forEach(cp -> symbols.add(Character.toString(cp)));
      words.merge(List.copyOf(symbols), 1, Integer::sum);
    }
    return words;
  }

  private static String @Nullable [] mostFrequentPair(Map<List<String>, Integer> words) {
    Map<String, Integer> counts = new HashMap<>();
    words.forEach((symbols, count) -> {
      for (int i = 0; i + 1 < symbols.size(); i++) {
        counts.merge(symbols.get(i) + '\u0000' + symbols.get(i + 1), count, Integer::sum);
      }
    });
    @Nullable String best = null;
    int bestCount = 1; // a pair seen once teaches nothing
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      // Ties go to the lexicographically smallest "left\u0000right" key: the result never depends on hash order.
      if (e.getValue() > bestCount || e.getValue() == bestCount && best != null && e.getKey().compareTo(best) < 0) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return best == null ? null : best.split("\u0000", 2);
  }

  private static Map<List<String>, Integer> applyMerge(Map<List<String>, Integer> words, String left, String right) {
    Map<List<String>, Integer> out = new LinkedHashMap<>();
    words.forEach((symbols, count) -> {
      List<String> merged = new ArrayList<>(symbols.size());
      for (int i = 0; i < symbols.size(); i++) {
        if (i + 1 < symbols.size() && symbols.get(i).equals(left) && symbols.get(i + 1).equals(right)) {
          merged.add(left + right);
          i++;
        } else {
          merged.add(symbols.get(i));
        }
      }
      out.merge(List.copyOf(merged), count, Integer::sum);
    });
    return out;
  }
}
