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
}
