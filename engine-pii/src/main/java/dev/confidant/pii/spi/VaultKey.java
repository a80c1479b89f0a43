package dev.confidant.pii.spi;

import static java.util.Objects.requireNonNull;

/**
 * Identifies one conversation's mapping: a thread of one owner within a space. Immutable.
 *
 * <p>The owner is part of the key so that a mapping is only ever read by the principal whose requests wrote it:
 * thread ids are chosen by clients and can be guessed, so a key of space and thread alone would let another caller
 * (in the same space, or in none) have someone else's values restored. Two principals naming the same thread id
 * get two unrelated mappings.
 *
 * @param spaceId the space id, or the empty string for requests without a space
 * @param owner the principal the thread belongs to (the authenticated caller)
 * @param threadId the thread id
 */
public record VaultKey(String spaceId, String owner, String threadId) {
  public VaultKey {
    requireNonNull(spaceId, "spaceId");
    requireNonNull(owner, "owner");
    requireNonNull(threadId, "threadId");
    if (owner.isEmpty()) {
      throw new IllegalArgumentException("owner must not be empty");
    }
  }
}
