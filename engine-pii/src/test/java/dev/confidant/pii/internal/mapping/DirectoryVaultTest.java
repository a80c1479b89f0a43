package dev.confidant.pii.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.confidant.api.StorageException;
import dev.confidant.pii.spi.MappingVault;
import dev.confidant.pii.spi.MappingVaults;
import dev.confidant.pii.spi.VaultKey;
import dev.confidant.pii.spi.VaultKeyring;
import dev.confidant.pii.spi.VaultPolicy;
import dev.confidant.pii.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the directory vault keeps on disk, attacked the way someone who can read or write its files would. */
class DirectoryVaultTest {
  private static final VaultKey KEY = new VaultKey("space_1", "alice", "thread/1\"x");
  private static final Map<String, String> SECRET = Map.of("[NAME_1]", "Clara Fischer", "[EMAIL_1]",
      "clara.fischer@example.org");

  @TempDir Path tmp;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final VaultKeyring keys = VaultKeyring.generate();

  private Path dir() {
    return tmp.resolve("vault");
  }

  private MappingVault vault(VaultKeyring ring) {
    return MappingVaults.directory(dir(), ring, VaultPolicy.defaults().withClock(clock));
  }

  private List<Path> files(String suffix) throws IOException {
    try (Stream<Path> all = Files.walk(dir())) {
      return all.filter(p -> p.toString().endsWith(suffix)).toList();
    }
  }

  @Test
  void survivesARestartWithTheSameKey() {
    vault(keys).merge(KEY, SECRET);
    assertThat(vault(keys).load(KEY)).isEqualTo(SECRET);
  }

  @Test
  void nothingOnDiskShowsAValueOrAnId() throws IOException {
    vault(keys).merge(KEY, SECRET);
    try (Stream<Path> all = Files.walk(dir())) {
      for (Path p : all.toList()) {
        assertThat(dir().relativize(p).toString()).doesNotContain("space_1", "alice", "thread");
        if (Files.isRegularFile(p)) {
          assertThat(p.getFileName().toString()).matches("[0-9a-f]{64}\\.vault");
          String content = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
          assertThat(content).doesNotContain("Clara", "Fischer", "clara.fischer", "NAME_1", "alice", "space_1");
        }
      }
    }
  }

  @Test
  void namesAreKeyedSoAnotherKeyFindsNothing() {
    vault(keys).merge(KEY, SECRET);
    assertThat(vault(VaultKeyring.generate()).load(KEY)).isEmpty();
  }

  @Test
  void directoriesAre0700AndFiles0600() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    vault(keys).merge(KEY, SECRET);
    try (Stream<Path> all = Files.walk(dir())) {
      for (Path p : all.toList()) {
        String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        assertThat(perms).as("%s", p).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
      }
    }
  }

  @Test
  void anExistingOpenDirectoryIsMadePrivate() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    Files.createDirectories(dir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    vault(keys);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir()))).isEqualTo("rwx------");
  }

  @Test
  void aChangedByteAnywhereIsRejectedNotRestored() throws IOException {
    vault(keys).merge(KEY, SECRET);
    Path file = files(VaultFile.SUFFIX).get(0);
    byte[] original = Files.readAllBytes(file);
    // The write time (extending the expiry), the entry count, the key id, the nonce, the ciphertext, the tag.
    for (int i : new int[] {6, 15, 18, 27, 45, original.length - 1}) {
      byte[] changed = original.clone();
      changed[i] ^= 1;
      Files.write(file, changed);
      assertThatThrownBy(() -> vault(keys).load(KEY)).as("byte %d", i).isInstanceOf(StorageException.class)
          .hasMessageNotContaining("Clara");
      assertThatThrownBy(() -> vault(keys).merge(KEY, Map.of("[NAME_2]", "x"))).isInstanceOf(StorageException.class);
    }
    Files.write(file, original);
    assertThat(vault(keys).load(KEY)).isEqualTo(SECRET);
  }

  @Test
  void anotherConversationsFileCopiedInPlaceIsRejected() throws IOException {
    MappingVault v = vault(keys);
    VaultKey mallory = new VaultKey("space_1", "mallory", "thread/1\"x");
    v.merge(mallory, Map.of("[NAME_1]", "Mallory"));
    Path malloryFile = files(VaultFile.SUFFIX).get(0);
    v.merge(KEY, SECRET);
    Path aliceFile = files(VaultFile.SUFFIX).stream().filter(p -> !p.equals(malloryFile)).findFirst().orElseThrow();

    // Alice's file placed where Mallory's conversation is looked up: the identity is sealed in, so it fails.
    Files.copy(aliceFile, malloryFile, StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> v.load(mallory)).isInstanceOf(StorageException.class)
        .hasMessageContaining("integrity");
  }

  @Test
  void aFileSealedWithAForeignKeyIsRejected() throws IOException {
    VaultKeyring foreign = VaultKeyring.generate();
    vault(foreign).merge(KEY, SECRET);
    Path foreignFile = files(VaultFile.SUFFIX).get(0);
    byte[] foreignBytes = Files.readAllBytes(foreignFile);
    vault(keys).merge(KEY, Map.of("[NAME_9]", "x"));
    Path ownFile = files(VaultFile.SUFFIX).stream().filter(p -> !p.equals(foreignFile)).findFirst().orElseThrow();

    Files.write(ownFile, foreignBytes);

    assertThatThrownBy(() -> vault(keys).load(KEY)).isInstanceOf(StorageException.class)
        .hasMessageContaining(foreign.currentKeyId()).hasMessageContaining("not in the keyring");
  }

  @Test
  void rotatedKeysStillReadOldFilesAndMoveThemToTheNewKeyOnWrite() throws IOException {
    byte[] oldKey = VaultKeyring.randomKey();
    byte[] newKey = VaultKeyring.randomKey();
    vault(VaultKeyring.of(oldKey)).merge(KEY, SECRET);
    VaultKeyring rotated = VaultKeyring.of(newKey).withRetired(oldKey);

    assertThat(vault(rotated).load(KEY)).isEqualTo(SECRET);
    assertThat(vault(VaultKeyring.of(newKey)).load(KEY)).as("not yet written with the new key").isEmpty();

    vault(rotated).merge(KEY, Map.of("[NAME_2]", "Jonas"));

    assertThat(files(VaultFile.SUFFIX)).hasSize(1);
    assertThat(vault(VaultKeyring.of(newKey)).load(KEY)).containsEntry("[NAME_1]", "Clara Fischer")
        .containsEntry("[NAME_2]", "Jonas");
    assertThat(vault(VaultKeyring.of(oldKey)).load(KEY)).isEmpty();
  }

  @Test
  void expiredFilesAreDeletedWhenTouchedAndByTheSweep() throws IOException {
    MappingVault v = vault(keys);
    v.merge(KEY, SECRET);
    Path touched = files(VaultFile.SUFFIX).get(0);
    for (int i = 0; i < 5; i++) {
      v.merge(new VaultKey("space_" + i, "bob", "t"), Map.of("[NAME_1]", "Bob " + i));
    }
    clock.advance(VaultPolicy.DEFAULT_TIME_TO_LIVE);

    assertThat(v.load(KEY)).isEmpty();
    assertThat(touched).doesNotExist();

    VaultKey unrelated = new VaultKey("space_x", "carol", "t");
    for (int i = 0; i < 100 && !(files(VaultFile.SUFFIX).isEmpty() && ownerDirs().isEmpty()); i++) {
      v.load(unrelated);
    }
    assertThat(files(VaultFile.SUFFIX)).as("swept while serving other calls").isEmpty();
    assertThat(ownerDirs()).as("empty owner directories").isEmpty();
  }

  private List<Path> ownerDirs() throws IOException {
    try (Stream<Path> dirs = Files.walk(dir(), 2)) {
      return dirs.filter(p -> dir().relativize(p).getNameCount() == 2).toList();
    }
  }

  @Test
  void temporaryFilesOfAnUnfinishedWriteAreSweptOnceStale() throws IOException {
    MappingVault v = vault(keys);
    v.merge(KEY, SECRET);
    Path ownerDir = files(VaultFile.SUFFIX).get(0).getParent();
    Path leftover = Files.writeString(ownerDir.resolve("vault123.tmp"), "half a file");
    Files.setLastModifiedTime(leftover, FileTime.from(clock.instant()));
    for (int i = 0; i < 20; i++) {
      v.load(KEY);
    }
    assertThat(leftover).as("not stale yet").exists();

    clock.advance(DirectorySweep.STALE_TEMP.plus(Duration.ofSeconds(1)));
    for (int i = 0; i < 20 && Files.exists(leftover); i++) {
      v.load(KEY);
    }

    assertThat(leftover).doesNotExist();
    assertThat(v.load(KEY)).isEqualTo(SECRET);
  }
}
