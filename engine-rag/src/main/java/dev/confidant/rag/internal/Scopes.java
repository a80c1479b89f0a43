package dev.confidant.rag.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Derives ids from principals and thread ids, which may hold any character. */
public final class Scopes {
  private Scopes() {}

  /**
   * A string usable inside an id: itself when it is made of id characters, else its safe characters plus a hash
   * of the original, so that two different principals never share a space.
   */
  public static String safe(String raw) {
    if (raw.matches("[A-Za-z0-9._-]{1,80}") && !raw.contains("..")) {
      return raw;
    }
    String cleaned = raw.replaceAll("[^A-Za-z0-9_-]", "_");
    cleaned = cleaned.substring(0, Math.min(cleaned.length(), 40));
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8));
      return cleaned + "_" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
