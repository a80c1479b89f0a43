package dev.confidant.pii.internal.mapping;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories only their owner may read: 0600 files in 0700 directories, created so from the start (not
 * changed afterwards), on file systems with POSIX permissions. Elsewhere (Windows) the platform's defaults apply.
 * Stateless.
 */
final class SecureFiles {
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private SecureFiles() {}

  /** Creates a directory and its missing parents as 0700; an existing one is left as it is. */
  static Path createDirectories(Path dir) throws IOException {
    return POSIX ? Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY))
        : Files.createDirectories(dir);
  }

  /** Makes an existing directory 0700. */
  static void restrict(Path dir) throws IOException {
    if (POSIX) {
      Files.setPosixFilePermissions(dir, DIRECTORY);
    }
  }

  /** A new empty 0600 file in {@code dir}, for writing before it is moved into place. */
  static Path createTempFile(Path dir) throws IOException {
    FileAttribute<?>[] attributes = POSIX
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    return Files.createTempFile(dir, "vault", ".tmp", attributes);
  }
}
