package dev.confidant.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.LimitExceededException;
import dev.confidant.rag.internal.ingest.TestFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingestion bombs of the attack pass, each against {@link IngestLimits}: a document past a per-document limit
 * fails with a reason naming it (the other documents of its request are indexed), a full queue refuses a request
 * whole, and a slow document in one space does not hold up another space.
 */
class IngestionLimitsTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private static RagOptions options(IngestLimits limits) {
    return RagOptions.defaults().withIngestLimits(limits);
  }

  private static DocumentStatus ingestOne(KnowledgeBase kb, String name, byte[] bytes) {
    kb.ensureCollection("s", "c");
    DocumentInput input = new DocumentInput.BytesInput(name, DocumentFormat.fromFileName(name).orElseThrow(), bytes,
        null);
    return kb.ingest("s", "c", List.of(input), IngestionListener.NONE).await(WAIT).get(0);
  }

  @Test
  void anOfficeFileThatUnpacksPastTheLimitFailsBeforeItIsParsed() throws IOException {
    byte[] bomb = docxWithPaddedXml(8 << 20); // about 8 KB on disk, 8 MB of XML once unpacked
    assertThat(bomb.length).isLessThan(100_000);
    try (KnowledgeBase kb = KnowledgeBase.open(dir, new HashingEmbedder(),
        options(IngestLimits.defaults().withMaxUnpackedBytes(4 << 20)))) {
      DocumentStatus status = ingestOne(kb, "bomb.docx", bomb);
      DocumentStatus normal = ingestOne(kb, "travel.docx", TestFiles.docx());

      assertThat(status.state()).isEqualTo(DocumentStatus.State.FAILED);
      assertThat(status.reason()).startsWith("bomb.docx is too large to ingest: it unpacks to more than")
          .contains("IngestLimits.maxUnpackedBytes");
      assertThat(normal.state()).isEqualTo(DocumentStatus.State.INDEXED);
    }
  }

  @Test
  void aCsvThatMakesTooManyChunksFailsBeforeItIsEmbedded() {
    StringBuilder csv = new StringBuilder("name,notes\n");
    for (int i = 0; i < 400; i++) {
      csv.append("person").append(i).append(",").append("word ".repeat(60)).append('\n');
    }
    try (KnowledgeBase kb = KnowledgeBase.open(dir, new HashingEmbedder(),
        options(IngestLimits.defaults().withMaxChunksPerDocument(50)))) {
      DocumentStatus status = ingestOne(kb, "staff.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

      assertThat(status.state()).isEqualTo(DocumentStatus.State.FAILED);
      assertThat(status.reason()).matches("staff\\.csv is too large to ingest: it makes \\d+ chunks; the limit is 50 "
          + "per document \\(IngestLimits.maxChunksPerDocument\\)");
    }
  }

  @Test
  void textPastTheCharacterLimitFailsAndSpreadsheetsStopWhileTheyAreRead() throws IOException {
    try (KnowledgeBase kb = KnowledgeBase.open(dir, new HashingEmbedder(),
        options(IngestLimits.defaults().withMaxExtractedChars(5_000)))) {
      DocumentStatus text = ingestOne(kb, "long.txt", "many words here ".repeat(1_000).getBytes(
          StandardCharsets.UTF_8));
      DocumentStatus sheet = ingestOne(kb, "rows.xlsx", xlsx(2_000));
      DocumentStatus fits = ingestOne(kb, "short.txt", "a short note".getBytes(StandardCharsets.UTF_8));

      assertThat(text.reason()).isEqualTo("long.txt is too large to ingest: its text has 16003 characters; the limit "
          + "is 5000 per document (IngestLimits.maxExtractedChars)");
      assertThat(sheet.reason()).isEqualTo("rows.xlsx is too large to ingest: its text passes 5000 characters "
          + "(IngestLimits.maxExtractedChars)");
      assertThat(fits.state()).isEqualTo(DocumentStatus.State.INDEXED);
    }
  }

  @Test
  void aLongHeadingIsCutInEveryChunkAndIndexedOnceWhole() {
    String heading = "Heading " + "lengthy ".repeat(20_000) + "zanzibar"; // about 160 KB
    StringBuilder md = new StringBuilder("# ").append(heading).append("\n\n");
    for (int i = 0; i < 60; i++) {
      md.append("Paragraph ").append(i).append(' ').append("filler text ".repeat(40)).append("\n\n");
    }
    try (KnowledgeBase kb = KnowledgeBase.open(dir, new HashingEmbedder(), RagOptions.defaults())) {
      DocumentStatus status = ingestOne(kb, "notes.md", md.toString().getBytes(StandardCharsets.UTF_8));
      List<SearchHit> hits = kb.search(SearchQuery.of("s", "filler paragraph").withMode(SearchMode.BM25).withK(100));
      List<SearchHit> whole = kb.search(SearchQuery.of("s", "zanzibar").withMode(SearchMode.BM25).withK(100));

      assertThat(status.state()).isEqualTo(DocumentStatus.State.INDEXED);
      assertThat(status.chunks()).isGreaterThan(20);
      assertThat(hits).hasSizeGreaterThan(20);
      int max = IngestLimits.defaults().maxHeadingChars();
      // The title (the first heading) and the heading path are each cut: no chunk repeats 160 KB.
      assertThat(hits).allSatisfy(h -> assertThat(h.title().length()).isLessThanOrEqualTo(2 * max + 3));
      assertThat(hits.get(0).title()).startsWith("Heading lengthy").contains("\u2026");
      // The heading's end is still found: its whole text is indexed once, in its section's first chunk.
      assertThat(whole).hasSize(1);
    }
  }

  @Test
  void aDocumentThatParsesPastTheTimeLimitFailsWithoutHoldingTheOthers() throws IOException {
    try (KnowledgeBase kb = KnowledgeBase.open(dir, new HashingEmbedder(),
        options(IngestLimits.defaults().withParseTimeout(Duration.ofMillis(1))))) {
      kb.ensureCollection("s", "c");
      List<DocumentStatus> statuses = kb.ingest("s", "c", List.of(
          new DocumentInput.BytesInput("long.pdf", DocumentFormat.PDF, pdf(150), null),
          new DocumentInput.BytesInput("long2.pdf", DocumentFormat.PDF, pdf(151), null)),
          IngestionListener.NONE).await(WAIT);

      assertThat(statuses).allSatisfy(s -> {
        assertThat(s.state()).isEqualTo(DocumentStatus.State.FAILED);
        assertThat(s.reason()).endsWith("is too large to ingest: parsing took longer than 1 ms "
            + "(IngestLimits.parseTimeout)");
      });
    }
  }

  @Test
  void aFullQueueRefusesARequestWholeAndWritesNothing() throws Exception {
    GatedEmbedder embedder = new GatedEmbedder("SLOW");
    IngestLimits limits = IngestLimits.defaults().withWorkers(1).withQueue(2, 1 << 20, 1 << 20);
    try (KnowledgeBase kb = KnowledgeBase.open(dir, embedder, options(limits).withCommitBatchDocuments(1))) {
      kb.ensureCollection("a", "c");
      kb.ensureCollection("b", "c");
      IngestionJob slow = kb.ingest("a", "c", List.of(DocumentInput.ofText("slow", "t", "SLOW words")),
          IngestionListener.NONE);
      embedder.awaitHeld(); // the only worker holds it; the queue of space a is empty again
      IngestionJob queued = kb.ingest("a", "c", List.of(DocumentInput.ofText("q1", "t", "one"),
          DocumentInput.ofText("q2", "t", "two")), IngestionListener.NONE);

      assertThatThrownBy(() -> kb.ingest("a", "c", List.of(DocumentInput.ofText("q3", "t", "three")),
          IngestionListener.NONE))
          .isInstanceOf(LimitExceededException.class)
          .hasMessageContaining("space 'a' has 2 documents waiting")
          .hasMessageContaining("IngestLimits.maxQueuedDocumentsPerSpace")
          .satisfies(e -> assertThat(((LimitExceededException) e).retryAfter()).isPositive());
      assertThat(kb.documentStatus("a", "q3")).as("nothing written for a refused request").isEmpty();
      IngestionJob otherSpace = kb.ingest("b", "c", List.of(DocumentInput.ofText("b1", "t", "bee")),
          IngestionListener.NONE);

      embedder.open();
      assertThat(slow.await(WAIT)).extracting(DocumentStatus::state).containsOnly(DocumentStatus.State.INDEXED);
      assertThat(queued.await(WAIT)).extracting(DocumentStatus::state).containsOnly(DocumentStatus.State.INDEXED);
      assertThat(otherSpace.await(WAIT)).extracting(DocumentStatus::state)
          .containsOnly(DocumentStatus.State.INDEXED);
    }
  }

  @Test
  void aSlowDocumentInOneSpaceDoesNotHoldUpAnotherSpace() throws Exception {
    GatedEmbedder embedder = new GatedEmbedder("SLOW");
    IngestLimits limits = IngestLimits.defaults().withWorkers(2);
    try (KnowledgeBase kb = KnowledgeBase.open(dir, embedder, options(limits).withCommitBatchDocuments(1))) {
      kb.ensureCollection("a", "c");
      kb.ensureCollection("b", "c");
      List<DocumentInput> backlog = new ArrayList<>();
      backlog.add(DocumentInput.ofText("slow", "t", "SLOW words"));
      for (int i = 0; i < 20; i++) {
        backlog.add(DocumentInput.ofText("a" + i, "t", "document " + i));
      }
      IngestionJob a = kb.ingest("a", "c", backlog, IngestionListener.NONE);
      embedder.awaitHeld();

      // Space a's slow document holds one worker and its backlog waits behind it; space b gets the other worker.
      List<DocumentStatus> b = kb.ingest("b", "c", List.of(DocumentInput.ofText("b1", "t", "small")),
          IngestionListener.NONE).await(WAIT);

      assertThat(b).extracting(DocumentStatus::state).containsExactly(DocumentStatus.State.INDEXED);
      assertThat(a.statuses()).extracting(DocumentStatus::state).containsOnly(DocumentStatus.State.PENDING);
      embedder.open();
      assertThat(a.await(WAIT)).extracting(DocumentStatus::state).containsOnly(DocumentStatus.State.INDEXED);
    }
  }

  /** The DOCX of {@link TestFiles#docx()} with an XML comment of {@code padding} bytes in its main part. */
  static byte[] docxWithPaddedXml(int padding) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(TestFiles.docx()));
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        byte[] content = in.readAllBytes();
        if (entry.getName().equals("word/document.xml")) {
          String xml = new String(content, StandardCharsets.UTF_8);
          int end = xml.indexOf("?>") + 2;
          content = (xml.substring(0, end) + "<!--" + " ".repeat(padding) + "-->" + xml.substring(end))
              .getBytes(StandardCharsets.UTF_8);
        }
        zip.putNextEntry(new ZipEntry(entry.getName()));
        zip.write(content);
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static byte[] xlsx(int rows) throws IOException {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet sheet = book.createSheet("Rows");
      for (int r = 0; r < rows; r++) {
        XSSFRow row = sheet.createRow(r);
        row.createCell(0).setCellValue("row " + r);
        row.createCell(1).setCellValue("some text in a cell");
      }
      book.write(out);
      return out.toByteArray();
    }
  }

  private static byte[] pdf(int pages) throws IOException {
    List<String> texts = new ArrayList<>();
    for (int p = 0; p < pages; p++) {
      texts.add("Page " + p + " of a long report about the weather.");
    }
    return TestFiles.pdf("Long report", texts);
  }
}
