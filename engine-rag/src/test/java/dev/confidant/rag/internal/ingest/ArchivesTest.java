package dev.confidant.rag.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ArchivesTest {
  private static final long MAX = 4 << 20; // XML parts at most 1 MiB

  /** A zip with one XML part of {@code xmlBytes} spaces and a small image part. */
  private static byte[] zip(int xmlBytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      zip.write(" ".repeat(xmlBytes).getBytes(StandardCharsets.US_ASCII));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("word/media/image1.png"));
      zip.write(new byte[1000]);
      zip.closeEntry();
    }
    return out.toByteArray();
  }

  @Test
  void theCentralDirectorysSizesAreRead() throws IOException {
    assertThat(Archives.declaredSizes(zip(5000))).containsExactly(6000, 5000);
    assertThat(Archives.declaredSizes(new byte[] {1, 2, 3})).as("no end record").isNull();
  }

  @Test
  void anArchiveThatSaysItUnpacksPastTheBoundIsRefused() throws IOException {
    assertThatThrownBy(() -> Archives.checkUnpacked(zip(2 << 20), MAX)).isInstanceOf(TooLargeException.class)
        .hasMessage("it unpacks to more than 1048576 bytes of XML (IngestLimits.maxUnpackedBytes: 4194304 bytes, "
            + "XML parts at most a quarter of it)");
    assertThatCode(() -> Archives.checkUnpacked(zip(1 << 20), MAX)).doesNotThrowAnyException();
  }

  @Test
  void anArchiveThatUnderstatesItsSizesIsRefusedWhileItIsInflated() throws IOException {
    byte[] lying = zip(2 << 20);
    // Every central directory entry claims 10 bytes uncompressed.
    ByteBuffer buf = ByteBuffer.wrap(lying).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i + 46 < lying.length; i++) {
      if (buf.getInt(i) == 0x02014b50) {
        buf.putInt(i + 24, 10);
      }
    }
    assertThat(Archives.declaredSizes(lying)).containsExactly(20, 10);

    assertThatThrownBy(() -> Archives.checkUnpacked(lying, MAX)).isInstanceOf(TooLargeException.class)
        .hasMessageStartingWith("it unpacks to more than 1048576 bytes of XML");
  }

  @Test
  void aRealDocumentPasses() {
    assertThatCode(() -> Archives.checkUnpacked(TestFiles.docx(), MAX)).doesNotThrowAnyException();
  }
}
