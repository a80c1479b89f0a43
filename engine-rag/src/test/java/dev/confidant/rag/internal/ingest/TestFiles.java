package dev.confidant.rag.internal.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;

/** Writes small real files of every format with PDFBox and POI, so that parser tests need no fixtures. */
public final class TestFiles {
  private TestFiles() {}

  /** A two-page PDF: page 1 about the moon, page 2 about the sun. */
  public static byte[] pdf() throws IOException {
    return pdf("Astronomy notes", List.of("The moon orbits the earth every month.", "The sun is a star of type G."));
  }

  /** A PDF with a title and one line of text per page. */
  public static byte[] pdf(String title, List<String> pages) throws IOException {
    try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      doc.getDocumentInformation().setTitle(title);
      for (String text : pages) {
        PDPage page = new PDPage();
        doc.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
          content.beginText();
          content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
          content.newLineAtOffset(72, 700);
          content.showText(text);
          content.endText();
        }
      }
      doc.save(out);
      return out.toByteArray();
    }
  }

  /** A DOCX with a title, a heading, a paragraph and a two-row table. */
  public static byte[] docx() throws IOException {
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      doc.getProperties().getCoreProperties().setTitle("Travel policy");
      XWPFParagraph heading = doc.createParagraph();
      heading.setStyle("Heading1");
      heading.createRun().setText("Trains");
      doc.createParagraph().createRun().setText("Employees travel second class on trains.");
      XWPFTable table = doc.createTable(2, 2);
      table.getRow(0).getCell(0).setText("city");
      table.getRow(0).getCell(1).setText("allowance");
      table.getRow(1).getCell(0).setText("Berlin");
      table.getRow(1).getCell(1).setText("120 EUR");
      doc.write(out);
      return out.toByteArray();
    }
  }

  /** A PPTX with two slides: a titled text slide and a table slide. */
  public static byte[] pptx() throws IOException {
    try (XMLSlideShow show = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSLFSlide first = show.createSlide();
      XSLFTextBox title = first.createTextBox();
      title.setText("Quarterly results");
      XSLFTextBox body = first.createTextBox();
      body.setText("Revenue grew by twelve percent.");
      XSLFSlide second = show.createSlide();
      XSLFTable table = second.createTable();
      XSLFTableRow header = table.addRow();
      header.addCell().setText("region");
      header.addCell().setText("revenue");
      XSLFTableRow row = table.addRow();
      row.addCell().setText("Europe");
      row.addCell().setText("4.2 million");
      show.write(out);
      return out.toByteArray();
    }
  }

  /** An XLSX with one sheet "Staff": a header row and two rows, one with a number. */
  public static byte[] xlsx() throws IOException {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet sheet = book.createSheet("Staff");
      XSSFRow header = sheet.createRow(0);
      header.createCell(0).setCellValue("name");
      header.createCell(1).setCellValue("office");
      header.createCell(2).setCellValue("desk");
      XSSFRow r1 = sheet.createRow(1);
      r1.createCell(0).setCellValue("Ada");
      r1.createCell(1).setCellValue("Zurich");
      r1.createCell(2).setCellValue(42);
      XSSFRow r2 = sheet.createRow(2);
      r2.createCell(0).setCellValue("Grace");
      r2.createCell(1).setCellValue("Vienna");
      book.write(out);
      return out.toByteArray();
    }
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
