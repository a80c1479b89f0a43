package dev.confidant.pii.internal.recognize;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiAudit;
import dev.confidant.pii.PiiEntity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Collects the decisions of one masking pass into a {@link PiiAudit}: only types, detectors, decisions and
 * placeholders, never a value. Holds at most {@link PiiAudit#MAX_ENTRIES} distinct entries; later distinct ones are
 * only counted. Not thread-safe: one per pass.
 */
public final class AuditRecorder {
  /**
   * One audit entry's identity: what a decision is counted under. Made once and {@linkplain #add recorded} many
   * times where the same decisions repeat (a replayed text's). Holds no value. Immutable.
   *
   * @param type the value's type
   * @param detector the {@linkplain #detector detector}
   * @param decision masked or why left
   * @param placeholder the placeholder of a masked value, else {@code null}
   * @param origin whether a masked value's placeholder was created or reused, else {@code null}
   */
  public record Key(EntityType type, String detector, PiiAudit.Decision decision, @Nullable String placeholder,
      PiiAudit.@Nullable Origin origin) {}

  private final Map<Key, int[]> counts = new LinkedHashMap<>();
  private final boolean belowThreshold;
  private int omitted;

  /** @param belowThreshold whether values scored below the threshold are looked for and reported (a second pass) */
  public AuditRecorder(boolean belowThreshold) {
    this.belowThreshold = belowThreshold;
  }

  /** Whether values scored below the threshold are to be looked for. */
  public boolean belowThreshold() {
    return belowThreshold;
  }

  /** Records a value left unmasked. */
  public void left(PiiEntity entity, PiiAudit.Decision decision) {
    left(entity.type(), detector(entity.explanation()), decision);
  }

  /** Records a value left unmasked, by its type and {@linkplain #detector detector}. */
  public void left(EntityType type, String detector, PiiAudit.Decision decision) {
    left(type, detector, decision, 1);
  }

  /**
   * Records {@code count} values of one type and detector left unmasked for the same reason, as {@code count} calls
   * of {@link #left(EntityType, String, PiiAudit.Decision)} would.
   */
  public void left(EntityType type, String detector, PiiAudit.Decision decision, int count) {
    add(new Key(type, detector, decision, null, null), count);
  }

  /** Records a masked value and its placeholder. */
  public void masked(PiiEntity entity, String placeholder, PiiAudit.Origin origin) {
    masked(entity.type(), detector(entity.explanation()), placeholder, origin);
  }

  /** Records a masked value by its type and {@linkplain #detector detector}, and its placeholder. */
  public void masked(EntityType type, String detector, String placeholder, PiiAudit.Origin origin) {
    masked(type, detector, placeholder, origin, 1);
  }

  /**
   * Records {@code count} masked values of one type and detector that got the same placeholder, as {@code count}
   * calls of {@link #masked(EntityType, String, String, PiiAudit.Origin)} would (a replayed text's entities in one
   * update each).
   */
  public void masked(EntityType type, String detector, String placeholder, PiiAudit.Origin origin, int count) {
    add(new Key(type, detector, PiiAudit.Decision.MASKED, placeholder, origin), count);
  }

  /** Records {@code n} decisions counted under {@code key}, as {@code n} single records of them would. */
  public void add(Key key, int n) {
    int[] count = counts.get(key);
    if (count != null) {
      count[0] += n;
    } else if (counts.size() < PiiAudit.MAX_ENTRIES) {
      counts.put(key, new int[] {n});
    } else {
      omitted += n;
    }
  }

  /** The audit so far. */
  public PiiAudit toAudit() {
    List<PiiAudit.Entry> entries = new ArrayList<>(counts.size());
    counts.forEach((k, n) -> entries.add(
        new PiiAudit.Entry(k.type(), k.detector(), k.decision(), k.placeholder(), k.origin(), n[0])));
    return new PiiAudit(entries, omitted);
  }

  /**
   * The detector named by an explanation: its first word ({@code names/model} of {@code names/model p=0.93}), and
   * {@code mapping} for a value re-found because the conversation's mapping already had it. Explanations never hold
   * the value (PiiEntity's contract); the first word also leaves out cue words and scores.
   */
  public static String detector(String explanation) {
    int space = explanation.indexOf(' ');
    String first = space < 0 ? explanation : explanation.substring(0, space);
    return first.startsWith("mapping/") ? "mapping" : first;
  }
}
