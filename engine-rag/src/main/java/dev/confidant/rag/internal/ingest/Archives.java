package dev.confidant.rag.internal.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Checks what an Office Open XML file (DOCX, PPTX, XLSX: a zip archive) unpacks to before a parser opens it: Apache
 * POI reads every part into memory and parses the XML parts into trees of about ten times their size, so a 670 KB
 * file whose XML inflates to 60 MB cost 40 s and 0.7 GB of heap. Stateless and thread-safe.
 */
final class Archives {
  private Archives() {}

  /**
   * Refuses an archive whose central directory declares more than the bound (at once, without inflating anything),
   * then inflates every part, counting, and stops at the first byte past the bound (sizes can be forged).
   *
   * @param maxUnpacked the most bytes all parts may inflate to; the XML parts at most a quarter of it
   * @throws TooLargeException if the parts inflate (or say they inflate) to more
   * @throws IOException if the archive is broken
   */
  static void checkUnpacked(byte[] zip, long maxUnpacked) throws IOException {
    long maxXml = Math.max(1, maxUnpacked / 4);
    long[] declared = declaredSizes(zip);
    if (declared != null && (declared[0] > maxUnpacked || declared[1] > maxXml)) {
      throw tooLarge(declared[1] > maxXml, maxUnpacked, maxXml);
    }
    long total = 0;
    long xml = 0;
    byte[] buffer = new byte[64 * 1024];
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        String name = entry.getName().toLowerCase(Locale.ROOT);
        boolean isXml = name.endsWith(".xml") || name.endsWith(".rels");
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          total += n;
          xml += isXml ? n : 0;
          if (total > maxUnpacked || xml > maxXml) {
            throw tooLarge(xml > maxXml, maxUnpacked, maxXml);
          }
        }
      }
    }
  }

  private static TooLargeException tooLarge(boolean byXml, long maxUnpacked, long maxXml) {
    return new TooLargeException("it unpacks to more than " + (byXml ? maxXml + " bytes of XML" : maxUnpacked
        + " bytes") + " (IngestLimits.maxUnpackedBytes: " + maxUnpacked + " bytes, XML parts at most a quarter of it)");
  }

  /**
   * The uncompressed sizes the central directory declares, all parts and XML parts, or {@code null} if it cannot be
   * read simply (no end record, ZIP64): the inflating check decides then.
   */
  static long @Nullable [] declaredSizes(byte[] zip) {
    ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    int end = -1;
    for (int i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xFFFF); i--) {
      if (buf.getInt(i) == 0x06054b50) {
        end = i;
        break;
      }
    }
    if (end < 0) {
      return null;
    }
    int entries = Short.toUnsignedInt(buf.getShort(end + 10));
    long offset = Integer.toUnsignedLong(buf.getInt(end + 16));
    long total = 0;
    long xml = 0;
    for (int n = 0; n < entries; n++) {
      if (offset < 0 || offset + 46 > zip.length || buf.getInt((int) offset) != 0x02014b50) {
        return null;
      }
      int at = (int) offset;
      long size = Integer.toUnsignedLong(buf.getInt(at + 24));
      int nameLength = Short.toUnsignedInt(buf.getShort(at + 28));
      if (size == 0xFFFFFFFFL || at + 46 + nameLength > zip.length) {
        return null;
      }
      String name = new String(zip, at + 46, nameLength, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
      total += size;
      xml += name.endsWith(".xml") || name.endsWith(".rels") ? size : 0;
      offset += 46L + nameLength + Short.toUnsignedInt(buf.getShort(at + 30))
          + Short.toUnsignedInt(buf.getShort(at + 32));
    }
    return new long[] {total, xml};
  }
}
