package dev.confidant.pii.internal.recognize;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.internal.address.AddressRecognizer;
import dev.confidant.pii.internal.address.PlaceRecognizer;
import dev.confidant.pii.internal.address.Places;
import dev.confidant.pii.internal.lang.LanguageDetector;
import dev.confidant.pii.internal.mapping.Mapping;
import dev.confidant.pii.internal.mapping.Placeholders;
import dev.confidant.pii.internal.ner.NameModels;
import dev.confidant.pii.internal.ner.NameRecognizer;
import dev.confidant.pii.spi.Recognizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
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

  public Analyzer(List<Recognizer> recognizers, double minScore) {
    this(recognizers, minScore, EnumSet.allOf(EntityType.class));
  }

  /** An analyzer reporting only entities of {@code types}. */
  public Analyzer(List<Recognizer> recognizers, double minScore, Set<EntityType> types) {
    this.recognizers = List.copyOf(recognizers);
    this.minScore = minScore;
    this.types = types.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(types));
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
    // The gazetteer ships in the models artifact with the name model; an older artifact without it leaves it out.
    Places places = nameModel == null ? null : Places.load(Analyzer.class.getClassLoader()).orElse(null);
    all.add(new AddressRecognizer(places));
    if (places != null) {
      all.add(new PlaceRecognizer(places));
    }
    all.add(new NameRecognizer(nameModel));
    all.addAll(options.extraRecognizers());
    return new Analyzer(all, options.minScore(), options.entityTypes());
  }

  /**
   * The entities to mask, sorted and non-overlapping.
   *
   * @param mapping the conversation's mapping whose values are re-matched, or {@code null}
   */
  public List<PiiEntity> analyze(String text, boolean includeOii, @Nullable Mapping mapping) {
    if (text.isEmpty()) {
      return List.of();
    }
    List<PiiEntity> found = new ArrayList<>();
    Scan scan = new Scan(text); // shared by the built-in rule recognizers: digits, word starts, cue words
    for (Recognizer r : recognizers) {
      List<PiiEntity> entities = r instanceof RuleRecognizer rules ? rules.recognize(scan)
          : r instanceof IbanRecognizer iban ? iban.recognize(scan)
          : r instanceof AccountIdRecognizer ids ? ids.recognize(scan) : r.recognize(text);
      for (PiiEntity e : entities) {
        if (e.score() >= minScore && types.contains(e.type())) {
          found.add(e);
        }
      }
    }
    if (mapping != null && !mapping.isEmpty()) {
      found.addAll(rematch(text, mapping));
    }
    found = PrecisionFilter.apply(text, LanguageDetector.detect(text), found);
    List<PiiEntity> resolved = OverlapResolver.resolve(text, found);
    // OII is dropped after merging: an organisation that the model also half-tagged as a person must stay
    // whole and unmasked rather than leave a masked fragment.
    return includeOii ? resolved : resolved.stream().filter(e -> !e.type().organisational()).toList();
  }

  /**
   * Occurrences of mapped values, case- and whitespace-insensitive, at word boundaries. Linear in the text
   * times the (small) number of values sharing a first word.
   */
  static List<PiiEntity> rematch(String text, Mapping mapping) {
    List<PiiEntity> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!Character.isLetterOrDigit(text.charAt(i)) || i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
        i++;
        continue;
      }
      int we = i;
      while (we < n && Character.isLetterOrDigit(text.charAt(we))) {
        we++;
      }
      String word = text.substring(i, we).toLowerCase(java.util.Locale.ROOT);
      for (String value : mapping.valuesStartingWith(word)) {
        int end = matchEnd(text, i, value);
        if (end > 0) {
          String placeholder = mapping.placeholderOfNormalized(value);
          out.add(new PiiEntity(typeOf(placeholder), text.substring(i, end), i, end, 1.0, "mapping/rematch"));
        }
      }
      i = we;
    }
    return out;
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
