package dev.confidant.server.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of bearer tokens. Stateless and thread-safe. */
public final class TokenHashes {
  private TokenHashes() {}

  /** The SHA-256 of the token's UTF-8 bytes. */
  public static byte[] sha256(String token) {
    try {
      // A new digest per call: MessageDigest is not thread-safe, and hashing a token is cheap.
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The SHA-256 of the token as lower-case hex. */
  public static String sha256Hex(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }
}
