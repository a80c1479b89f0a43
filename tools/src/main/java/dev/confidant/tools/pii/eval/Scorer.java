package dev.confidant.tools.pii.eval;

import dev.confidant.pii.EntityType;
import dev.confidant.tools.pii.data.Example;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Counts true/false positives per class. A gold span is found when a prediction of its class overlaps it (what
 * matters for masking: an overlapping placeholder hides it, see overlap merging); exact-boundary matches are
 * counted too. A prediction is false when it overlaps no gold span of its class. Not thread-safe.
 */
final class Scorer {
  private final Map<String, long[]> counts = new TreeMap<>();  // gold, pred, tpGold, tpPred, exact

  /** The evaluation class of a predicted type; locations, addresses and postcodes form one class. */
  static @Nullable String classOf(EntityType type) {
    return switch (type) {
      case PERSON -> "PERSON";
      case ORGANIZATION -> "ORGANIZATION";
      case LOCATION, ADDRESS, POSTCODE -> "LOCATION/ADDRESS";
      case EMAIL -> "EMAIL";
      case PHONE -> "PHONE";
      case IBAN -> "IBAN";
      case CREDIT_CARD -> "CREDIT_CARD";
      case IP_ADDRESS -> "IP_ADDRESS";
      case URL -> "URL";
      case NATIONAL_ID, COMPANY_ID -> "NATIONAL_ID";
      case DATE_OF_BIRTH -> "DATE_OF_BIRTH";
      case ACCOUNT_ID -> "ACCOUNT_ID";
    };
  }

  /** Name classes: a gold name overlapped by a prediction of any of them is masked, whatever its type. */
  static final List<String> NAMES = List.of("PERSON", "ORGANIZATION", "LOCATION/ADDRESS");
  private final Map<String, long[]> masked = new TreeMap<>();  // gold, overlapped by any name prediction

  /** Counts the gold names that predictions made with {@code include_oii=false} still mask (any name type). */
  void addWithoutOii(Example example, List<Example.Span> predicted) {
    for (Example.Span g : example.gold()) {
      if (NAMES.contains(g.cls()) && predicted.stream().anyMatch(p -> NAMES.contains(p.cls()) && g.overlaps(p))) {
        masked.computeIfAbsent(g.cls(), k -> new long[3])[2]++;
      }
    }
  }

  void add(Example example, List<Example.Span> predicted) {
    List<Example.Span> names = predicted.stream().filter(s -> NAMES.contains(s.cls())).toList();
    for (Example.Span g : example.gold()) {
      if (NAMES.contains(g.cls())) {
        long[] m = masked.computeIfAbsent(g.cls(), k -> new long[3]);
        m[0]++;
        if (names.stream().anyMatch(g::overlaps)) {
          m[1]++;
        }
      }
    }
    for (String cls : example.classes()) {
      long[] c = counts.computeIfAbsent(cls, k -> new long[5]);
      List<Example.Span> gold = example.gold().stream().filter(s -> s.cls().equals(cls)).toList();
      List<Example.Span> pred = predicted.stream().filter(s -> s.cls().equals(cls)).toList();
      c[0] += gold.size();
      c[1] += pred.size();
      for (Example.Span g : gold) {
        if (pred.stream().anyMatch(g::overlaps)) {
          c[2]++;
        }
        if (pred.stream().anyMatch(p -> p.start() == g.start() && p.end() == g.end())) {
          c[4]++;
        }
      }
      for (Example.Span p : pred) {
        if (gold.stream().anyMatch(p::overlaps)) {
          c[3]++;
        }
      }
    }
  }

  /** Prints the false positives ("FP") and misses ("FN") of one class in one example. */
  static void printErrors(String dataset, Example example, List<Example.Span> predicted, String cls,
      java.io.PrintStream out) {
    if (!example.classes().contains(cls)) {
      return;
    }
    List<Example.Span> gold = example.gold().stream().filter(s -> s.cls().equals(cls)).toList();
    List<Example.Span> pred = predicted.stream().filter(s -> s.cls().equals(cls)).toList();
    String text = example.text();
    for (Example.Span p : pred) {
      if (gold.stream().noneMatch(p::overlaps)) {
        out.printf("%s FP %s [%s] in: %s%n", dataset, cls, text.substring(p.start(), p.end()), text);
      }
    }
    for (Example.Span g : gold) {
      if (pred.stream().noneMatch(g::overlaps)) {
        out.printf("%s FN %s [%s] in: %s%n", dataset, cls, text.substring(g.start(), g.end()), text);
      }
    }
  }

  /** Appends table rows for one dataset. */
  void print(String dataset, StringBuilder out) {
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      long[] c = e.getValue();
      double p = c[1] == 0 ? 1 : (double) c[3] / c[1];
      double r = c[0] == 0 ? 1 : (double) c[2] / c[0];
      double exactR = c[0] == 0 ? 1 : (double) c[4] / c[0];
      out.append(String.format("| %-28s | %-17s | %6d | %6d | %5.3f | %5.3f | %5.3f | %5.3f | %5.3f |%n", dataset,
          e.getKey(), c[0], c[1], p, r, f(p, r, 1), f(p, r, 2), exactR));
    }
  }

  /**
   * Appends, per name class, the share of its gold spans that a prediction of any name class overlaps (masked,
   * though perhaps under another type), and for persons and locations the same share when the detector runs with
   * {@code include_oii=false} (organisation spans, also those merged with a person, are then not masked).
   */
  void printMasked(String dataset, StringBuilder out) {
    for (Map.Entry<String, long[]> e : masked.entrySet()) {
      long[] m = e.getValue();
      String withoutOii = e.getKey().equals("ORGANIZATION") ? "    -" : String.format("%5.3f", ratio(m[2], m[0]));
      out.append(String.format("| %-28s | %-17s | %6d | %5.3f | %s |%n", dataset, e.getKey(), m[0],
          ratio(m[1], m[0]), withoutOii));
    }
  }

  private static double ratio(long a, long b) {
    return b == 0 ? 1 : (double) a / b;
  }

  private static double f(double p, double r, double beta) {
    double b2 = beta * beta;
    return p + r == 0 ? 0 : (1 + b2) * p * r / (b2 * p + r);
  }
}
