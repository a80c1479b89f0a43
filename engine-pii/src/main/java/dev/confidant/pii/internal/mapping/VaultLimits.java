package dev.confidant.pii.internal.mapping;

import dev.confidant.api.InvalidRequestException;
import dev.confidant.pii.spi.VaultPolicy;
import java.util.List;
import java.util.Map;

/** The entry limits of {@link VaultPolicy}, shared by the built-in vaults. Stateless. */
final class VaultLimits {
  /** The violation type of a full vault. */
  static final String TYPE = "vault_full";

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

  /** @throws InvalidRequestException if a thread would hold more than the policy allows */
  static void checkThread(VaultPolicy policy, long sizeAfter) {
    if (sizeAfter > policy.maxEntriesPerThread()) {
      throw InvalidRequestException.of(List.of("thread_id"), "this thread's PII mapping would hold " + sizeAfter
          + " entries, more than the " + policy.maxEntriesPerThread() + " a thread may hold; start a new thread "
          + "or delete this one's mapping", TYPE);
    }
  }

  /** @throws InvalidRequestException if an owner's threads in a space would hold more than the policy allows */
  static void checkOwner(VaultPolicy policy, long totalAfter) {
    if (totalAfter > policy.maxEntriesPerOwner()) {
      throw InvalidRequestException.of(List.of("thread_id"), "your PII mappings in this space would hold "
          + totalAfter + " entries, more than the " + policy.maxEntriesPerOwner() + " one caller may hold across "
          + "threads; delete the mappings of threads you no longer need", TYPE);
    }
  }
}
