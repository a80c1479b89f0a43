package dev.confidant.rag.internal;

import dev.confidant.rag.DocumentInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Source ids derived from content, for documents ingested without one: {@code src_} and the first 80 bits of the
 * SHA-256 of the collection id and the document's bytes (a text's title and text). The same content ingested into
 * the same collection again gets the same id, so it replaces the earlier version instead of adding a second
 * document; the same content in another collection is another document. Stateless and thread-safe.
 */
final class ContentIds {
  private static final int HEX_DIGITS = 20;

  private ContentIds() {}

  /**
   * The id of a document's content in a collection.
   *
   * @throws UncheckedIOException if a file cannot be read
   */
  static String of(String collectionId, DocumentInput input) {
    MessageDigest sha = sha256();
    sha.update(collectionId.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    switch (input) {
      case DocumentInput.FileInput f -> {
        try (InputStream in = Files.newInputStream(f.path())) {
          byte[] buffer = new byte[64 * 1024];
          for (int n; (n = in.read(buffer)) > 0; ) {
            sha.update(buffer, 0, n);
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + f.path(), e);
        }
      }
      case DocumentInput.BytesInput b -> sha.update(b.bytes());
      case DocumentInput.TextInput t -> {
        sha.update(t.title().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(t.text().getBytes(StandardCharsets.UTF_8));
      }
    }
    return "src_" + HexFormat.of().formatHex(sha.digest()).substring(0, HEX_DIGITS);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
