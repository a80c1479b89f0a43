package dev.confidant.pii.spi;

import dev.confidant.pii.internal.mapping.DirectoryVault;
import dev.confidant.pii.internal.mapping.InMemoryVault;
import java.nio.file.Path;

/** Built-in {@link MappingVault}s. Stateless factory; the vaults it returns are thread-safe. */
public final class MappingVaults {
  private MappingVaults() {}

  /** A vault in this JVM's heap; mappings are lost on restart. Thread-safe. */
  public static MappingVault inMemory() {
    return new InMemoryVault();
  }

  /**
   * A vault that keeps one file per conversation under a directory (created if missing), for single-node and
   * on-prem deployments. Files are written atomically and survive restarts. Thread-safe within one JVM.
   */
  public static MappingVault directory(Path directory) {
    return new DirectoryVault(directory);
  }
}
