package dev.confidant.pii.spi;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret keys a vault encrypts its values with and keys its names (file names, row ids) with: one current key,
 * which seals everything written, and retired keys, which still open what they sealed. Immutable and thread-safe.
 * {@link #toString()} shows key ids only, never key material.
 *
 * <p>Each key is 32 random bytes (e.g. {@code openssl rand -base64 32}). From it, HKDF-SHA256 (RFC 5869, expand
 * step) derives an AES-256-GCM key, an HMAC-SHA256 key for names and a public key id (16 hex digits) that sealed
 * data carries, so that data sealed with a retired key is opened with that key.
 *
 * <p>Rotation: make the new key current and pass the old one as retired. New writes use the new key; data sealed with
 * the old one stays readable and is re-sealed when next written. Once a vault's time to live has passed since the
 * rotation, nothing sealed with the old key is alive any more and it can be dropped.
 *
 * {@snippet class=dev.confidant.pii.PiiSnippets region=keyring}
 */
public final class VaultKeyring {
  /** The length of a key in bytes. */
  public static final int KEY_BYTES = 32;
  /** The length of a key id in bytes, as sealed data carries it (16 hex digits as text). */
  public static final int KEY_ID_BYTES = 8;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Current key first. */
  private final List<Key> keys;

  private VaultKeyring(List<Key> keys) {
    this.keys = List.copyOf(keys);
  }

  /**
   * A keyring whose only key is {@code current}.
   *
   * @throws IllegalArgumentException if the key is not {@value #KEY_BYTES} bytes
   */
  public static VaultKeyring of(byte[] current) {
    return new VaultKeyring(List.of(Key.of(current)));
  }

  /** A keyring with a fresh random key (for tests and for a server that generates its own). */
  public static VaultKeyring generate() {
    return of(randomKey());
  }

  /** {@value #KEY_BYTES} random bytes from a {@link SecureRandom}. */
  public static byte[] randomKey() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }

  /**
   * A keyring from base64 text (standard or URL-safe alphabet, padding optional).
   *
   * @param current the current key
   * @param retired older keys, still used to open what they sealed
   * @throws IllegalArgumentException if a key is not base64 of {@value #KEY_BYTES} bytes, or a retired key repeats
   *     another; the message says which key (by position), never its text
   */
  public static VaultKeyring fromBase64(String current, List<String> retired) {
    VaultKeyring ring = of(decode(current, "the current vault key"));
    for (int i = 0; i < retired.size(); i++) {
      ring = ring.withRetired(decode(retired.get(i), "retired vault key " + (i + 1)));
    }
    return ring;
  }

  /**
   * This keyring with one more retired key.
   *
   * @throws IllegalArgumentException if the key is not {@value #KEY_BYTES} bytes or is already in the ring
   */
  public VaultKeyring withRetired(byte[] retired) {
    Key key = Key.of(retired);
    if (keys.stream().anyMatch(k -> k.id.equals(key.id))) {
      throw new IllegalArgumentException("vault key " + key.id + " is already in the keyring");
    }
    List<Key> all = new ArrayList<>(keys);
    all.add(key);
    return new VaultKeyring(all);
  }

  /** The id of the current key: 16 hex digits, derived from the key, safe to show. */
  public String currentKeyId() {
    return keys.get(0).id;
  }

  /** The ids of all keys, the current one first. */
  public List<String> keyIds() {
    return keys.stream().map(k -> k.id).toList();
  }

  /**
   * Encrypts with the current key (AES-256-GCM, a random 96-bit nonce per call).
   *
   * @param associatedData bound to the result without being encrypted: {@link #open} must be given the same bytes
   *     (e.g. the id of the conversation, so that sealed data moved to another one fails to open)
   * @return key id ({@value #KEY_ID_BYTES} bytes), nonce (12 bytes), ciphertext and 16-byte tag
   */
  public byte[] seal(byte[] plaintext, byte[] associatedData) {
    Key key = keys.get(0);
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, key.aes, new GCMParameterSpec(TAG_BITS, nonce));
      aes.updateAAD(associatedData);
      byte[] sealed = aes.doFinal(plaintext);
      return ByteBuffer.allocate(KEY_ID_BYTES + NONCE_BYTES + sealed.length)
          .put(key.idBytes).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from the JDK", e);
    }
  }

  /**
   * Decrypts what {@link #seal} returned, with whichever key of this ring sealed it.
   *
   * @throws GeneralSecurityException if the key that sealed it is not in this ring, or the data or the associated
   *     data were changed (authentication fails); the message never holds the data
   */
  public byte[] open(byte[] sealed, byte[] associatedData) throws GeneralSecurityException {
    if (sealed.length < KEY_ID_BYTES + NONCE_BYTES + TAG_BITS / 8) {
      throw new GeneralSecurityException("sealed data is too short (" + sealed.length + " bytes)");
    }
    String id = HexFormat.of().formatHex(sealed, 0, KEY_ID_BYTES);
    Key key = keys.stream().filter(k -> k.id.equals(id)).findFirst().orElseThrow(() ->
        new GeneralSecurityException("sealed with vault key " + id + ", which is not in the keyring " + keyIds()));
    Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
    aes.init(Cipher.DECRYPT_MODE, key.aes, new GCMParameterSpec(TAG_BITS, sealed, KEY_ID_BYTES, NONCE_BYTES));
    aes.updateAAD(associatedData);
    return aes.doFinal(sealed, KEY_ID_BYTES + NONCE_BYTES, sealed.length - KEY_ID_BYTES - NONCE_BYTES);
  }

  /** The key id that sealed data carries (without opening it), as {@link #currentKeyId()} shows ids. */
  public static String keyIdOf(byte[] sealed) {
    return HexFormat.of().formatHex(sealed, 0, Math.min(KEY_ID_BYTES, sealed.length));
  }

  /**
   * Names of a value under each key, the current key first: HMAC-SHA256 with the key's name key, as 64 hex digits.
   * A name reveals nothing about the value without the key, and differs between keys.
   */
  public List<String> names(byte[] value) {
    List<String> names = new ArrayList<>(keys.size());
    for (Key key : keys) {
      names.add(HexFormat.of().formatHex(hmac(key.names, value)));
    }
    return names;
  }

  @Override
  public String toString() {
    return "VaultKeyring[current=" + currentKeyId() + ", retired=" + keyIds().subList(1, keys.size()) + "]";
  }

  private static byte[] decode(String text, String what) {
    requireNonNull(text, what);
    String t = text.strip();
    byte[] key;
    try {
      key = t.indexOf('-') >= 0 || t.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(t)
          : Base64.getDecoder().decode(t);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is not base64; make one with `openssl rand -base64 32`");
    }
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(what + " must be " + KEY_BYTES + " bytes, was " + key.length
          + "; make one with `openssl rand -base64 32`");
    }
    return key;
  }

  /** HKDF-Expand (RFC 5869) of one block: the input key is already uniformly random, so it serves as the PRK. */
  private static byte[] derive(byte[] key, String label) {
    byte[] info = (label + "\u0001").getBytes(StandardCharsets.UTF_8);
    return hmac(new SecretKeySpec(key, "HmacSHA256"), info);
  }

  private static byte[] hmac(SecretKeySpec key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is missing from the JDK", e);
    }
  }

  /** One key's derived keys and id; the key material itself is not kept. */
  private static final class Key {
    final String id;
    final byte[] idBytes;
    final SecretKeySpec aes;
    final SecretKeySpec names;

    private Key(byte[] key) {
      idBytes = Arrays.copyOf(derive(key, "confidant-vault key-id"), KEY_ID_BYTES);
      id = HexFormat.of().formatHex(idBytes);
      aes = new SecretKeySpec(derive(key, "confidant-vault aes-256-gcm"), "AES");
      names = new SecretKeySpec(derive(key, "confidant-vault names"), "HmacSHA256");
    }

    static Key of(byte[] key) {
      requireNonNull(key, "key");
      if (key.length != KEY_BYTES) {
        throw new IllegalArgumentException("a vault key must be " + KEY_BYTES + " bytes, was " + key.length);
      }
      byte[] copy = key.clone();
      try {
        return new Key(copy);
      } finally {
        Arrays.fill(copy, (byte) 0);
      }
    }
  }
}
