package dev.confidant.rag.internal.ingest;

import dev.confidant.rag.internal.chunk.Block;
import dev.confidant.rag.internal.chunk.ParsedDocument;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/** PDF (PDFBox) and Office Open XML (Apache POI). Stateless and thread-safe. */
final class BinaryParsers {
  private BinaryParsers() {}

  /** One page block per PDF page; paragraphs are separated by blank lines in PDFBox's text. */
  static ParsedDocument pdf(String fallbackTitle, byte[] bytes, TextBudget budget) throws IOException {
    try (PDDocument pdf = Loader.loadPDF(bytes)) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setParagraphEnd("\n\n");
      List<Block> blocks = new ArrayList<>();
      for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        blocks.add(new Block.PageStart(page));
        String text = stripper.getText(pdf);
        budget.spend(text);
        for (Block b : TextParsers.text("", text).blocks()) {
          blocks.add(b);
        }
      }
      String title = pdf.getDocumentInformation().getTitle();
      return new ParsedDocument(title == null || title.isBlank() ? fallbackTitle : title, blocks);
    }
  }

  /** Paragraphs whose style is {@code Heading N} or {@code Title} become headings; tables become rows. */
  static ParsedDocument docx(String fallbackTitle, byte[] bytes, TextBudget budget) throws IOException {
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
      List<Block> blocks = new ArrayList<>();
      for (IBodyElement element : doc.getBodyElements()) {
        if (element instanceof XWPFParagraph p) {
          String text = p.getText();
          budget.spend(text);
          if (text.isBlank()) {
            continue;
          }
          int level = headingLevel(p.getStyle() == null ? null : styleName(doc, p.getStyle()));
          blocks.add(level > 0 ? new Block.Heading(level, text.strip()) : new Block.Paragraph(text));
        } else if (element instanceof XWPFTable table) {
          List<String> headers = List.of();
          for (XWPFTableRow row : table.getRows()) {
            List<String> cells = row.getTableCells().stream().map(c -> c.getText().strip()).toList();
            spend(budget, cells);
            if (headers.isEmpty()) {
              headers = cells;
            } else {
              blocks.add(new Block.TableRow(cells, headers));
            }
          }
        }
      }
      String title = doc.getProperties().getCoreProperties().getTitle();
      return new ParsedDocument(title == null || title.isBlank() ? fallbackTitle : title, blocks);
    }
  }

  private static String styleName(XWPFDocument doc, String styleId) {
    var style = doc.getStyles() == null ? null : doc.getStyles().getStyle(styleId);
    return style == null ? styleId : style.getName();
  }

  /** Word's built-in heading styles: "Title" is level 1, "Heading N" (or the id "HeadingN") level N. */
  static int headingLevel(@org.jspecify.annotations.Nullable String style) {
    if (style == null) {
      return 0;
    }
    String s = style.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    if (s.equals("title")) {
      return 1;
    }
    if (s.startsWith("heading") && s.length() > 7 && Character.isDigit(s.charAt(7))) {
      return Math.min(6, s.charAt(7) - '0');
    }
    return 0;
  }

  /** One page per slide; the slide title is a heading, other text boxes paragraphs, tables rows. */
  static ParsedDocument pptx(String fallbackTitle, byte[] bytes, TextBudget budget) throws IOException {
    try (XMLSlideShow show = new XMLSlideShow(new ByteArrayInputStream(bytes))) {
      List<Block> blocks = new ArrayList<>();
      int number = 0;
      for (XSLFSlide slide : show.getSlides()) {
        blocks.add(new Block.PageStart(++number));
        String slideTitle = slide.getTitle();
        if (slideTitle != null && !slideTitle.isBlank()) {
          blocks.add(new Block.Heading(1, slideTitle.strip()));
        }
        for (XSLFShape shape : slide.getShapes()) {
          if (shape instanceof XSLFTextShape text) {
            budget.spend(text.getText());
            boolean isTitle = text.getTextType() != null && text.getTextType().name().contains("TITLE")
                && text.getText().strip().equals(slideTitle == null ? "" : slideTitle.strip());
            if (!isTitle) {
              for (String para : text.getText().split("\\R")) {
                if (!para.isBlank()) {
                  blocks.add(new Block.Paragraph(para.strip()));
                }
              }
            }
          } else if (shape instanceof XSLFTable table) {
            List<String> headers = List.of();
            for (XSLFTableRow row : table.getRows()) {
              List<String> cells = row.getCells().stream().map(XSLFTableCell::getText).map(String::strip).toList();
              spend(budget, cells);
              if (headers.isEmpty()) {
                headers = cells;
              } else {
                blocks.add(new Block.TableRow(cells, headers));
              }
            }
          }
        }
      }
      String title = show.getProperties().getCoreProperties().getTitle();
      return new ParsedDocument(title == null || title.isBlank() ? fallbackTitle : title, blocks);
    }
  }

  /** One page per sheet headed by its name; the first non-empty row is the header of the rows below it. */
  static ParsedDocument xlsx(String fallbackTitle, byte[] bytes, TextBudget budget) throws IOException {
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      DataFormatter formatter = new DataFormatter();
      var evaluator = book.getCreationHelper().createFormulaEvaluator();
      List<Block> blocks = new ArrayList<>();
      for (int s = 0; s < book.getNumberOfSheets(); s++) {
        XSSFSheet sheet = book.getSheetAt(s);
        blocks.add(new Block.PageStart(s + 1));
        blocks.add(new Block.Heading(1, sheet.getSheetName()));
        List<String> headers = List.of();
        for (Row row : sheet) {
          List<String> cells = new ArrayList<>();
          for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
            Cell cell = row.getCell(c);
            cells.add(cell == null ? "" : formatter.formatCellValue(cell, evaluator).strip());
          }
          spend(budget, cells);
          if (cells.stream().allMatch(String::isBlank)) {
            continue;
          }
          if (headers.isEmpty()) {
            headers = cells;
          } else {
            blocks.add(new Block.TableRow(cells, headers));
          }
        }
      }
      String title = book.getProperties().getCoreProperties().getTitle();
      return new ParsedDocument(title == null || title.isBlank() ? fallbackTitle : title, blocks);
    }
  }

  private static void spend(TextBudget budget, List<String> cells) throws TooLargeException {
    for (String cell : cells) {
      budget.spend(cell);
    }
  }
}
