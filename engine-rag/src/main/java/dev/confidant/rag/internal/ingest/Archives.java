package dev.confidant.rag.internal.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Checks what an Office Open XML file (DOCX, PPTX, XLSX: a zip archive) unpacks to before a parser opens it: Apache
 * POI reads every part into memory and parses the XML parts into trees of about ten times their size, so a 670 KB
 * file whose XML inflates to 60 MB cost 40 s and 0.7 GB of heap. Stateless and thread-safe.
 */
final class Archives {
  private Archives() {}

  /**
   * Inflates every part, counting, and stops at the first byte past the bound.
   *
   * @param maxUnpacked the most bytes all parts may inflate to; the XML parts at most a quarter of it
   * @throws TooLargeException if the parts inflate to more
   * @throws IOException if the archive is broken
   */
  static void checkUnpacked(byte[] zip, long maxUnpacked) throws IOException {
    long maxXml = Math.max(1, maxUnpacked / 4);
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
            throw new TooLargeException("it unpacks to more than " + (xml > maxXml ? maxXml + " bytes of XML"
                : maxUnpacked + " bytes") + " (IngestLimits.maxUnpackedBytes: " + maxUnpacked + " bytes, XML parts "
                + "at most a quarter of it)");
          }
        }
      }
    }
  }
}
