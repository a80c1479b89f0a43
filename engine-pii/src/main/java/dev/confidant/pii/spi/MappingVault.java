package dev.confidant.pii.spi;

import java.util.Map;

/**
 * Stores placeholder-to-value mappings per conversation so that a value gets the same placeholder in every turn, and
 * forgets them again: on request ({@code delete*}) and after a time without writes (expiry).
 *
 * <p>Contract (checked for every implementation by {@code dev.confidant.pii.testing.MappingVaultContractTest} in
 * engine-pii's test jar):
 * <ul>
 *   <li>Thread-safe. Values are personal data: never logged, never in exception messages or {@code toString()}.
 *   <li>A mapping expires once its {@link VaultPolicy#timeToLive()} has passed since its last write that changed
 *       it: {@link #load} then returns nothing, and the implementation removes the data (lazily or in the background,
 *       with bounded work per call).
 *   <li>Bounded: a merge that would take a conversation above {@link VaultPolicy#maxEntriesPerThread()}, or an
 *       owner's conversations in a space together above {@link VaultPolicy#maxEntriesPerOwner()}, fails and writes
 *       nothing. Expired and deleted entries do not count.
 *   <li>A delete is final: a later {@link #load} of what it removed returns nothing (until new entries are merged).
 *       A request still under way may merge what it added after the delete; that is new data, not a restore.
 * </ul>
 *
 * <p>Built in: {@link MappingVaults#inMemory()} and {@link MappingVaults#directory}. A cluster backs this with a
 * shared store (PostgreSQL); it may use {@link VaultKeyring} to encrypt values and key its row ids.
 */
public interface MappingVault {

  /**
   * The mapping stored for a conversation: placeholder (e.g. {@code [NAME_1]}) to value; empty if none or expired.
   * The map is immutable or a copy: changing it never changes the vault.
   *
   * @throws dev.confidant.api.StorageException if the store cannot be read, or its data fails an integrity check
   */
  Map<String, String> load(VaultKey key);

  /**
   * Adds entries to a conversation's mapping and restarts its expiry. Existing placeholders keep their values
   * (first writer wins), so concurrent turns never rebind a placeholder; entries already present change nothing.
   *
   * @throws dev.confidant.api.InvalidRequestException (violation at {@code thread_id}, type {@code vault_full}) if
   *     the conversation or its owner would exceed the policy's entry limits; nothing is then written
   * @throws dev.confidant.api.StorageException if the store cannot be read or written; nothing is then written
   */
  void merge(VaultKey key, Map<String, String> entries);

  /**
   * Deletes one conversation's mapping (one thread of one owner in one space).
   *
   * @return whether a mapping that had not expired was removed
   * @throws dev.confidant.api.StorageException if the store cannot be written
   */
  boolean delete(VaultKey key);

  /**
   * Deletes one entry of a conversation's mapping; its value is then masked anew (possibly under the same
   * placeholder) the next time it appears.
   *
   * @param placeholder the placeholder exactly as stored, e.g. {@code [NAME_1]}
   * @return whether the entry existed (in a mapping that had not expired) and was removed
   * @throws dev.confidant.api.StorageException if the store cannot be read or written
   */
  boolean deletePlaceholder(VaultKey key, String placeholder);

  /**
   * Deletes every mapping of a space: every thread of every owner.
   *
   * @param spaceId the space ({@code ""}: the mappings of requests without a space)
   * @return how many conversations were removed (expired ones that were still stored included)
   * @throws dev.confidant.api.StorageException if the store cannot be written
   */
  int deleteSpace(String spaceId);
}
