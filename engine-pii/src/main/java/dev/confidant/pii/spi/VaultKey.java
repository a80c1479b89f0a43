package dev.confidant.pii.spi;

import static java.util.Objects.requireNonNull;

/**
 * Identifies one conversation's mapping: a thread within a space. Immutable.
 *
 * @param spaceId the space id, or the empty string for requests without a space
 * @param threadId the thread id
 */
public record VaultKey(String spaceId, String threadId) {
  public VaultKey {
    requireNonNull(spaceId, "spaceId");
    requireNonNull(threadId, "threadId");
  }
}
