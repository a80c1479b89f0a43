package dev.confidant.pii.internal.mapping;

import dev.confidant.pii.spi.MappingVault;
import dev.confidant.pii.spi.MappingVaults;
import dev.confidant.pii.spi.VaultKeyring;
import dev.confidant.pii.spi.VaultPolicy;
import dev.confidant.pii.testing.MappingVaultContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class DirectoryVaultContractTest extends MappingVaultContractTest {
  @TempDir Path dir;

  @Override
  protected MappingVault newVault(VaultPolicy policy) {
    return MappingVaults.directory(dir.resolve("vault"), VaultKeyring.generate(), policy);
  }
}
