package dev.confidant.rag.internal.index;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.Lock;

/**
 * A Lucene directory whose files only their owner may read: every file Lucene creates (segments, temporary files,
 * the write lock) is made 0600 as soon as it exists, in a directory created 0700. Lucene creates files with the
 * process umask (usually 0644); the 0700 directory keeps others out even in the moment before the change. Uploaded
 * documents are personal data, and the index holds their text. On file systems without POSIX permissions this
 * changes nothing. Thread-safe as the directory it wraps.
 */
final class PrivateDirectory extends FilterDirectory {
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private final Path path;

  PrivateDirectory(FSDirectory in) {
    super(in);
    this.path = in.getDirectory();
  }

  /** Creates a directory and its missing parents as 0700, and makes {@code dir} itself 0700 if it exists. */
  static Path createDirectories(Path dir) throws IOException {
    if (!POSIX) {
      return Files.createDirectories(dir);
    }
    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
    Files.setPosixFilePermissions(dir, DIRECTORY);
    return dir;
  }

  @Override
  public IndexOutput createOutput(String name, IOContext context) throws IOException {
    IndexOutput out = super.createOutput(name, context);
    restrict(name);
    return out;
  }

  @Override
  public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
    IndexOutput out = super.createTempOutput(prefix, suffix, context);
    restrict(out.getName());
    return out;
  }

  @Override
  public Lock obtainLock(String name) throws IOException {
    Lock lock = super.obtainLock(name);
    restrict(name);
    return lock;
  }

  private void restrict(String name) throws IOException {
    if (POSIX) {
      try {
        Files.setPosixFilePermissions(path.resolve(name), FILE);
      } catch (NoSuchFileException e) {
        // deleted meanwhile (a temporary file): nothing left to protect
      }
    }
  }
}
