package dev.confidant.pii.internal.mapping;

import dev.confidant.pii.spi.MappingVault;
import dev.confidant.pii.spi.MappingVaults;
import dev.confidant.pii.spi.VaultPolicy;
import dev.confidant.pii.testing.MappingVaultContractTest;

class InMemoryVaultContractTest extends MappingVaultContractTest {
  @Override
  protected MappingVault newVault(VaultPolicy policy) {
    return MappingVaults.inMemory(policy);
  }
}
