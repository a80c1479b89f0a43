package dev.confidant.pii.spi;

import dev.confidant.pii.internal.mapping.DirectoryVault;
import dev.confidant.pii.internal.mapping.InMemoryVault;
import java.nio.file.Path;

/** Built-in {@link MappingVault}s. Stateless factory; the vaults it returns are thread-safe. */
public final class MappingVaults {
  private MappingVaults() {}

  /** A vault in this JVM's heap with the {@linkplain VaultPolicy#defaults() default policy}. */
  public static MappingVault inMemory() {
    return inMemory(VaultPolicy.defaults());
  }

  /**
   * A vault in this JVM's heap; mappings are lost on restart. Thread-safe. It holds at most
   * {@link VaultPolicy#maxEntriesPerOwner()} entries per owner and space.
   */
  public static MappingVault inMemory(VaultPolicy policy) {
    return new InMemoryVault(policy);
  }

  /** A directory vault (see {@link #directory(Path, VaultKeyring, VaultPolicy)}) with the default policy. */
  public static MappingVault directory(Path directory, VaultKeyring keys) {
    return directory(directory, keys, VaultPolicy.defaults());
  }

  /**
   * A vault that keeps one encrypted file per conversation under a directory (created 0700 if missing, made 0700 if
   * present), for single-node and on-prem deployments. Values are sealed with the keyring's current key
   * (AES-256-GCM), file and directory names are HMAC-SHA256 of the ids under the keyring, files are 0600, written
   * atomically and survive restarts. A file that was changed, sealed with a key not in the keyring or copied over
   * another conversation's fails to load with a {@link dev.confidant.api.StorageException}. Thread-safe within one
   * JVM; give each directory to one vault.
   *
   * @throws dev.confidant.api.StorageException if the directory exists and cannot be made private
   */
  public static MappingVault directory(Path directory, VaultKeyring keys, VaultPolicy policy) {
    return new DirectoryVault(directory, keys, policy);
  }
}
