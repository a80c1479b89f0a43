package dev.confidant.pii.internal.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.confidant.api.StorageException;
import dev.confidant.pii.spi.MappingVault;
import dev.confidant.pii.spi.VaultKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link MappingVault} with one JSON file per conversation, named by a SHA-256 of space, owner and thread id (ids may
 * hold any characters). Writes go to a temporary file that is moved into place, so a crash never leaves half a
 * file. Thread-safe within one JVM: merges of one conversation are serialized.
 */
public final class DirectoryVault implements MappingVault {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {};
  private final Path directory;
  private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

  public DirectoryVault(Path directory) {
    this.directory = directory;
  }

  @Override
  public Map<String, String> load(VaultKey key) {
    Path file = file(key);
    synchronized (lock(file)) {
      return read(file);
    }
  }

  @Override
  public void merge(VaultKey key, Map<String, String> entries) {
    if (entries.isEmpty()) {
      return;
    }
    Path file = file(key);
    synchronized (lock(file)) {
      Map<String, String> m = new LinkedHashMap<>(read(file));
      entries.forEach(m::putIfAbsent);
      try {
        Files.createDirectories(directory);
        Path tmp = Files.createTempFile(directory, "vault", ".tmp");
        Files.write(tmp, JSON.writeValueAsBytes(m));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // The message names the file, never the values.
        throw new StorageException("cannot write PII vault file " + file + ": " + e.getClass().getSimpleName(), e);
      }
    }
  }

  private Object lock(Path file) {
    return locks.computeIfAbsent(file.getFileName().toString(), f -> new Object());
  }

  private static Map<String, String> read(Path file) {
    if (!Files.exists(file)) {
      return Map.of();
    }
    try {
      return JSON.readValue(Files.readAllBytes(file), STRING_MAP);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      // Not Jackson's message: it may quote the file's content (personal data).
      throw new StorageException("corrupt PII vault file " + file + ": not a JSON object of strings at "
          + e.getLocation().offsetDescription(), e);
    } catch (IOException e) {
      throw new StorageException("cannot read PII vault file " + file + ": " + e.getClass().getSimpleName(), e);
    }
  }

  private Path file(VaultKey key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(key.spaceId().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(key.owner().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(key.threadId().getBytes(StandardCharsets.UTF_8));
      return directory.resolve(HexFormat.of().formatHex(sha.digest()) + ".json");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  @Override
  public String toString() {
    return "DirectoryVault[" + directory + "]";
  }
}
