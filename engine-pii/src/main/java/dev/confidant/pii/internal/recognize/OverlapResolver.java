package dev.confidant.pii.internal.recognize;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merges overlapping entities so that no part of any of them stays unmasked: a cluster of overlapping spans
 * becomes one span covering their union, with the type, score and explanation of the best member (highest
 * score, then longest). Pure; thread-safe.
 */
public final class OverlapResolver {
  private OverlapResolver() {}

  private static final Comparator<PiiEntity> BETTER = Comparator.comparingDouble(PiiEntity::score)
      .thenComparingInt(PiiEntity::length);

  /** Non-overlapping entities sorted by start. {@code text} supplies the values of merged spans. */
  public static List<PiiEntity> resolve(String text, List<PiiEntity> entities) {
    if (entities.isEmpty()) {
      return List.of();
    }
    List<PiiEntity> sorted = new ArrayList<>(entities);
    sorted.sort(Comparator.comparingInt(PiiEntity::start).thenComparing(Comparator.comparingInt(PiiEntity::end)
        .reversed()));
    List<PiiEntity> out = new ArrayList<>();
    PiiEntity best = sorted.get(0);
    int start = best.start();
    int end = best.end();
    for (int i = 1; i < sorted.size(); i++) {
      PiiEntity e = sorted.get(i);
      if (e.start() < end) {
        end = Math.max(end, e.end());
        if (better(e, best)) {
          best = e;
        }
      } else {
        out.add(span(text, best, start, end));
        best = e;
        start = e.start();
        end = e.end();
      }
    }
    out.add(span(text, best, start, end));
    return out;
  }

  /**
   * Whether {@code e} should give a merged cluster its type rather than {@code best}: an address wins over a name,
   * phone or postcode it covers ("12 Nelson Mandela Drive" is an address, not a person; "Rua Augusta 100" not an
   * organisation), otherwise the higher score, then the longer.
   */
  private static boolean better(PiiEntity e, PiiEntity best) {
    if (covers(e, best) && e.type() == EntityType.ADDRESS && partOfAddress(best)) {
      return true;
    }
    if (covers(best, e) && best.type() == EntityType.ADDRESS && partOfAddress(e)) {
      return false;
    }
    return BETTER.compare(e, best) > 0;
  }

  private static boolean covers(PiiEntity outer, PiiEntity inner) {
    return outer.start() <= inner.start() && inner.end() <= outer.end();
  }

  /** What an address may hold: street and place names, and postcodes a phone pattern also took ("1100-053"). */
  private static boolean partOfAddress(PiiEntity e) {
    return isName(e) || e.type() == EntityType.PHONE || e.type() == EntityType.POSTCODE;
  }

  private static boolean isName(PiiEntity e) {
    return e.type() == EntityType.PERSON || e.type() == EntityType.ORGANIZATION || e.type() == EntityType.LOCATION;
  }

  private static PiiEntity span(String text, PiiEntity best, int start, int end) {
    if (best.start() == start && best.end() == end) {
      return best;
    }
    return new PiiEntity(best.type(), text.substring(start, end), start, end, best.score(),
        best.explanation() + " +merged");
  }
}
