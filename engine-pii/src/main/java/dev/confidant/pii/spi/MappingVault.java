package dev.confidant.pii.spi;

import java.util.Map;

/**
 * Stores placeholder-to-value mappings per conversation so that a value gets the same placeholder in every turn.
 * Implementations must be thread-safe; a cluster backs this with a shared store (Redis, PostgreSQL). Values are
 * personal data: implementations must never log them or put them in exception messages.
 *
 * <p>Built in: {@link MappingVaults#inMemory()} and {@link MappingVaults#directory(java.nio.file.Path)}.
 */
public interface MappingVault {

  /**
   * The mapping stored for a conversation: placeholder (e.g. {@code [NAME_1]}) to value; empty if none.
   *
   * @throws dev.confidant.api.StorageException if the store cannot be read
   */
  Map<String, String> load(VaultKey key);

  /**
   * Adds entries to a conversation's mapping. Existing placeholders keep their values (first writer wins), so
   * concurrent turns never rebind a placeholder.
   *
   * @throws dev.confidant.api.StorageException if the store cannot be read or written; nothing is then written
   */
  void merge(VaultKey key, Map<String, String> entries);
}
