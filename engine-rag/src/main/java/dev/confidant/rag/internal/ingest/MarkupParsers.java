package dev.confidant.rag.internal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.confidant.rag.internal.chunk.Block;
import dev.confidant.rag.internal.chunk.ParsedDocument;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/** HTML (jsoup), CSV (Commons CSV) and JSON (Jackson). Stateless and thread-safe. */
final class MarkupParsers {
  /** Immutable, unlike an ObjectMapper, so it can be shared. */
  private static final ObjectReader JSON = new ObjectMapper().reader();

  private MarkupParsers() {}

  /** Headings, paragraphs, list items, preformatted text and table rows of the body; scripts and styles dropped. */
  static ParsedDocument html(String fallbackTitle, String html) {
    org.jsoup.nodes.Document doc = Jsoup.parse(html);
    doc.select("script, style, noscript, template, nav, footer").remove();
    List<Block> blocks = new ArrayList<>();
    for (Element el : doc.body().select("h1, h2, h3, h4, h5, h6, p, li, pre, blockquote, dt, dd, tr")) {
      // Nested matches (a <p> inside an <li>) are read through their outermost match only.
      if (el.parents().stream().anyMatch(p -> p.is("p, li, pre, blockquote, dd, tr"))) {
        continue;
      }
      String tag = el.normalName();
      if (tag.matches("h[1-6]")) {
        blocks.add(new Block.Heading(tag.charAt(1) - '0', el.text()));
      } else if (tag.equals("tr")) {
        Element table = el.closest("table");
        Element headerRow = table == null ? null : headerRow(table);
        if (el != headerRow) {
          List<String> headers = headerRow == null ? List.of() : headerRow.select("> th, > td").eachText();
          blocks.add(new Block.TableRow(el.select("> th, > td").eachText(), headers));
        }
      } else if (tag.equals("pre")) {
        blocks.add(new Block.Paragraph(el.wholeText()));
      } else if (!el.text().isBlank()) {
        blocks.add(new Block.Paragraph(el.text()));
      }
    }
    String title = doc.title().isBlank() ? fallbackTitle : doc.title();
    return new ParsedDocument(title, blocks);
  }

  /** The table's first row when it is made of {@code <th>} cells, else {@code null}. */
  private static @org.jspecify.annotations.Nullable Element headerRow(Element table) {
    Element first = table.selectFirst("tr");
    return first == null || first.select("> th").isEmpty() ? null : first;
  }

  /** The first record is the header; every other record is one row. */
  static ParsedDocument csv(String title, String text) throws IOException {
    List<Block> blocks = new ArrayList<>();
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
        .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).setTrim(true).get();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      List<String> headers = parser.getHeaderNames();
      for (CSVRecord record : parser) {
        blocks.add(new Block.TableRow(record.toList(), headers));
      }
    }
    return new ParsedDocument(title, blocks);
  }

  /**
   * An array of objects becomes table rows (one per element); anything else becomes one {@code path: value}
   * line per scalar, with object keys as headings for nested objects.
   */
  static ParsedDocument json(String title, String text) throws IOException {
    JsonNode root = JSON.readTree(text);
    List<Block> blocks = new ArrayList<>();
    walk(root, "", 1, blocks);
    return new ParsedDocument(title, blocks);
  }

  private static void walk(JsonNode node, String path, int depth, List<Block> blocks) {
    if (node.isArray() && !node.isEmpty() && allObjects(node)) {
      for (JsonNode element : node) {
        List<String> headers = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : element.properties()) {
          headers.add(field.getKey());
          cells.add(field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString());
        }
        blocks.add(new Block.TableRow(cells, headers));
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        if (field.getValue().isContainerNode()) {
          blocks.add(new Block.Heading(Math.min(depth, 6), childPath));
          walk(field.getValue(), childPath, depth + 1, blocks);
        } else {
          blocks.add(new Block.Paragraph(childPath + ": " + field.getValue().asText()));
        }
      }
    } else if (node.isArray()) {
      int i = 0;
      for (JsonNode element : node) {
        walk(element, path + "[" + i++ + "]", depth, blocks);
      }
    } else if (!node.isMissingNode() && !node.isNull()) {
      blocks.add(new Block.Paragraph(path.isEmpty() ? node.asText() : path + ": " + node.asText()));
    }
  }

  private static boolean allObjects(JsonNode array) {
    for (JsonNode element : array) {
      if (!element.isObject()) {
        return false;
      }
    }
    return true;
  }
}
