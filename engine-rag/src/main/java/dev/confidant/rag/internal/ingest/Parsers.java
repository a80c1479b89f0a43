package dev.confidant.rag.internal.ingest;

import dev.confidant.rag.DocumentFormat;
import dev.confidant.rag.IngestLimits;
import dev.confidant.rag.internal.chunk.ParsedDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Dispatches to the parser of a format. Stateless and thread-safe. */
public final class Parsers {
  private Parsers() {}

  /**
   * Parses a file's content within the default {@link IngestLimits}.
   *
   * @param fileName the file name, the title when the content has none
   * @throws IOException if the content is not a valid file of the format, or passes a limit
   */
  public static ParsedDocument parse(DocumentFormat format, String fileName, byte[] bytes) throws IOException {
    return parse(format, fileName, bytes, IngestLimits.defaults());
  }

  /**
   * Parses a file's content. Office files are checked against {@link IngestLimits#maxUnpackedBytes()} before they
   * are opened, and PDF and Office parsers stop once their text passes {@link IngestLimits#maxExtractedChars()}
   * (text formats cannot hold more characters than bytes; the caller checks what they yield).
   *
   * @param fileName the file name, the title when the content has none
   * @throws IOException if the content is not a valid file of the format, or passes a limit
   */
  public static ParsedDocument parse(DocumentFormat format, String fileName, byte[] bytes, IngestLimits limits)
      throws IOException {
    String title = stripExtension(fileName);
    TextBudget budget = new TextBudget(limits.maxExtractedChars());
    if (format == DocumentFormat.DOCX || format == DocumentFormat.PPTX || format == DocumentFormat.XLSX) {
      Archives.checkUnpacked(bytes, limits.maxUnpackedBytes());
    }
    return switch (format) {
      case TXT -> TextParsers.text(title, utf8(bytes));
      case MD -> TextParsers.markdown(title, utf8(bytes));
      case HTML -> MarkupParsers.html(title, utf8(bytes));
      case CSV -> MarkupParsers.csv(title, utf8(bytes));
      case JSON -> MarkupParsers.json(title, utf8(bytes));
      case PDF -> BinaryParsers.pdf(title, bytes, budget);
      case DOCX -> BinaryParsers.docx(title, bytes, budget);
      case PPTX -> BinaryParsers.pptx(title, bytes, budget);
      case XLSX -> BinaryParsers.xlsx(title, bytes, budget);
    };
  }

  /** Whether a failure is a document passing an {@link IngestLimits} bound rather than a broken file. */
  static boolean isLimit(Throwable e) {
    return e instanceof TooLargeException;
  }

  private static String utf8(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  private static String stripExtension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }
}
