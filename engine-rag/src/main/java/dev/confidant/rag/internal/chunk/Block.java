package dev.confidant.rag.internal.chunk;

import java.util.List;

/** A structural unit of a parsed document, in reading order. Immutable. */
public sealed interface Block {

  /**
   * A heading; it replaces headings of the same or a deeper level in the heading path.
   *
   * @param level 1 for the top level
   * @param text the heading text
   */
  record Heading(int level, String text) implements Block {}

  /** A paragraph, list item or preformatted block. */
  record Paragraph(String text) implements Block {}

  /**
   * A table row, rendered {@code header: value | header: value} so that a chunk of rows stands on its own.
   *
   * @param cells the cells
   * @param headers the column headers, or empty
   */
  record TableRow(List<String> cells, List<String> headers) implements Block {
    public TableRow {
      cells = List.copyOf(cells);
      headers = List.copyOf(headers);
    }

    /** The length of {@link #render()}, computed without building it. */
    public long renderedLength() {
      long length = 0;
      boolean first = true;
      for (int i = 0; i < cells.size(); i++) {
        if (cells.get(i).isBlank()) {
          continue;
        }
        length += (first ? 0 : 3) + cells.get(i).length();
        if (i < headers.size() && !headers.get(i).isBlank()) {
          length += headers.get(i).length() + 2;
        }
        first = false;
      }
      return length;
    }

    /** The row as one line. */
    public String render() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < cells.size(); i++) {
        if (cells.get(i).isBlank()) {
          continue;
        }
        if (!sb.isEmpty()) {
          sb.append(" | ");
        }
        if (i < headers.size() && !headers.get(i).isBlank()) {
          sb.append(headers.get(i)).append(": ");
        }
        sb.append(cells.get(i));
      }
      return sb.toString();
    }
  }

  /** The start of a page (PDF page, slide, sheet), 1-based; a chunk never spans two pages. */
  record PageStart(int page) implements Block {}
}
