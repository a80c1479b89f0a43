package dev.confidant.rag;

import java.util.Locale;
import java.util.Optional;

/** The file formats ingestion understands. */
public enum DocumentFormat {
  TXT, MD, HTML, CSV, JSON, PDF, DOCX, PPTX, XLSX;

  /**
   * The format a file name's extension names ({@code report.PDF} is {@link #PDF}; {@code .htm} and
   * {@code .markdown} are accepted).
   */
  public static Optional<DocumentFormat> fromFileName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    return switch (fileName.substring(dot + 1).toLowerCase(Locale.ROOT)) {
      case "txt", "text" -> Optional.of(TXT);
      case "md", "markdown" -> Optional.of(MD);
      case "html", "htm", "xhtml" -> Optional.of(HTML);
      case "csv" -> Optional.of(CSV);
      case "json" -> Optional.of(JSON);
      case "pdf" -> Optional.of(PDF);
      case "docx" -> Optional.of(DOCX);
      case "pptx" -> Optional.of(PPTX);
      case "xlsx" -> Optional.of(XLSX);
      default -> Optional.empty();
    };
  }
}
