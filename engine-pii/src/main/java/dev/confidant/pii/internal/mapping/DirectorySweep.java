package dev.confidant.pii.internal.mapping;

import dev.confidant.api.StorageException;
import dev.confidant.pii.spi.VaultPolicy;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Deletes expired vault files, temporary files a crash left behind and empty owner directories, a few at a time:
 * each {@link #step()} checks at most {@value #BUDGET} files or directories (a directory is listed at once), so a
 * request pays a small bounded cost. It walks the tree breadth-first and starts again at the root when done (at most
 * once per step). Thread-safe: a step is skipped while another thread runs one.
 */
final class DirectorySweep {
  static final int BUDGET = 8;
  /** A temporary file this old was left by a write that never finished. */
  static final Duration STALE_TEMP = Duration.ofHours(1);
  private static final System.Logger LOG = System.getLogger(DirectorySweep.class.getName());

  private final Path root;
  private final VaultPolicy policy;
  private final Function<Path, ReentrantLock> lockOfOwnerDir;
  private final ReentrantLock running = new ReentrantLock();
  /** Guarded by {@link #running}. */
  private final ArrayDeque<Path> dirs = new ArrayDeque<>();
  /** Guarded by {@link #running}. */
  private final ArrayDeque<Path> files = new ArrayDeque<>();

  /** @param lockOfOwnerDir the lock a vault holds while it changes an owner directory */
  DirectorySweep(Path root, VaultPolicy policy, Function<Path, ReentrantLock> lockOfOwnerDir) {
    this.root = root;
    this.policy = policy;
    this.lockOfOwnerDir = lockOfOwnerDir;
  }

  void step() {
    if (!running.tryLock()) {
      return;
    }
    try {
      boolean restarted = false;
      for (int budget = BUDGET; budget > 0; budget--) {
        Path file = files.poll();
        if (file != null) {
          visit(file);
          continue;
        }
        Path dir = dirs.poll();
        if (dir == null) {
          if (restarted) {
            return;
          }
          restarted = true;
          dir = root;
        }
        list(dir);
      }
    } catch (IOException | RuntimeException e) {
      // Never the caller's failure: the next step tries again; names only, no content.
      LOG.log(Level.WARNING, "PII vault sweep: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      running.unlock();
    }
  }

  private void list(Path dir) throws IOException {
    boolean empty = true;
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        empty = false;
        (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS) ? dirs : files).add(child);
      }
    } catch (NoSuchFileException e) {
      return;
    }
    Path parent = dir.getParent();
    if (empty && parent != null && root.equals(parent.getParent())) {
      // An owner directory whose conversations are all gone; space directories stay until the space is deleted.
      withLock(dir, () -> {
        try {
          Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
          // a conversation was written meanwhile
        }
      });
    }
  }

  private void visit(Path file) throws IOException {
    String name = file.getFileName().toString();
    if (name.endsWith(".tmp")) {
      try {
        if (Files.getLastModifiedTime(file).toMillis() + STALE_TEMP.toMillis() < policy.clock().millis()) {
          withLock(file.getParent(), () -> Files.deleteIfExists(file));
        }
      } catch (NoSuchFileException e) {
        // moved into place meanwhile
      }
      return;
    }
    if (!name.endsWith(VaultFile.SUFFIX) || !expired(file)) {
      return;
    }
    withLock(file.getParent(), () -> {
      if (expired(file)) { // again under the lock: a merge may have rewritten it
        Files.deleteIfExists(file);
      }
    });
  }

  private boolean expired(Path file) {
    try {
      VaultFile.Header header = VaultFile.readHeader(file);
      return header != null && policy.expired(header.written());
    } catch (StorageException e) {
      return false; // not ours to judge: loading that conversation reports it
    }
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private void withLock(Path ownerDir, IoAction action) throws IOException {
    ReentrantLock lock = lockOfOwnerDir.apply(ownerDir);
    lock.lock();
    try {
      action.run();
    } finally {
      lock.unlock();
    }
  }
}
