package dev.confidant.pii.internal.mapping;

import dev.confidant.pii.PlaceholderStyle;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
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

  private FrozenMap(Map<String, String> first, Map<String, String> second) {
    this.first = first;
    this.second = second;
    this.entries = second.isEmpty() ? first.entrySet() : new Concatenation();
  }

  /** An immutable copy of {@code map} in its iteration order; {@code map} itself if it is one. */
  public static FrozenMap copyOf(Map<String, String> map) {
    return map instanceof FrozenMap f ? f : owning(new LinkedHashMap<>(map));
  }

  /** Wraps a map nobody will change again (no copy). */
  static FrozenMap owning(LinkedHashMap<String, String> entries) {
    return new FrozenMap(Collections.unmodifiableMap(entries), Map.of());
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
