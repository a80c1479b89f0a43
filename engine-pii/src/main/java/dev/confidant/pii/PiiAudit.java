package dev.confidant.pii;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.spi.StageContext;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What pseudonymization decided for one request: for each entity type, detector, decision and placeholder, how many
 * occurrences. It never holds a value nor a hash of one: the only per-value identifier is the placeholder
 * ({@code [NAME_1]}), which means something only to whoever already holds the conversation's mapping. So it may be
 * shown to the caller and written to an operator's log. Immutable and thread-safe.
 *
 * <p>It describes the conversation as the model received it last: in a tool loop every round is masked again, and
 * the last round's audit, which includes the earlier messages, replaces the earlier one. The pseudonymization stage
 * puts it into the call's {@link StageContext} under {@link #KEY} (only when the request asks for
 * pseudonymization).
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} entries; the occurrences of further distinct entries are counted in
 * {@link #omitted()}.
 *
 * @param entries one entry per distinct (type, detector, decision, placeholder), in order of first occurrence
 * @param omitted occurrences left out once {@link #MAX_ENTRIES} entries were reached
 */
public record PiiAudit(List<Entry> entries, int omitted) {
  /** The most entries an audit holds. */
  public static final int MAX_ENTRIES = 500;

  /** The audit of the current call, in its stage context. */
  public static final StageContext.Key<PiiAudit> KEY = new StageContext.Key<>("pii.audit", PiiAudit.class);

  /** Nothing recognized. */
  public static final PiiAudit EMPTY = new PiiAudit(List.of(), 0);

  public PiiAudit {
    entries = List.copyOf(entries);
    if (entries.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("at most " + MAX_ENTRIES + " entries, got " + entries.size());
    }
    if (omitted < 0) {
      throw new IllegalArgumentException("omitted must be >= 0: " + omitted);
    }
  }

  /** What happened to a recognized value. */
  public enum Decision {
    /** Replaced by a placeholder before the model saw it. */
    MASKED,
    /** Left as it was: its score was below the configured threshold ({@link PiiOptions#minScore()}). */
    LEFT_BELOW_THRESHOLD,
    /** Left as it was: organisation data while OII pseudonymization is off. */
    LEFT_OII_OFF
  }

  /** Where a masked value's placeholder came from. */
  public enum Origin {
    /** Created by this request. */
    CREATED,
    /** Already in the conversation's mapping: the caller's {@code X-Pii-Mapping} or the thread's vault. */
    REUSED
  }

  /**
   * Occurrences with the same type, detector, decision and placeholder.
   *
   * @param type the entity type
   * @param detector the recognizer that found it ({@code names/model}, {@code structured/email}, {@code mapping}
   *     for a value re-found because the mapping already had it, ...)
   * @param decision what was done with it
   * @param placeholder the placeholder, for {@link Decision#MASKED} only
   * @param origin whether the placeholder was created or reused, for {@link Decision#MASKED} only
   * @param count occurrences, at least 1
   */
  public record Entry(EntityType type, String detector, Decision decision, @Nullable String placeholder,
      @Nullable Origin origin, int count) {
    public Entry {
      requireNonNull(type, "type");
      requireNonNull(detector, "detector");
      requireNonNull(decision, "decision");
      if ((decision == Decision.MASKED) != (placeholder != null) || (placeholder == null) != (origin == null)) {
        throw new IllegalArgumentException("a placeholder and an origin exactly when masked: " + decision);
      }
      if (count < 1) {
        throw new IllegalArgumentException("count must be >= 1: " + count);
      }
    }
  }

  /** Masked occurrences per entity type. */
  public Map<EntityType, Integer> maskedCounts() {
    Map<EntityType, Integer> counts = new EnumMap<>(EntityType.class);
    for (Entry e : entries) {
      if (e.decision() == Decision.MASKED) {
        counts.merge(e.type(), e.count(), Integer::sum);
      }
    }
    return counts;
  }

  /** All occurrences, masked or left. */
  public int occurrences() {
    int n = omitted;
    for (Entry e : entries) {
      n += e.count();
    }
    return n;
  }
}
