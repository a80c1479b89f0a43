package dev.confidant.pii;

import static java.util.Objects.requireNonNull;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An immutable copy of a string map that keeps its source's iteration order ({@link Map#copyOf} does not: its order
 * changes from one JVM run to the next). Copying one again returns it as is, so copies of
 * {@link Pseudonymization} do not copy a large mapping each time. {@link #toString()} shows the size only: the values
 * are personal data.
 */
final class OrderedMap extends AbstractMap<String, String> {
  private final Map<String, String> entries;

  private OrderedMap(Map<String, String> entries) {
    this.entries = entries;
  }

  static Map<String, String> copyOf(Map<String, String> source) {
    if (source instanceof OrderedMap) {
      return source;
    }
    if (source.isEmpty()) {
      return Map.of();
    }
    LinkedHashMap<String, String> copy = LinkedHashMap.newLinkedHashMap(source.size());
    source.forEach((key, value) -> copy.put(requireNonNull(key, "mapping key"), requireNonNull(value, "mapping value")));
    return new OrderedMap(Collections.unmodifiableMap(copy));
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

  @Override
  public String toString() {
    return "{" + entries.size() + " entries}";
  }
}
