package dev.confidant.pii.internal.recognize;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.internal.address.AddressRecognizer;
import dev.confidant.pii.internal.address.FormFieldRecognizer;
import dev.confidant.pii.internal.address.PlaceRecognizer;
import dev.confidant.pii.internal.address.Places;
import dev.confidant.pii.internal.lang.Language;
import dev.confidant.pii.internal.lang.LanguageDetector;
import dev.confidant.pii.internal.mapping.Mapping;
import dev.confidant.pii.internal.mapping.Placeholders;
import dev.confidant.pii.internal.ner.NameModels;
import dev.confidant.pii.internal.ner.NameRecognizer;
import dev.confidant.pii.spi.Recognizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs all recognizers over a text, adds values already in the conversation's mapping, drops what scores below
 * the threshold or is OII when OII is off, and merges overlaps. Thread-safe; build once per engine (the name
 * model takes a moment to load).
 */
public final class Analyzer {
  private final List<Recognizer> recognizers;
  private final double minScore;
  private final Set<EntityType> types;
  private final String fingerprint;
  /** The places gazetteer, for the precision filter (a compound noun that names a place stays); or {@code null}. */
  private final @Nullable Places places;

  public Analyzer(List<Recognizer> recognizers, double minScore) {
    this(recognizers, minScore, EnumSet.allOf(EntityType.class));
  }

  /** An analyzer reporting only entities of {@code types}. */
  public Analyzer(List<Recognizer> recognizers, double minScore, Set<EntityType> types) {
    this(recognizers, minScore, types, null);
  }

  private Analyzer(List<Recognizer> recognizers, double minScore, Set<EntityType> types, @Nullable Places places) {
    this.places = places;
    this.recognizers = List.copyOf(recognizers);
    this.minScore = minScore;
    this.types = types.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(types));
    StringBuilder f = new StringBuilder("minScore=").append(minScore).append(";types=").append(this.types);
    for (Recognizer r : this.recognizers) {
      f.append(';').append(r.name()).append('=').append(r.getClass().getName()).append('@')
          .append(Integer.toHexString(System.identityHashCode(r)));
    }
    this.fingerprint = f.toString();
  }

  /**
   * What decides {@link #recognize}'s results besides the text: the threshold, the types and each recognizer
   * (name, class and instance, so loaded models count as one version for the life of this analyzer).
   */
  public String fingerprint() {
    return fingerprint;
  }

  /**
   * The built-in recognizers plus the options' extra ones.
   *
   * @throws dev.confidant.api.EngineConfigException if the name model is on and the models artifact is missing
   */
  public static Analyzer of(PiiOptions options) {
    return of(options, options.nameModel() ? NameModels.load() : null);
  }

  /** The built-in recognizers with given name models ({@code null}: rules only), plus the options' extra ones. */
  public static Analyzer of(PiiOptions options, @Nullable NameModels nameModel) {
    List<Recognizer> all = new ArrayList<>();
    all.add(new RuleRecognizer("structured", StructuredRules.rules()));
    all.add(new IbanRecognizer());
    all.add(new PhoneRecognizer(options.phoneRegions()));
    all.add(new RuleRecognizer("national-id", NationalIdRules.rules()));
    all.add(new RuleRecognizer("date-address", DateAndAddressRules.rules()));
    all.add(new AccountIdRecognizer());
    all.add(new OrganisationRecognizer());
    all.add(new CompanyNameRecognizer(nameModel == null ? null : nameModel.tagger()));
    all.add(new PersonCueRecognizer(nameModel == null ? null : nameModel.tagger()));
    all.add(new PlaceCueRecognizer());
    // The gazetteer ships in the models artifact with the name model; an older artifact without it leaves it out.
    Places places = nameModel == null ? null : Places.load(Analyzer.class.getClassLoader()).orElse(null);
    all.add(new AddressRecognizer(places));
    all.add(new FormFieldRecognizer());
    if (places != null) {
      all.add(new PlaceRecognizer(places));
    }
    all.add(new NameRecognizer(nameModel));
    all.addAll(options.extraRecognizers());
    return new Analyzer(all, options.minScore(), options.entityTypes(), places);
  }

  /**
   * The entities to mask, sorted and non-overlapping.
   *
   * @param mapping the conversation's mapping whose values are re-matched, or {@code null}
   */
  public List<PiiEntity> analyze(String text, boolean includeOii, @Nullable Mapping mapping) {
    return text.isEmpty() ? List.of()
        : withoutOii(merge(text, recognize(text), rematch(text, mapping)), includeOii);
  }

  /**
   * What the recognizers find in {@code text}, at or above the threshold and of the enabled types, before the
   * mapping's values, the precision filter and the overlap merge: a function of the text and this analyzer alone,
   * which is what a detection cache may keep ({@link #fingerprint()} names the analyzer).
   */
  public List<PiiEntity> recognize(String text) {
    return recognize(text, false);
  }

  /**
   * What the recognizers found in {@code text} scoring below the threshold (of the enabled types) that overlaps
   * nothing in {@code resolved} (sorted, non-overlapping), once per span (the first of the highest score): what an
   * audit reports as left below the threshold. Runs the recognizers again.
   */
  public List<PiiEntity> belowThreshold(String text, List<PiiEntity> resolved) {
    List<PiiEntity> below = new ArrayList<>(recognize(text, true));
    below.sort(java.util.Comparator.comparingInt(PiiEntity::start)
        .thenComparing(PiiEntity::score, java.util.Comparator.reverseOrder()));
    List<PiiEntity> left = new ArrayList<>();
    int coveredTo = 0;
    for (PiiEntity e : below) {
      if (e.start() >= coveredTo && !overlapsAny(e, resolved)) {
        left.add(e);
        coveredTo = e.end();
      }
    }
    return left;
  }

  private static boolean overlapsAny(PiiEntity e, List<PiiEntity> sorted) {
    for (PiiEntity r : sorted) {
      if (r.start() >= e.end()) {
        return false;
      }
      if (r.end() > e.start()) {
        return true;
      }
    }
    return false;
  }

  /** The recognizers' findings of the enabled types at or above the threshold, or below it if {@code below}. */
  private List<PiiEntity> recognize(String text, boolean below) {
    List<PiiEntity> found = new ArrayList<>();
    Scan scan = new Scan(text); // shared by the built-in rule recognizers: digits, word starts, cue words
    for (Recognizer r : recognizers) {
      List<PiiEntity> entities = r instanceof ScanRecognizer s ? s.recognize(scan) : r.recognize(text);
      for (PiiEntity e : entities) {
        if (types.contains(e.type()) && (e.score() >= minScore) != below) {
          found.add(e);
        }
      }
    }
    return found;
  }

  /**
   * The entities to mask, sorted and non-overlapping, organisations included: what {@link #recognize} found in
   * {@code text} (or a cached copy of it) and the mapping's values {@link #rematch re-found} in it, filtered for
   * precision, made consistent (a confident name's other mentions in the text are names of its type,
   * {@code MentionConsistency}) and merged. A function of its arguments alone.
   */
  public List<PiiEntity> merge(String text, List<PiiEntity> recognized, List<PiiEntity> rematched) {
    List<PiiEntity> found = new ArrayList<>(recognized.size() + rematched.size());
    found.addAll(recognized);
    found.addAll(rematched);
    Language language = LanguageDetector.detect(text);
    found = PrecisionFilter.apply(text, language, found, places);
    if (places != null) { // with the models artifact, which holds the noun list
      found = GermanGenitiveNames.apply(text, language, found, PrecisionFilter.Nouns.LIST);
    }
    found = MentionConsistency.apply(text, language, found);
    return OverlapResolver.resolve(text, found);
  }

  /**
   * {@code resolved} without organisations unless {@code includeOii}. OII is dropped after merging: an
   * organisation that the model also half-tagged as a person must stay whole and unmasked rather than leave a
   * masked fragment.
   */
  public static List<PiiEntity> withoutOii(List<PiiEntity> resolved, boolean includeOii) {
    return includeOii ? resolved : resolved.stream().filter(e -> !e.type().organisational()).toList();
  }

  /**
   * Occurrences of mapped values, case- and whitespace-insensitive, at word boundaries (none without a mapping).
   * Linear in the text times the (small) number of values sharing a first word.
   */
  public static List<PiiEntity> rematch(String text, @Nullable Mapping mapping) {
    if (mapping == null || mapping.isEmpty()) {
      return List.of();
    }
    List<PiiEntity> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!isLetterOrDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int we = i + 1; // text[i, we) is a whole run of letters and digits: a word
      while (we < n && isLetterOrDigit(text.charAt(we))) {
        we++;
      }
      addMatches(text, i, mapping.valuesStartingWith(text, i, we), mapping, out);
      i = we;
    }
    return out;
  }

  /**
   * What {@link #rematch(String, Mapping)} finds of {@code values} (normalised values of {@code mapping}) alone:
   * enough to tell whether values added to a mapping since a text was last matched occur in it, at the cost of
   * one hash per word.
   */
  public static List<PiiEntity> rematch(String text, Mapping mapping, List<String> values) {
    Map<String, List<String>> byFirstWord = new HashMap<>();
    boolean nonAscii = false;
    int[] hashes = new int[values.size()];
    int n = 0;
    long lengths = 0; // bit k: some first word has k chars (bit 63: 63 or more)
    for (String value : values) {
      String word = Mapping.firstWord(value);
      if (!word.isEmpty() && byFirstWord.computeIfAbsent(word, w -> new ArrayList<>(1)).add(value)) {
        lengths |= 1L << Math.min(63, word.length());
        long h = Mapping.asciiWordHash(word, 0, word.length());
        if (h == Mapping.NOT_ASCII) {
          nonAscii = true;
        } else {
          hashes[n++] = (int) h;
        }
      }
    }
    if (byFirstWord.isEmpty()) {
      return List.of();
    }
    List<PiiEntity> out = new ArrayList<>();
    int length = text.length();
    int i = 0;
    while (i < length) {
      if (!isLetterOrDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int we = i + 1;
      while (we < length && isLetterOrDigit(text.charAt(we))) {
        we++;
      }
      if ((lengths & 1L << Math.min(63, we - i)) == 0 && !nonAscii) {
        // No first word has this length. Only non-ASCII first words can match a word of another length in lower
        // case ("İ" lower-cases to two chars); the one char that lower-cases to ASCII, the Kelvin sign, keeps it.
        i = we;
        continue;
      }
      long h = Mapping.asciiWordHash(text, i, we);
      if (h == Mapping.NOT_ASCII || contains(hashes, n, (int) h)) {
        List<String> starting = byFirstWord.get(text.substring(i, we).toLowerCase(java.util.Locale.ROOT));
        if (starting != null) {
          addMatches(text, i, starting, mapping, out);
        }
      }
      i = we;
    }
    return out;
  }

  private static boolean contains(int[] hashes, int n, int hash) {
    for (int k = 0; k < n; k++) {
      if (hashes[k] == hash) {
        return true;
      }
    }
    return false;
  }

  private static void addMatches(String text, int start, List<String> values, Mapping mapping,
      List<PiiEntity> out) {
    for (String value : values) {
      int end = matchEnd(text, start, value);
      if (end > 0) {
        String placeholder = mapping.placeholderOfNormalized(value);
        out.add(new PiiEntity(typeOf(placeholder), text.substring(start, end), start, end, 1.0, "mapping/rematch"));
      }
    }
  }

  private static boolean isLetterOrDigit(char c) {
    return c < 128 ? c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
        : Character.isLetterOrDigit(c);
  }

  /** The end of {@code normalized} matched at {@code start}, or -1. */
  private static int matchEnd(String text, int start, String normalized) {
    int t = start;
    for (int k = 0; k < normalized.length(); k++) {
      char c = normalized.charAt(k);
      if (c == ' ') {
        if (t >= text.length() || !Character.isWhitespace(text.charAt(t))) {
          return -1;
        }
        while (t < text.length() && Character.isWhitespace(text.charAt(t))) {
          t++;
        }
      } else {
        if (t >= text.length() || Character.toLowerCase(text.charAt(t)) != c) {
          return -1;
        }
        t++;
      }
    }
    boolean wordEnd = Character.isLetterOrDigit(normalized.charAt(normalized.length() - 1));
    if (wordEnd && t < text.length() && Character.isLetterOrDigit(text.charAt(t))) {
      return -1;
    }
    return t;
  }

  private static EntityType typeOf(@Nullable String placeholder) {
    String canonical = placeholder == null ? null : Placeholders.canonical(placeholder);
    if (canonical != null) {
      String tag = Placeholders.tagOf(canonical);
      for (EntityType t : EntityType.values()) {
        if (t.tag().equals(tag)) {
          return t;
        }
      }
    }
    // A caller's own tag: treat as personal, so it is masked even with OII off.
    return EntityType.PERSON;
  }
}
