package dev.confidant.pii;

import static java.util.Objects.requireNonNull;

import dev.confidant.pii.internal.mapping.FrozenMap;
import dev.confidant.pii.internal.mapping.Mapping;
import dev.confidant.pii.internal.mapping.PlaceholderTable;
import dev.confidant.pii.internal.recognize.Analyzer;
import dev.confidant.pii.internal.token.Detokenizer;
import dev.confidant.pii.internal.token.Pseudonymizer;
import dev.confidant.pii.spi.VaultKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Detects and pseudonymizes personal data in texts, with the semantics of the platform's
 * {@code POST /v1/pii/detect}; also restores placeholders. Thread-safe: create once (loading the name model
 * takes a moment) and share; {@link #detect} may run on many threads at once.
 *
 * {@snippet class=dev.confidant.pii.PiiSnippets region=detector}
 */
public final class PiiDetector {
  /** Below this many texts, forking costs more than it saves. */
  private static final int PARALLEL_THRESHOLD = 64;
  /** Below this many entries, a table is built per call: cheaper than remembering it. */
  private static final int CACHE_THRESHOLD = 64;
  private static final Class<?> JDK_MAP_1 = Map.of("", "").getClass();
  private static final Class<?> JDK_MAP_N = Map.of("", "", " ", "").getClass();
  private final PiiOptions options;
  private final Pseudonymizer pseudonymizer;

  /** A JDK-immutable mapping and its table: immutable, so identity is enough to know it is still valid. */
  private record Prepared(Map<String, String> mapping, PlaceholderTable table) {}

  private volatile @Nullable Prepared lastPrepared;

  /** An immutable existing mapping and the frozen mapping seeded from it. */
  private record Seeded(Map<String, String> existing, Mapping mapping) {}

  private volatile @Nullable Seeded lastSeeded;

  private PiiDetector(PiiOptions options) {
    this.options = options;
    this.pseudonymizer = new Pseudonymizer(Analyzer.of(options));
  }

  /**
   * A detector with these options.
   *
   * @throws dev.confidant.api.EngineConfigException if the name model cannot be loaded
   */
  public static PiiDetector create(PiiOptions options) {
    return new PiiDetector(requireNonNull(options, "options"));
  }

  /**
   * Detects and masks one text. With a thread id, the thread's vault mapping is used and new entries are stored.
   *
   * @implNote An existing mapping of 64 entries or more is seeded once and kept (the last one, by identity; a
   *     request's mapping is immutable), so calls passing the same map pay for their text, not for the mapping.
   *
   * @throws dev.confidant.api.InvalidRequestException (at {@code thread_id}, type {@code vault_full}) if the thread's
   *     mapping would exceed the vault's entry limits
   * @throws dev.confidant.api.StorageException if the vault cannot be read or written
   */
  public DetectResult detect(DetectRequest request) {
    Mapping mapping = mappingOver(request.existingMapping());
    Optional<VaultKey> key = Optional.ofNullable(request.thread());
    key.map(options.vault()::load).ifPresent(mapping::seed);
    Pseudonymizer.Masked masked = pseudonymizer.mask(request.text(), mapping, request.includeOii());
    key.ifPresent(k -> options.vault().merge(k, mapping.added()));
    return new DetectResult(masked.text(), mapping.frozen(), masked.entities());
  }

  /**
   * Detects many texts independently (each with its own mapping), results in input order. Large batches run
   * on the common fork-join pool; requests sharing a thread id are not ordered against each other then, so
   * send those one by one with {@link #detect} when their order matters.
   */
  public List<DetectResult> detectAll(List<DetectRequest> requests) {
    if (requests.size() < PARALLEL_THRESHOLD) {
      List<DetectResult> out = new ArrayList<>(requests.size());
      for (DetectRequest r : requests) {
        out.add(detect(r));
      }
      return out;
    }
    return requests.parallelStream().map(this::detect).toList();
  }

  /**
   * Replaces placeholders by their values in one linear pass; tolerant of {@code [Name_1]}, {@code NAME_1},
   * {@code [NAME 1]} and {@code <NAME_1>}; unknown placeholders stay.
   *
   * @param mapping placeholder to value, as returned in {@link DetectResult#piiMapping()}
   * @implNote Builds a placeholder table from the map, once per immutable map: a result's mapping keeps its
   *     table, and the last {@code Map.of}/{@code Map.copyOf} map of 64 entries or more is remembered by identity.
   *     A mutable map is read on every call.
   */
  public String restore(String text, Map<String, String> mapping) {
    return Detokenizer.detokenize(text, lookupOf(mapping));
  }

  /**
   * A fresh mapping holding an existing mapping's entries. A large one is seeded once and shared, frozen, by the
   * calls that pass the same map (a request's {@code existingMapping} is immutable, so identity is enough): each
   * call then pays for what it adds, not for the 100k entries it starts from.
   */
  private Mapping mappingOver(Map<String, String> existing) {
    if (existing.size() < CACHE_THRESHOLD) {
      Mapping mapping = new Mapping(options.placeholderStyle());
      mapping.seed(existing);
      return mapping;
    }
    Seeded last = lastSeeded;
    if (last == null || last.existing() != existing) {
      Mapping base = new Mapping(options.placeholderStyle());
      base.seed(existing);
      last = new Seeded(existing, base.freeze());
      lastSeeded = last;
    }
    return Mapping.over(last.mapping());
  }

  /**
   * The placeholder table of a mapping, built once per immutable mapping: a result's {@link DetectResult#piiMapping()}
   * keeps its own, and the last large JDK-immutable map ({@code Map.of}, {@code Map.copyOf}) is remembered by
   * identity, so restoring many replies against one 100k-entry mapping does not rebuild the table each time. A
   * mutable map may change between calls, so its table is built per call (still only a table: no value index).
   */
  private PlaceholderTable lookupOf(Map<String, String> mapping) {
    if (mapping instanceof FrozenMap frozen) {
      return frozen.table();
    }
    if (mapping.size() < CACHE_THRESHOLD || !isJdkImmutable(mapping)) {
      return PlaceholderTable.ofPlaceholders(mapping);
    }
    Prepared last = lastPrepared;
    if (last != null && last.mapping() == mapping) {
      return last.table();
    }
    PlaceholderTable table = PlaceholderTable.ofPlaceholders(mapping);
    lastPrepared = new Prepared(mapping, table);
    return table;
  }

  private static boolean isJdkImmutable(Map<String, String> mapping) {
    Class<?> type = mapping.getClass();
    return type == JDK_MAP_1 || type == JDK_MAP_N;
  }

  /** The options. */
  public PiiOptions options() {
    return options;
  }

  @Override
  public String toString() {
    return "PiiDetector[" + options.placeholderStyle() + "]";
  }
}
