package dev.confidant.rag.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an index leaves on disk: nobody but the owner may read the text of uploaded documents. */
class PrivateDirectoryTest {
  @TempDir Path tmp;

  @Test
  void indexFilesAre0600In0700Directories() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    Path data = tmp.resolve("data");
    Files.createDirectories(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    SpaceIndex.createPrivateDirectories(data);
    try (SpaceIndex index = new SpaceIndex(data.resolve("space_1"), "test/3")) {
      for (int i = 0; i < 3; i++) {
        index.write(w -> {
          Document doc = new Document();
          doc.add(new TextField("text", "Clara Fischer lives at Hauptstraße 5", Field.Store.YES));
          w.addDocument(doc);
          return null;
        });
      }
      List<Path> all;
      try (Stream<Path> walk = Files.walk(data)) {
        all = walk.toList();
      }
      assertThat(all.stream().filter(Files::isRegularFile).count()).as("segments, commit, lock").isGreaterThan(3);
      for (Path p : all) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as("%s", data.relativize(p))
            .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
      }
    }
  }
}
