package dev.confidant.pii.internal.mapping;

import dev.confidant.api.StorageException;
import dev.confidant.pii.spi.MappingVault;
import dev.confidant.pii.spi.VaultKey;
import dev.confidant.pii.spi.VaultKeyring;
import dev.confidant.pii.spi.VaultPolicy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * {@link MappingVault} with one encrypted file per conversation ({@link VaultFile}), for single-node and on-prem
 * deployments; survives restarts.
 *
 * <p>Layout: {@code <root>/<space>/<owner>/<thread>.vault}, where each name is an HMAC-SHA256 of the ids under the
 * keyring's name key ({@link VaultKeyring#names}), so names reveal nothing about spaces, principals or threads and
 * cannot be computed without the key. Directories are created 0700 and files 0600. A write goes to a temporary file,
 * is forced to disk and moved into place, so a crash never leaves half a file.
 *
 * <p>Keys: files are written with the current key under the current key's names; a file written with a retired key
 * is read under that key's names and moved to the current key the next time the conversation is written.
 *
 * <p>Thread-safe within one JVM (two vaults on one directory, or two processes, are not coordinated): each owner's
 * directories are guarded by one of {@value #STRIPES} locks, a space's deletion holds them all. The entry totals of up
 * to {@value #TOTALS_CAPACITY} recently active owners are kept in memory; others are counted from the file headers
 * when needed. Expired files are deleted when touched and by a {@link DirectorySweep} that each call advances a little.
 */
public final class DirectoryVault implements MappingVault {
  static final int STRIPES = 64;
  static final int TOTALS_CAPACITY = 10_000;

  private final Path root;
  private final VaultKeyring keys;
  private final VaultPolicy policy;
  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
  private final OwnerTotals<Owner> totals = new OwnerTotals<>(TOTALS_CAPACITY);
  private final DirectorySweep sweep;

  private record Owner(String spaceId, String owner) {}

  /**
   * @throws StorageException if the directory exists and its permissions cannot be set to 0700
   */
  public DirectoryVault(Path root, VaultKeyring keys, VaultPolicy policy) {
    this.root = root.toAbsolutePath().normalize();
    this.keys = keys;
    this.policy = policy;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock();
    }
    if (Files.isDirectory(this.root)) {
      try {
        SecureFiles.restrict(this.root);
      } catch (IOException e) {
        throw new StorageException("cannot make the PII vault directory " + this.root + " private (0700): "
            + e.getClass().getSimpleName(), e);
      }
    }
    this.sweep = new DirectorySweep(this.root, policy, this::lockOf);
  }

  @Override
  public Map<String, String> load(VaultKey key) {
    sweep.step();
    Conversation c = new Conversation(key);
    for (Path file : c.files) {
      byte[] bytes = read(file);
      if (bytes == null) {
        continue;
      }
      if (policy.expired(VaultFile.header(file, bytes).written())) {
        try (Locked locked = lock(c.dirs)) {
          c.deleteExpired();
        }
        return Map.of();
      }
      return VaultFile.decode(keys, c.identity, file, bytes);
    }
    return Map.of();
  }

  @Override
  public void merge(VaultKey key, Map<String, String> entries) {
    if (entries.isEmpty()) {
      return;
    }
    sweep.step();
    Conversation c = new Conversation(key);
    try (Locked locked = lock(c.dirs)) {
      Stored stored = c.live();
      Map<String, String> existing = stored == null ? Map.of() : stored.entries;
      int added = VaultLimits.added(existing, entries);
      if (added == 0) {
        return;
      }
      policy.checkThreadSize(existing.size() + (long) added);
      long total = totals.get(c.owner).orElseGet(() -> count(c.dirs));
      if (total + added > policy.maxEntriesPerOwner()) {
        total = count(c.dirs); // the kept total is an upper bound: count what is alive
        policy.checkOwnerSize(total + added);
      }
      Map<String, String> merged = new LinkedHashMap<>(existing);
      entries.forEach(merged::putIfAbsent);
      c.write(merged, policy.clock().millis());
      totals.put(c.owner, total + added);
    }
  }

  @Override
  public boolean delete(VaultKey key) {
    sweep.step();
    Conversation c = new Conversation(key);
    try (Locked locked = lock(c.dirs)) {
      boolean live = false;
      for (Path file : c.files) {
        VaultFile.Header header = headerOrNull(file);
        if (deleteFile(file) && header != null) {
          live |= !policy.expired(header.written());
          totals.subtract(c.owner, header.entries());
        }
      }
      return live;
    }
  }

  @Override
  public boolean deletePlaceholder(VaultKey key, String placeholder) {
    sweep.step();
    Conversation c = new Conversation(key);
    try (Locked locked = lock(c.dirs)) {
      Stored stored = c.live();
      if (stored == null || !stored.entries.containsKey(placeholder)) {
        return false;
      }
      Map<String, String> rest = new LinkedHashMap<>(stored.entries);
      rest.remove(placeholder);
      if (rest.isEmpty()) {
        c.files.forEach(DirectoryVault::deleteFile);
      } else {
        c.write(rest, stored.written); // not a write that restarts the expiry
      }
      totals.subtract(c.owner, 1);
      return true;
    }
  }

  @Override
  public int deleteSpace(String spaceId) {
    List<Path> spaceDirs = keys.names(VaultFile.identity('S', spaceId)).stream().map(root::resolve).toList();
    for (ReentrantLock stripe : stripes) {
      stripe.lock();
    }
    try {
      int removed = 0;
      for (Path dir : spaceDirs) {
        removed += deleteTree(dir);
      }
      totals.removeIf(owner -> owner.spaceId().equals(spaceId));
      return removed;
    } finally {
      for (int i = STRIPES - 1; i >= 0; i--) {
        stripes[i].unlock();
      }
    }
  }

  /** One conversation's paths under every key (current key first) and its identity. */
  private final class Conversation {
    final Owner owner;
    final byte[] identity;
    final List<Path> dirs = new ArrayList<>();
    final List<Path> files = new ArrayList<>();

    Conversation(VaultKey key) {
      owner = new Owner(key.spaceId(), key.owner());
      identity = VaultFile.identity('T', key.spaceId(), key.owner(), key.threadId());
      List<String> spaceNames = keys.names(VaultFile.identity('S', key.spaceId()));
      List<String> ownerNames = keys.names(VaultFile.identity('O', key.spaceId(), key.owner()));
      List<String> threadNames = keys.names(identity);
      for (int i = 0; i < spaceNames.size(); i++) {
        Path dir = root.resolve(spaceNames.get(i)).resolve(ownerNames.get(i));
        dirs.add(dir);
        files.add(dir.resolve(threadNames.get(i) + VaultFile.SUFFIX));
      }
    }

    /** The stored mapping if it has not expired; expired files are deleted. Holds the owner's lock. */
    @Nullable Stored live() {
      for (Path file : files) {
        byte[] bytes = read(file);
        if (bytes == null) {
          continue;
        }
        VaultFile.Header header = VaultFile.header(file, bytes);
        if (policy.expired(header.written())) {
          deleteExpired();
          return null;
        }
        return new Stored(VaultFile.decode(keys, identity, file, bytes), header.written());
      }
      return null;
    }

    /** Deletes the files of this conversation that have expired. Holds the owner's lock. */
    void deleteExpired() {
      for (Path file : files) {
        VaultFile.Header header = headerOrNull(file);
        if (header != null && policy.expired(header.written()) && deleteFile(file)) {
          totals.subtract(owner, header.entries());
        }
      }
    }

    /** Writes the mapping with the current key and removes copies under retired keys. Holds the owner's lock. */
    void write(Map<String, String> entries, long written) {
      Path dir = dirs.get(0);
      Path tmp = null;
      try {
        SecureFiles.createDirectories(dir);
        tmp = SecureFiles.createTempFile(dir);
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ByteBuffer bytes = ByteBuffer.wrap(VaultFile.encode(keys, identity, written, entries));
          while (bytes.hasRemaining()) {
            out.write(bytes);
          }
          out.force(true);
        }
        Files.move(tmp, files.get(0), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        tmp = null;
      } catch (IOException e) {
        // The message names the file, never the values.
        throw new StorageException("cannot write PII vault file " + files.get(0) + ": " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
      } finally {
        if (tmp != null) {
          deleteFile(tmp);
        }
      }
      for (Path older : files.subList(1, files.size())) {
        deleteFile(older);
      }
    }
  }

  private record Stored(Map<String, String> entries, long written) {}

  /** The live entries in an owner's directories (under every key), deleting expired files on the way. */
  private long count(List<Path> ownerDirs) {
    long total = 0;
    for (Path dir : ownerDirs) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + VaultFile.SUFFIX)) {
        for (Path file : files) {
          VaultFile.Header header = headerOrNull(file);
          if (header == null) {
            continue;
          }
          if (policy.expired(header.written())) {
            deleteFile(file);
          } else {
            total += header.entries();
          }
        }
      } catch (NoSuchFileException e) {
        // no conversation under this key
      } catch (IOException e) {
        throw new StorageException("cannot list PII vault directory " + dir + ": " + e.getClass().getSimpleName(), e);
      }
    }
    return total;
  }

  private static VaultFile.@Nullable Header headerOrNull(Path file) {
    try {
      return VaultFile.readHeader(file);
    } catch (StorageException e) {
      return null; // unreadable or foreign: counted as nothing, reported when its conversation is loaded
    }
  }

  private static byte @Nullable [] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new StorageException("cannot read PII vault file " + file + ": " + e.getClass().getSimpleName(), e);
    }
  }

  /** Deletes a file; whether it existed. */
  private static boolean deleteFile(Path file) {
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new StorageException("cannot delete PII vault file " + file + ": " + e.getClass().getSimpleName(), e);
    }
  }

  /** Deletes a directory tree; how many vault files it held. */
  private static int deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      int files = 0;
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (p.getFileName().toString().endsWith(VaultFile.SUFFIX)) {
          files++;
        }
        Files.deleteIfExists(p);
      }
      return files;
    } catch (IOException e) {
      throw new StorageException("cannot delete PII vault directory " + dir + ": " + e.getClass().getSimpleName(), e);
    }
  }

  private static int stripeOf(Path ownerDir) {
    return Math.floorMod(ownerDir.toString().hashCode(), STRIPES);
  }

  private ReentrantLock lockOf(Path ownerDir) {
    return stripes[stripeOf(ownerDir)];
  }

  /** Holds the locks of some owner directories, taken in ascending stripe order so that no two callers deadlock. */
  private final class Locked implements AutoCloseable {
    private final List<ReentrantLock> held = new ArrayList<>();

    Locked(List<Path> ownerDirs) {
      TreeSet<Integer> order = new TreeSet<>();
      for (Path dir : ownerDirs) {
        order.add(stripeOf(dir));
      }
      for (int i : order) {
        stripes[i].lock();
        held.add(stripes[i]);
      }
    }

    @Override
    public void close() {
      for (int i = held.size() - 1; i >= 0; i--) {
        held.get(i).unlock();
      }
    }
  }

  private Locked lock(List<Path> ownerDirs) {
    return new Locked(ownerDirs);
  }

  @Override
  public String toString() {
    return "DirectoryVault[" + root + ", keys=" + keys + "]";
  }
}
