package dev.confidant.pii.internal.mapping;

import dev.confidant.pii.PlaceholderStyle;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An immutable placeholder-to-value map in insertion order that prepares its own {@link PlaceholderTable} on first
 * use, so restoring many texts with the same result mapping builds the table once. It may be the concatenation of
 * two maps with disjoint keys (a large shared mapping, then what one call added), so that a result over a shared
 * 100k-entry mapping does not copy it. Thread-safe (immutable; the table is built at most a few times under a race
 * and published whole).
 */
public final class FrozenMap extends AbstractMap<String, String> {
  private final Map<String, String> first;
  /** Keys disjoint from {@link #first}'s; often empty. */
  private final Map<String, String> second;
  private final Set<Entry<String, String>> entries;
  private volatile @Nullable PlaceholderTable table;
  private volatile @Nullable Mapping seeded;
  /**
   * A frozen mapping seeded with an earlier state of this conversation (this map's first entries), or {@code null};
   * see {@link #following}.
   */
  private final @Nullable Mapping earlier;
  /** The entries after {@link #earlier}'s, in order; empty without it. */
  private final Map<String, String> sinceEarlier;

  private FrozenMap(Map<String, String> first, Map<String, String> second) {
    this(first, second, null, Map.of());
  }

  private FrozenMap(Map<String, String> first, Map<String, String> second, @Nullable Mapping earlier,
      Map<String, String> sinceEarlier) {
    this.first = first;
    this.second = second;
    this.entries = second.isEmpty() ? first.entrySet() : new Concatenation();
    this.earlier = earlier;
    this.sinceEarlier = sinceEarlier;
  }

  /** An immutable copy of {@code map} in its iteration order; {@code map} itself if it is one. */
  public static FrozenMap copyOf(Map<String, String> map) {
    return map instanceof FrozenMap f ? f : owning(new LinkedHashMap<>(map));
  }

  /** Wraps a map nobody will change again (no copy). */
  static FrozenMap owning(LinkedHashMap<String, String> entries) {
    return new FrozenMap(Collections.unmodifiableMap(entries), Map.of());
  }

  /**
   * {@code previous}'s entries followed by {@code added} (keys not in {@code previous}): a conversation's next state in
   * a vault. Without copying {@code previous} whole on every write: when it is itself a frozen map whose tail (the
   * entries after its first map) stays within {@link #maxSinceEarlier} of that first map's size, the result shares
   * the first map and copies only the tail; past that, everything is copied into one map once. So a write copies
   * about {@code sqrt(2n)} entries, amortised, instead of all {@code n}.
   *
   * <p>So that {@link #newMapping} can start from the mapping {@code previous} was seeded into and seed only what was
   * added since, instead of seeding every entry again on each turn that adds a value, the result also remembers that
   * seeded mapping (or the one {@code previous} itself starts from). That chain is cut (the next {@link #newMapping}
   * seeds the whole map once and later states start from that) when more than {@code maxSinceEarlier} entries were
   * added since the seeded state, so a turn seeds at most about {@code sqrt(2n)} entries and, amortised over the
   * turns, a few more: per turn O(sqrt n) instead of O(n) for {@code n} entries. It keeps the seeded mapping of an
   * earlier state (as large as that state) and the entries since, not the earlier maps.
   */
  static FrozenMap following(Map<String, String> previous, List<Map.Entry<String, String>> added) {
    Map<String, String> first;
    Map<String, String> second;
    if (previous instanceof FrozenMap p && p.second.size() + added.size() <= maxSinceEarlier(p.first.size())) {
      first = p.first;
      LinkedHashMap<String, String> tail = new LinkedHashMap<>(p.second);
      added.forEach(e -> tail.put(e.getKey(), e.getValue()));
      second = Collections.unmodifiableMap(tail);
    } else {
      LinkedHashMap<String, String> all = new LinkedHashMap<>(previous);
      added.forEach(e -> all.put(e.getKey(), e.getValue()));
      first = Collections.unmodifiableMap(all);
      second = Map.of();
    }
    if (!(previous instanceof FrozenMap p)) {
      return new FrozenMap(first, second);
    }
    Mapping own = p.seeded;
    Mapping from = own != null ? own : p.earlier;
    Map<String, String> since = own != null ? Map.of() : p.sinceEarlier;
    if (from == null || since.size() + added.size() > maxSinceEarlier(from.size())) {
      return new FrozenMap(first, second);
    }
    LinkedHashMap<String, String> next = new LinkedHashMap<>(since);
    for (Map.Entry<String, String> e : added) {
      next.put(e.getKey(), e.getValue());
    }
    return new FrozenMap(first, second, from, Collections.unmodifiableMap(next));
  }

  /**
   * Entries a state may be ahead of the seeded one it starts from: about {@code sqrt(2n)}, which minimises the
   * entries seeded per turn (those since, plus a full seed of {@code n} every that many turns).
   */
  static int maxSinceEarlier(int seededEntries) {
    return 16 + (int) Math.sqrt(2.0 * seededEntries);
  }

  /** {@code first}'s entries, then {@code second}'s; their keys must be disjoint. */
  static FrozenMap concat(FrozenMap first, FrozenMap second) {
    if (second.isEmpty()) {
      return first;
    }
    if (!first.second.isEmpty() || !second.second.isEmpty()) {
      return owning(new LinkedHashMap<>(first)).concatOwned(second);
    }
    return new FrozenMap(first.first, second.first);
  }

  private FrozenMap concatOwned(FrozenMap more) {
    LinkedHashMap<String, String> all = new LinkedHashMap<>(this);
    all.putAll(more);
    return owning(all);
  }

  /** The lookup of these placeholders, built on first use. */
  public PlaceholderTable table() {
    PlaceholderTable t = table;
    if (t == null) {
      t = PlaceholderTable.ofPlaceholders(this);
      table = t;
    }
    return t;
  }

  /**
   * A {@linkplain Mapping#freeze() frozen} mapping seeded with these entries in {@code style}, built on first use
   * (and again if another style is asked for), so that the calls that start from the same map, such as the turns of
   * a conversation while its vault entry is unchanged, seed it once and each work on a mapping
   * {@linkplain Mapping#over over} it. It lives as long as this map and holds only its entries.
   */
  public Mapping seeded(PlaceholderStyle style) {
    Mapping m = seeded;
    if (m == null || m.style() != style) {
      m = new Mapping(style);
      m.seed(this);
      m.freeze();
      seeded = m;
    }
    return m;
  }

  /**
   * A mapping for one call that starts with these entries, as a new {@link Mapping} seeded with them would: over
   * {@link #seeded} this map's mapping if it has one, else over the mapping an earlier state of the conversation was
   * seeded into with the entries added since seeded on top ({@link #following}), else over {@link #seeded}.
   */
  public Mapping newMapping(PlaceholderStyle style) {
    Mapping own = seeded;
    Mapping from = earlier;
    if ((own == null || own.style() != style) && from != null && from.style() == style) {
      Mapping m = Mapping.over(from);
      m.seed(sinceEarlier);
      return m;
    }
    return Mapping.over(seeded(style));
  }

  /** Whether {@link #newMapping} starts from an earlier state's seeded mapping (see {@link #following}). */
  boolean followsEarlier() {
    return earlier != null;
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return entries;
  }

  @Override
  public @Nullable String get(Object key) {
    String value = first.get(key);
    return value != null ? value : second.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return first.containsKey(key) || second.containsKey(key);
  }

  @Override
  public int size() {
    return first.size() + second.size();
  }

  /** The entries of both maps, first then second. */
  private final class Concatenation extends AbstractSet<Entry<String, String>> {
    @Override
    public Iterator<Entry<String, String>> iterator() {
      Iterator<Entry<String, String>> a = first.entrySet().iterator();
      Iterator<Entry<String, String>> b = second.entrySet().iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return a.hasNext() || b.hasNext();
        }

        @Override
        public Entry<String, String> next() {
          if (a.hasNext()) {
            return a.next();
          }
          if (b.hasNext()) {
            return b.next();
          }
          throw new NoSuchElementException();
        }
      };
    }

    @Override
    public int size() {
      return first.size() + second.size();
    }
  }
}
