package dev.confidant.rag.internal.chunk;

import java.util.List;

/**
 * What a parser makes of a file. Immutable.
 *
 * @param title the title (document metadata, first heading or file name)
 * @param blocks the content in reading order
 */
public record ParsedDocument(String title, List<Block> blocks) {
  public ParsedDocument {
    blocks = List.copyOf(blocks);
  }

  /** The characters of text the document holds: headings, paragraphs and table rows as they are written out. */
  public long chars() {
    long chars = title.length();
    for (Block block : blocks) {
      chars += switch (block) {
        case Block.Heading h -> h.text().length();
        case Block.Paragraph p -> p.text().length();
        case Block.TableRow r -> r.renderedLength();
        case Block.PageStart p -> 0;
      };
    }
    return chars;
  }
}
