package dev.confidant.pii.internal.mapping;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An immutable placeholder-to-value map in insertion order that prepares its own {@link PlaceholderTable} on first
 * use, so restoring many texts with the same result mapping builds the table once. Thread-safe (immutable; the
 * table is built at most a few times under a race and published whole).
 */
public final class FrozenMap extends AbstractMap<String, String> {
  private final Map<String, String> entries;
  private volatile @Nullable PlaceholderTable table;

  private FrozenMap(Map<String, String> entries) {
    this.entries = Collections.unmodifiableMap(entries);
  }

  /** An immutable copy of {@code map} in its iteration order; {@code map} itself if it is one. */
  public static FrozenMap copyOf(Map<String, String> map) {
    return map instanceof FrozenMap f ? f : new FrozenMap(new LinkedHashMap<>(map));
  }

  /** Wraps a map nobody else holds (no copy). */
  static FrozenMap owning(LinkedHashMap<String, String> entries) {
    return new FrozenMap(entries);
  }

  /** The lookup of these placeholders, built on first use. */
  public PlaceholderTable table() {
    PlaceholderTable t = table;
    if (t == null) {
      t = PlaceholderTable.ofPlaceholders(entries);
      table = t;
    }
    return t;
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return entries.entrySet();
  }

  @Override
  public @Nullable String get(Object key) {
    return entries.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return entries.containsKey(key);
  }

  @Override
  public int size() {
    return entries.size();
  }
}
