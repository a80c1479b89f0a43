package dev.confidant.pii.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.spi.MappingVault;
import dev.confidant.pii.spi.MappingVaults;
import dev.confidant.pii.spi.VaultKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultTest {
  private static final VaultKey KEY = new VaultKey("space_1", "alice", "thread/1\"x");

  @Test
  void inMemoryVaultKeepsFirstBinding() {
    MappingVault v = MappingVaults.inMemory();
    v.merge(KEY, Map.of("[NAME_1]", "Anna"));
    v.merge(KEY, Map.of("[NAME_1]", "Eve", "[NAME_2]", "Bob"));
    assertThat(v.load(KEY)).containsExactlyInAnyOrderEntriesOf(Map.of("[NAME_1]", "Anna", "[NAME_2]", "Bob"));
    assertThat(v.load(new VaultKey("space_2", "alice", "thread/1\"x"))).isEmpty();
    assertThat(v.load(new VaultKey("space_1", "bob", "thread/1\"x"))).as("another owner's thread").isEmpty();
    assertThat(v.toString()).doesNotContain("Anna");
  }

  @Test
  void directoryVaultSurvivesARestart(@TempDir Path dir) throws Exception {
    MappingVault first = MappingVaults.directory(dir.resolve("vault"));
    first.merge(KEY, Map.of("[NAME_1]", "Anna \"Ann\" Weber\n", "[EMAIL_1]", "a@b.org"));
    MappingVault second = MappingVaults.directory(dir.resolve("vault"));
    assertThat(second.load(KEY)).containsEntry("[NAME_1]", "Anna \"Ann\" Weber\n").containsEntry("[EMAIL_1]",
        "a@b.org");
    try (var files = Files.list(dir.resolve("vault"))) {
      assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.matches("[0-9a-f]{64}\\.json"));
    }
  }

  @Test
  void directoryVaultMergesConcurrentlyWithoutLosingEntries(@TempDir Path dir) throws Exception {
    MappingVault v = MappingVaults.directory(dir);
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < 40; i++) {
        int n = i;
        pool.submit(() -> v.merge(KEY, Map.of("[NAME_" + n + "]", "v" + n)));
      }
    }
    assertThat(v.load(KEY)).hasSize(40);
  }
}
