package dev.confidant.rag.internal.ingest;

import dev.confidant.rag.DocumentFormat;
import dev.confidant.rag.internal.chunk.ParsedDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Dispatches to the parser of a format. Stateless and thread-safe. */
public final class Parsers {
  private Parsers() {}

  /**
   * Parses a file's content.
   *
   * @param fileName the file name, the title when the content has none
   * @throws IOException if the content is not a valid file of the format
   */
  public static ParsedDocument parse(DocumentFormat format, String fileName, byte[] bytes) throws IOException {
    String title = stripExtension(fileName);
    return switch (format) {
      case TXT -> TextParsers.text(title, utf8(bytes));
      case MD -> TextParsers.markdown(title, utf8(bytes));
      case HTML -> MarkupParsers.html(title, utf8(bytes));
      case CSV -> MarkupParsers.csv(title, utf8(bytes));
      case JSON -> MarkupParsers.json(title, utf8(bytes));
      case PDF -> BinaryParsers.pdf(title, bytes);
      case DOCX -> BinaryParsers.docx(title, bytes);
      case PPTX -> BinaryParsers.pptx(title, bytes);
      case XLSX -> BinaryParsers.xlsx(title, bytes);
    };
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
