package dev.confidant.rag.internal.ingest;

import dev.confidant.rag.internal.chunk.Block;
import dev.confidant.rag.internal.chunk.ParsedDocument;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain text and Markdown. Stateless and thread-safe. */
final class TextParsers {
  private static final Pattern ATX_HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern TABLE_RULE = Pattern.compile("^\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?$");
  private static final Pattern FORM_FEED = Pattern.compile("\f");

  private TextParsers() {}

  /** Paragraphs are separated by blank lines; form feeds start pages, as in text extracted from print. */
  static ParsedDocument text(String title, String text) {
    List<Block> blocks = new ArrayList<>();
    String[] pages = FORM_FEED.split(text, -1);
    for (int p = 0; p < pages.length; p++) {
      if (pages.length > 1) {
        blocks.add(new Block.PageStart(p + 1));
      }
      for (String para : pages[p].split("\\R\\s*\\R")) {
        if (!para.isBlank()) {
          blocks.add(new Block.Paragraph(para.strip().replaceAll("\\s*\\R\\s*", " ")));
        }
      }
    }
    return new ParsedDocument(title, blocks);
  }

  /**
   * CommonMark's block structure as far as chunking needs it: ATX and setext headings, paragraphs, list items,
   * fenced code and pipe tables (rows keep their header).
   */
  static ParsedDocument markdown(String fallbackTitle, String text) {
    List<Block> blocks = new ArrayList<>();
    List<String> lines = text.lines().toList();
    StringBuilder para = new StringBuilder();
    List<String> tableHeader = List.of();
    String title = null;
    boolean fenced = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String trimmed = line.strip();
      if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
        // A code block is one paragraph: splitting it between chunks would break the code apart.
        flush(para, blocks);
        fenced = !fenced;
        continue;
      }
      if (fenced) {
        para.append(line).append('\n');
        continue;
      }
      Matcher heading = ATX_HEADING.matcher(trimmed);
      boolean setext = i + 1 < lines.size() && !trimmed.isEmpty() && para.isEmpty()
          && lines.get(i + 1).strip().matches("=+|-+") && !trimmed.startsWith("|");
      if (heading.matches() || setext) {
        flush(para, blocks);
        int level = heading.matches() ? heading.group(1).length() : lines.get(i + 1).strip().startsWith("=") ? 1 : 2;
        String headingText = heading.matches() ? heading.group(2) : trimmed;
        if (title == null) {
          title = headingText;
        }
        blocks.add(new Block.Heading(level, headingText));
        if (setext) {
          i++;
        }
        tableHeader = List.of();
        continue;
      }
      if (trimmed.startsWith("|")) {
        flush(para, blocks);
        if (TABLE_RULE.matcher(trimmed).matches()) {
          continue;
        }
        List<String> cells = cells(trimmed);
        boolean isHeader = i + 1 < lines.size() && TABLE_RULE.matcher(lines.get(i + 1).strip()).matches();
        if (isHeader) {
          tableHeader = cells;
        } else {
          blocks.add(new Block.TableRow(cells, tableHeader));
        }
        continue;
      }
      if (trimmed.isEmpty()) {
        flush(para, blocks);
        tableHeader = List.of();
        continue;
      }
      if (trimmed.matches("([-*+]|\\d+[.)])\\s+.*")) {
        // A list item is a paragraph of its own, so that chunks break between items.
        flush(para, blocks);
      }
      para.append(trimmed).append(' ');
    }
    flush(para, blocks);
    return new ParsedDocument(title == null ? fallbackTitle : title, blocks);
  }

  private static List<String> cells(String row) {
    String inner = row.strip();
    inner = inner.substring(1, inner.endsWith("|") && inner.length() > 1 ? inner.length() - 1 : inner.length());
    return Arrays.stream(inner.split("(?<!\\\\)\\|")).map(String::strip).toList();
  }

  private static void flush(StringBuilder para, List<Block> blocks) {
    if (!para.toString().isBlank()) {
      blocks.add(new Block.Paragraph(para.toString().strip()));
    }
    para.setLength(0);
  }
}
