package dev.confidant.pii.internal.mapping;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.confidant.api.StorageException;
import dev.confidant.pii.spi.VaultKeyring;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The format of one conversation's vault file. Stateless.
 *
 * <pre>
 * header (17 bytes): "CFDV", version 1, last write (epoch ms, int64), entries (int32)
 * sealed:            key id (8 bytes), nonce (12 bytes), AES-256-GCM ciphertext of a JSON object of strings, tag (16)
 * </pre>
 *
 * The header is not encrypted, so that expiry and entry counts are read without the key, but it is authenticated:
 * the header and the conversation's identity (space, owner, thread) are the associated data of the seal, so a changed
 * header, a changed byte anywhere, or a file copied over another conversation's fails to open.
 */
final class VaultFile {
  static final String SUFFIX = ".vault";
  static final int HEADER_BYTES = 17;
  private static final byte[] MAGIC = {'C', 'F', 'D', 'V'};
  private static final byte VERSION = 1;
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {};

  private VaultFile() {}

  /** What a file's first bytes tell without the key. */
  record Header(long written, int entries, String keyId) {}

  /** The identity of a conversation as bytes: length-prefixed UTF-8 parts after a kind byte, never ambiguous. */
  static byte[] identity(char kind, String... parts) {
    byte[][] encoded = new byte[parts.length][];
    int size = 1;
    for (int i = 0; i < parts.length; i++) {
      encoded[i] = parts[i].getBytes(StandardCharsets.UTF_8);
      size += 4 + encoded[i].length;
    }
    ByteBuffer b = ByteBuffer.allocate(size).put((byte) kind);
    for (byte[] part : encoded) {
      b.putInt(part.length).put(part);
    }
    return b.array();
  }

  static byte[] encode(VaultKeyring keys, byte[] identity, long written, Map<String, String> entries) {
    byte[] header = ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).put(VERSION).putLong(written)
        .putInt(entries.size()).array();
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(entries);
    } catch (IOException e) {
      throw new IllegalStateException("a map of strings is JSON", e);
    }
    byte[] sealed = keys.seal(json, associatedData(header, identity));
    Arrays.fill(json, (byte) 0);
    return ByteBuffer.allocate(header.length + sealed.length).put(header).put(sealed).array();
  }

  /**
   * The header of a file's content.
   *
   * @throws StorageException if it is no vault file of this version
   */
  static Header header(Path file, byte[] bytes) {
    if (bytes.length < HEADER_BYTES + VaultKeyring.KEY_ID_BYTES
        || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length) || bytes[4] != VERSION) {
      throw new StorageException("PII vault file " + file + " is not a vault file of version " + VERSION, null);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, 5, 12);
    long written = b.getLong();
    int entries = b.getInt();
    return new Header(written, entries, VaultKeyring.keyIdOf(Arrays.copyOfRange(bytes, HEADER_BYTES,
        HEADER_BYTES + VaultKeyring.KEY_ID_BYTES)));
  }

  /**
   * The header of a file, reading its first bytes only; {@code null} if the file is gone.
   *
   * @throws StorageException if it cannot be read or is no vault file
   */
  static @Nullable Header readHeader(Path file) {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(HEADER_BYTES + VaultKeyring.KEY_ID_BYTES);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new StorageException("cannot read PII vault file " + file + ": " + e.getClass().getSimpleName(), e);
    }
    return header(file, head);
  }

  /**
   * The entries of a file's content.
   *
   * @throws StorageException if the file fails to open with the keyring (another key, changed bytes, another
   *     conversation's file) or does not hold what its header says
   */
  static Map<String, String> decode(VaultKeyring keys, byte[] identity, Path file, byte[] bytes) {
    Header header = header(file, bytes);
    byte[] json;
    try {
      json = keys.open(Arrays.copyOfRange(bytes, HEADER_BYTES, bytes.length),
          associatedData(Arrays.copyOf(bytes, HEADER_BYTES), identity));
    } catch (GeneralSecurityException e) {
      throw new StorageException("PII vault file " + file + " fails its integrity check (changed, sealed with a key "
          + "that is not configured, or another conversation's file): " + e.getMessage(), e);
    }
    try {
      Map<String, String> entries = JSON.readValue(json, STRING_MAP);
      if (entries.size() != header.entries() || entries.containsValue(null)) {
        throw new StorageException("PII vault file " + file + " holds " + entries.size() + " entries, its header says "
            + header.entries(), null);
      }
      return entries;
    } catch (JacksonException e) {
      // Not Jackson's message: it may quote the decrypted content.
      throw new StorageException("PII vault file " + file + " does not hold a JSON object of strings", e);
    } catch (IOException e) {
      throw new StorageException("cannot decode PII vault file " + file, e);
    } finally {
      Arrays.fill(json, (byte) 0);
    }
  }

  private static byte[] associatedData(byte[] header, byte[] identity) {
    return ByteBuffer.allocate(header.length + identity.length).put(header).put(identity).array();
  }
}
