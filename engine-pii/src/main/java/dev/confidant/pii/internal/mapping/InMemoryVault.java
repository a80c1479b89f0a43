package dev.confidant.pii.internal.mapping;

import dev.confidant.pii.spi.MappingVault;
import dev.confidant.pii.spi.VaultKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link MappingVault} in the heap. Thread-safe: each conversation's map is updated atomically. */
public final class InMemoryVault implements MappingVault {
  private final ConcurrentHashMap<VaultKey, Map<String, String>> store = new ConcurrentHashMap<>();

  @Override
  public Map<String, String> load(VaultKey key) {
    Map<String, String> m = store.get(key);
    return m == null ? Map.of() : m;
  }

  @Override
  public void merge(VaultKey key, Map<String, String> entries) {
    if (entries.isEmpty()) {
      return;
    }
    store.compute(key, (k, old) -> {
      Map<String, String> m = old == null ? new LinkedHashMap<>() : new LinkedHashMap<>(old);
      entries.forEach(m::putIfAbsent);
      // Published maps are never mutated, so load() can hand them out without copying.
      return java.util.Collections.unmodifiableMap(m);
    });
  }

  @Override
  public String toString() {
    return "InMemoryVault[" + store.size() + " conversations]";
  }
}
