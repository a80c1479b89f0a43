package dev.confidant.rag;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A document to ingest. Immutable. The source id becomes the document's identity in its space: ingesting the
 * same source id again replaces the earlier version. A {@code null} source id is derived from the content at
 * ingestion ({@code src_} and 20 hex digits of the SHA-256 of the collection id and the file's bytes, or of a
 * text's title and text), so ingesting the same content into the same collection again is idempotent: same id,
 * and the earlier version is replaced rather than joined by a second document.
 */
public sealed interface DocumentInput permits DocumentInput.FileInput, DocumentInput.BytesInput,
    DocumentInput.TextInput {

  /** The source id, or {@code null} to have one assigned. */
  @Nullable String sourceId();

  /** A file on disk, parsed according to its extension. */
  static DocumentInput ofFile(Path file) {
    return new FileInput(file, null);
  }

  /** Plain text that needs no parsing (a BEIR corpus line, for example). */
  static DocumentInput ofText(String sourceId, String title, String text) {
    return new TextInput(sourceId, title, text);
  }

  /**
   * A file on disk.
   *
   * @param path the file; its extension selects the parser
   * @param sourceId the source id, or {@code null}
   */
  record FileInput(Path path, @Nullable String sourceId) implements DocumentInput {
    public FileInput {
      requireNonNull(path, "path");
    }
  }

  /**
   * File content already in memory (an upload).
   *
   * @param fileName the original file name, used as the title
   * @param format the format
   * @param bytes the content (not copied: callers must not change it afterwards)
   * @param sourceId the source id, or {@code null}
   */
  record BytesInput(String fileName, DocumentFormat format, byte[] bytes, @Nullable String sourceId)
      implements DocumentInput {
    public BytesInput {
      requireNonNull(fileName, "fileName");
      requireNonNull(format, "format");
      requireNonNull(bytes, "bytes");
    }
  }

  /**
   * Text with a title.
   *
   * @param sourceId the source id, or {@code null}
   * @param title the title (may be empty)
   * @param text the text; blank lines separate paragraphs
   */
  record TextInput(@Nullable String sourceId, String title, String text) implements DocumentInput {
    public TextInput {
      requireNonNull(title, "title");
      requireNonNull(text, "text");
    }
  }
}
