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
    return load(root, split, false);
  }

  /**
   * Like {@link #load(Path, Split)}; with {@code documents}, the part's sentences of one document
   * ({@link Conll#documents}: UNER's news articles, e-mails and reviews) are joined into one text, as a message
   * holds several sentences. The halves stay as they are: a document's even sentences tune, its odd ones test.
   */
  public static List<Part> load(Path root, Split split, boolean documents) throws IOException {
    List<Part> out = new ArrayList<>();
    for (String lang : List.of("en", "de", "fr", "nl")) {
      Path dir = root.resolve("wikiann").resolve(lang);
      add(out, "wikiann", lang, dir.resolve(split.name().toLowerCase(java.util.Locale.ROOT)), Half.ALL, documents);
    }
    Path uner = root.resolve("uner");
    switch (split) {
      case TRAIN -> {
        add(out, "uner-ewt", "en", uner.resolve("en_ewt-ud-dev.iob2"), Half.ALL, documents);
        add(out, "germeval", "de", root.resolve("germeval2014/NER-de-dev.tsv"), Half.ALL, documents);
        add(out, "wnut17", "en", root.resolve("wnut17/wnut17train.conll"), Half.ALL, documents);
        add(out, "wnut17-dev", "en", root.resolve("wnut17/emerging.dev.conll"), Half.ALL, documents);
      }
      case DEV, TEST -> {
        Half half = split == Split.DEV ? Half.EVEN : Half.ODD;
        add(out, "uner-ewt", "en", uner.resolve("en_ewt-ud-test.iob2"), half, documents);
        add(out, "uner-pud", "en", uner.resolve("en_pud-ud-test.iob2"), half, documents);
        add(out, "uner-pud", "de", uner.resolve("de_pud-ud-test.iob2"), half, documents);
        add(out, "germeval", "de", root.resolve("germeval2014/NER-de-test.tsv"), half, documents);
        if (split == Split.TEST) {
          add(out, "wnut17", "en", root.resolve("wnut17/emerging.test.annotated"), Half.ALL, documents);
        }
      }
      default -> throw new AssertionError(split);
    }
    return out;
  }

  private enum Half { ALL, EVEN, ODD }

  private static void add(List<Part> out, String name, String lang, Path file, Half half, boolean documents)
      throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    List<Conll.Sentence> all = Conll.read(file);
    List<String> docs = documents ? Conll.documents(file) : List.of();
    List<Conll.Sentence> kept = new ArrayList<>();
    String lastDoc = null;
    for (int i = 0; i < all.size(); i++) {
      if (half == Half.ALL || (i % 2 == 0) == (half == Half.EVEN)) {
        String doc = documents ? docs.get(i) : null;
        if (doc != null && doc.equals(lastDoc)) {
          Conll.Sentence prev = kept.remove(kept.size() - 1);
          List<String> tokens = new ArrayList<>(prev.tokens());
          List<String> tags = new ArrayList<>(prev.tags());
          tokens.addAll(all.get(i).tokens());
          tags.addAll(all.get(i).tags());
          kept.add(new Conll.Sentence(List.copyOf(tokens), List.copyOf(tags)));
        } else {
          kept.add(all.get(i));
        }
        lastDoc = doc;
      }
    }
    out.add(new Part(name, lang, kept));
  }
}
