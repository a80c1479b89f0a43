package dev.confidant.pii;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.spi.EngineOption;
import dev.confidant.pii.spi.MappingVault;
import dev.confidant.pii.spi.MappingVaults;
import dev.confidant.pii.spi.Recognizer;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Options of pseudonymization, set on the engine builder with {@link #KEY}. Immutable (the vault and recognizers
 * it holds are thread-safe); vary with {@code with*}.
 *
 * {@snippet class=dev.confidant.pii.PiiSnippets region=options}
 *
 * @param placeholderStyle how placeholders are written ({@code [NAME_1]} by default)
 * @param minScore entities scoring below this are not masked (default 0.4: for privacy a missed value costs more than a
 *     masked ordinary word)
 * @param phoneRegions ISO 3166 regions whose national phone formats are recognized; numbers with {@code +}
 *     are recognized for every region
 * @param nameModel whether the trained name models run (default true). They ship in the separate artifact
 *     {@code dev.confidant:engine-pii-models} (CC BY-SA 4.0), which must then be on the class path; {@code false}
 *     runs the name rules alone and needs no models (rules and mapping re-matching always run)
 * @param extraRecognizers recognizers added to the built-in ones
 * @param vault where per-thread mappings are kept (in memory by default)
 * @param entityTypes the types that are detected and masked (all by default); e.g. without
 *     {@link EntityType#ACCOUNT_ID}, customer and account numbers after a cue word stay in clear
 */
public record PiiOptions(
    PlaceholderStyle placeholderStyle,
    double minScore,
    List<String> phoneRegions,
    boolean nameModel,
    List<Recognizer> extraRecognizers,
    MappingVault vault,
    Set<EntityType> entityTypes) {

  /** The engine option key under which the PII stage reads its options. */
  public static final EngineOption<PiiOptions> KEY = EngineOption.of("pii.options", PiiOptions.class, null);

  /**
   * How many message texts the pseudonymization stage keeps the recognizers' results of (default 4,096; 0 turns
   * the cache off), so that a conversation's history is not detected again on every turn: a turn costs detection
   * of its new text only. The cache keeps offsets, types, scores and explanations, never a text or a value; texts
   * are never shared between spaces or principals; at most 64 spans per entry on average are kept (about 3 KB per
   * entry, 13 MB at the default). Turn it off when an {@linkplain #extraRecognizers() extra recognizer}'s results
   * depend on anything but the text.
   */
  public static final EngineOption<Integer> DETECTION_CACHE_ENTRIES =
      EngineOption.of("pii.detection-cache-entries", Integer.class, 4096);

  /**
   * Whether a request's {@link PiiAudit} also reports values the recognizers found but scored below
   * {@link #minScore()} ({@link PiiAudit.Decision#LEFT_BELOW_THRESHOLD}; default false). It costs one more recognizer
   * pass over every text of the request, which the detection cache does not save, so it is off unless an operator
   * wants it; masked values and organisations left while OII is off are always reported.
   */
  public static final EngineOption<Boolean> AUDIT_BELOW_THRESHOLD =
      EngineOption.of("pii.audit-below-threshold", Boolean.class, false);

  /** Default phone regions: North America, the EU's largest members, the UK, Switzerland, India, Australia. */
  public static final List<String> DEFAULT_PHONE_REGIONS =
      List.of("US", "GB", "DE", "FR", "IT", "ES", "NL", "AT", "CH", "BE", "PL", "SE", "IN", "AU");

  public PiiOptions {
    requireNonNull(placeholderStyle, "placeholderStyle");
    requireNonNull(vault, "vault");
    requireNonNull(entityTypes, "entityTypes");
    phoneRegions = List.copyOf(phoneRegions);
    extraRecognizers = List.copyOf(extraRecognizers);
    entityTypes = Collections.unmodifiableSet(entityTypes.isEmpty() ? EnumSet.noneOf(EntityType.class)
        : EnumSet.copyOf(entityTypes));
    if (minScore < 0 || minScore > 1) {
      throw new IllegalArgumentException("minScore must be in [0, 1], got " + minScore);
    }
  }

  /**
   * Square placeholders, threshold 0.4, default regions, name model on (needs {@code engine-pii-models}),
   * in-memory vault, every type.
   */
  public static PiiOptions defaults() {
    return new PiiOptions(PlaceholderStyle.SQUARE, 0.4, DEFAULT_PHONE_REGIONS, true, List.of(),
        MappingVaults.inMemory(), EnumSet.allOf(EntityType.class));
  }

  public PiiOptions withPlaceholderStyle(PlaceholderStyle style) {
    return new PiiOptions(style, minScore, phoneRegions, nameModel, extraRecognizers, vault, entityTypes);
  }

  public PiiOptions withMinScore(double minScore) {
    return new PiiOptions(placeholderStyle, minScore, phoneRegions, nameModel, extraRecognizers, vault, entityTypes);
  }

  public PiiOptions withPhoneRegions(List<String> regions) {
    return new PiiOptions(placeholderStyle, minScore, regions, nameModel, extraRecognizers, vault, entityTypes);
  }

  public PiiOptions withNameModel(boolean enabled) {
    return new PiiOptions(placeholderStyle, minScore, phoneRegions, enabled, extraRecognizers, vault, entityTypes);
  }

  public PiiOptions withExtraRecognizers(List<Recognizer> recognizers) {
    return new PiiOptions(placeholderStyle, minScore, phoneRegions, nameModel, recognizers, vault, entityTypes);
  }

  public PiiOptions withVault(MappingVault vault) {
    return new PiiOptions(placeholderStyle, minScore, phoneRegions, nameModel, extraRecognizers, vault, entityTypes);
  }

  /** These options detecting only values of {@code types}; values of other types stay in clear. */
  public PiiOptions withEntityTypes(Set<EntityType> types) {
    return new PiiOptions(placeholderStyle, minScore, phoneRegions, nameModel, extraRecognizers, vault, types);
  }

  /** These options with one type switched on or off: {@code withEntityType(EntityType.ACCOUNT_ID, false)}. */
  public PiiOptions withEntityType(EntityType type, boolean enabled) {
    EnumSet<EntityType> types = EnumSet.noneOf(EntityType.class);
    types.addAll(entityTypes);
    if (enabled) {
      types.add(type);
    } else {
      types.remove(type);
    }
    return withEntityTypes(types);
  }
}
