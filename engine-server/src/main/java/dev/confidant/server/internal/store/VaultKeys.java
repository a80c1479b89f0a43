package dev.confidant.server.internal.store;

import dev.confidant.api.EngineConfigException;
import dev.confidant.pii.spi.VaultKeyring;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys of the server's PII vault: {@value #KEY_ENV} (32 random bytes, base64) and, after a rotation, the
 * previous keys in {@value #RETIRED_ENV} (comma-separated). Without {@value #KEY_ENV} the server uses, or on first
 * start generates, {@code <storage-dir>/}{@value #KEY_FILE} (0600) and says so in its log: fine for development, but
 * a key next to the data it protects only guards against copies of single files. Stateless.
 */
public final class VaultKeys {
  /** The environment variable holding the current key. */
  public static final String KEY_ENV = "CONFIDANT_VAULT_KEY";
  /** The environment variable holding retired keys, comma-separated, still used to read what they wrote. */
  public static final String RETIRED_ENV = "CONFIDANT_VAULT_RETIRED_KEYS";
  /** The generated key's file name in the storage directory. */
  public static final String KEY_FILE = "vault.key";
  private static final System.Logger LOG = System.getLogger(VaultKeys.class.getName());
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private VaultKeys() {}

  /**
   * The keyring from the environment, else from (or into) the storage directory's key file.
   *
   * @throws EngineConfigException if a key is malformed, or the key file is readable by others or cannot be made
   */
  public static VaultKeyring resolve(Path storageDir, Map<String, String> env) {
    List<String> retired = Arrays.stream(env.getOrDefault(RETIRED_ENV, "").split(","))
        .map(String::strip).filter(k -> !k.isEmpty()).toList();
    String current = env.get(KEY_ENV);
    String source = KEY_ENV;
    if (current == null || current.isBlank()) {
      Path file = storageDir.resolve(KEY_FILE);
      current = readOrCreate(file);
      source = file.toString();
    }
    try {
      return VaultKeyring.fromBase64(current, retired);
    } catch (IllegalArgumentException e) {
      // The library's message names the key by position, never its text.
      throw new EngineConfigException(source + " / " + RETIRED_ENV + ": " + e.getMessage(), e);
    }
  }

  /**
   * The keyring from the environment alone, for a vault that several nodes share: a key file on one node's disk
   * would not be the others'.
   *
   * @throws EngineConfigException if {@value #KEY_ENV} is missing or a key is malformed
   */
  public static VaultKeyring fromEnvironment(Map<String, String> env) {
    String current = env.get(KEY_ENV);
    if (current == null || current.isBlank()) {
      throw new EngineConfigException("storage.postgres keeps the PII vault in PostgreSQL, shared by every node: set "
          + KEY_ENV + " (32 random bytes, base64: openssl rand -base64 32) to the same key on every node");
    }
    List<String> retired = Arrays.stream(env.getOrDefault(RETIRED_ENV, "").split(","))
        .map(String::strip).filter(k -> !k.isEmpty()).toList();
    try {
      return VaultKeyring.fromBase64(current, retired);
    } catch (IllegalArgumentException e) {
      throw new EngineConfigException(KEY_ENV + " / " + RETIRED_ENV + ": " + e.getMessage(), e);
    }
  }

  private static String readOrCreate(Path file) {
    try {
      Files.createDirectories(file.getParent(), directoryAttributes());
      try {
        String key = Base64.getEncoder().encodeToString(VaultKeyring.randomKey());
        Files.writeString(file, key + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
        if (POSIX) {
          Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        LOG.log(Level.WARNING, "No " + KEY_ENV + " is set: generated a PII vault key in " + file + " (0600). Anyone "
            + "who can read the storage directory can read the vault; for production set " + KEY_ENV + " (32 random "
            + "bytes, base64: openssl rand -base64 32) and keep the key elsewhere.");
        return key;
      } catch (FileAlreadyExistsException e) {
        if (POSIX && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
          throw new EngineConfigException("the PII vault key file " + file + " may be read by others ("
              + PosixFilePermissions.toString(Files.getPosixFilePermissions(file)) + "); chmod 600 it");
        }
        LOG.log(Level.WARNING, "No " + KEY_ENV + " is set: the PII vault key is read from " + file
            + "; for production set " + KEY_ENV + " and keep the key elsewhere.");
        return Files.readString(file, StandardCharsets.US_ASCII);
      }
    } catch (IOException e) {
      throw new EngineConfigException("cannot read or create the PII vault key file " + file + ": " + e.getMessage()
          + "; check storage-dir and its permissions, or set " + KEY_ENV, e);
    }
  }

  private static FileAttribute<?>[] directoryAttributes() {
    return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------"))} : new FileAttribute<?>[0];
  }
}
