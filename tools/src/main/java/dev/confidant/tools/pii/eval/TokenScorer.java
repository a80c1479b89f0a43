package dev.confidant.tools.pii.eval;

import dev.confidant.tools.pii.data.Example;
import java.util.ArrayList;
import java.util.List;

/**
 * Token-level masking metrics over every type, the way a masking benchmark scores: the text's whitespace tokens
 * are personal (gold) when a gold span of any class overlaps them, and masked when a predicted span of any type
 * does. Reports PII-vs-not precision, recall and F2, the share of plain tokens masked, and leaked values (gold
 * spans with at least one token left unmasked). Not thread-safe.
 */
final class TokenScorer {
  private long tokens;
  private long tp;
  private long fp;
  private long fn;
  private long plain;
  private long spans;
  private long leaked;

  void add(Example example, List<Example.Span> predicted) {
    String text = example.text();
    List<int[]> words = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (Character.isWhitespace(text.charAt(i))) {
        i++;
        continue;
      }
      int s = i;
      while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      words.add(new int[] {s, i});
    }
    boolean[] masked = new boolean[words.size()];
    for (int w = 0; w < words.size(); w++) {
      int[] t = words.get(w);
      boolean gold = example.gold().stream().anyMatch(g -> g.start() < t[1] && t[0] < g.end());
      masked[w] = predicted.stream().anyMatch(p -> p.start() < t[1] && t[0] < p.end());
      tokens++;
      if (gold) {
        if (masked[w]) {
          tp++;
        } else {
          fn++;
        }
      } else {
        plain++;
        if (masked[w]) {
          fp++;
        }
      }
    }
    for (Example.Span g : example.gold()) {
      spans++;
      for (int w = 0; w < words.size(); w++) {
        int[] t = words.get(w);
        if (g.start() < t[1] && t[0] < g.end() && !masked[w]) {
          leaked++;
          break;
        }
      }
    }
  }

  /** Appends one table row. */
  void print(String dataset, StringBuilder out) {
    double p = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
    double r = tp + fn == 0 ? 1 : (double) tp / (tp + fn);
    double f2 = p + r == 0 ? 0 : 5 * p * r / (4 * p + r);
    out.append(String.format("| %-28s | %7d | %5.3f | %5.3f | %5.3f | %6.2f%% | %6d | %5d | %6.2f%% |%n", dataset,
        tokens, p, r, f2, plain == 0 ? 0 : 100.0 * fp / plain, spans, leaked, spans == 0 ? 0 : 100.0 * leaked / spans));
  }

  static String header() {
    return "| dataset                      |  tokens | PII P | PII R | PII F2 | plain masked | gold spans | leaked | leaked % |\n"
        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  }
}
