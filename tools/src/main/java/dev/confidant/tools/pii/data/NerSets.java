package dev.confidant.tools.pii.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled name corpora of the NER data folder (layout and sources: tools/README.md), each cut into a
 * training, a development (tuning) and a test split. Test splits stay untouched until a final report. Where a
 * corpus's own training file is missing here (UNER English-EWT and GermEval 2014 ship theirs as files too large
 * to fetch), its official development file trains and its official test file is halved: even sentences tune,
 * odd ones test. UNER PUD (news and Wikipedia, 1,000 sentences) only tunes and tests.
 */
public final class NerSets {
  private NerSets() {}

  /** Which part of each corpus. */
  public enum Split { TRAIN, DEV, TEST }

  /**
   * One corpus's split.
   *
   * @param name corpus name, e.g. {@code wikiann}
   * @param language ISO 639-1 code
   * @param sentences the labelled sentences
   */
  public record Part(String name, String language, List<Conll.Sentence> sentences) {
    /** {@code name-language}. */
    public String label() {
      return name + " " + language;
    }
  }

  /** Every corpus's part of a split that exists under {@code root}; missing files are skipped. */
  public static List<Part> load(Path root, Split split) throws IOException {
    List<Part> out = new ArrayList<>();
    for (String lang : List.of("en", "de", "fr", "nl")) {
      Path dir = root.resolve("wikiann").resolve(lang);
      add(out, "wikiann", lang, dir.resolve(split.name().toLowerCase(java.util.Locale.ROOT)), Half.ALL);
    }
    Path uner = root.resolve("uner");
    switch (split) {
      case TRAIN -> {
        add(out, "uner-ewt", "en", uner.resolve("en_ewt-ud-dev.iob2"), Half.ALL);
        add(out, "germeval", "de", root.resolve("germeval2014/NER-de-dev.tsv"), Half.ALL);
        add(out, "wnut17", "en", root.resolve("wnut17/wnut17train.conll"), Half.ALL);
        add(out, "wnut17-dev", "en", root.resolve("wnut17/emerging.dev.conll"), Half.ALL);
      }
      case DEV, TEST -> {
        Half half = split == Split.DEV ? Half.EVEN : Half.ODD;
        add(out, "uner-ewt", "en", uner.resolve("en_ewt-ud-test.iob2"), half);
        add(out, "uner-pud", "en", uner.resolve("en_pud-ud-test.iob2"), half);
        add(out, "uner-pud", "de", uner.resolve("de_pud-ud-test.iob2"), half);
        add(out, "germeval", "de", root.resolve("germeval2014/NER-de-test.tsv"), half);
        if (split == Split.TEST) {
          add(out, "wnut17", "en", root.resolve("wnut17/emerging.test.annotated"), Half.ALL);
        }
      }
      default -> throw new AssertionError(split);
    }
    return out;
  }

  private enum Half { ALL, EVEN, ODD }

  private static void add(List<Part> out, String name, String lang, Path file, Half half) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    List<Conll.Sentence> all = Conll.read(file);
    List<Conll.Sentence> kept = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (half == Half.ALL || (i % 2 == 0) == (half == Half.EVEN)) {
        kept.add(all.get(i));
      }
    }
    out.add(new Part(name, lang, kept));
  }
}
