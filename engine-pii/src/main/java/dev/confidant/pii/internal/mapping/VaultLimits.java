package dev.confidant.pii.internal.mapping;

import dev.confidant.pii.spi.VaultPolicy;
import java.util.Map;

/** What the built-in vaults share around the entry limits of {@link VaultPolicy}. Stateless. */
final class VaultLimits {
  private VaultLimits() {}

  /** How many of {@code entries} are placeholders that {@code existing} does not bind yet. */
  static int added(Map<String, String> existing, Map<String, String> entries) {
    int n = 0;
    for (String placeholder : entries.keySet()) {
      if (!existing.containsKey(placeholder)) {
        n++;
      }
    }
    return n;
  }
}
