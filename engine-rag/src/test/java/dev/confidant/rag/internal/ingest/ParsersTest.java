package dev.confidant.rag.internal.ingest;

import static dev.confidant.rag.internal.ingest.TestFiles.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.rag.DocumentFormat;
import dev.confidant.rag.internal.chunk.Block;
import dev.confidant.rag.internal.chunk.ParsedDocument;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParsersTest {

  private static List<String> rows(ParsedDocument doc) {
    return doc.blocks().stream().filter(b -> b instanceof Block.TableRow)
        .map(b -> ((Block.TableRow) b).render()).toList();
  }

  private static List<String> paragraphs(ParsedDocument doc) {
    return doc.blocks().stream().filter(b -> b instanceof Block.Paragraph)
        .map(b -> ((Block.Paragraph) b).text()).toList();
  }

  private static List<Block.Heading> headings(ParsedDocument doc) {
    return doc.blocks().stream().filter(b -> b instanceof Block.Heading).map(b -> (Block.Heading) b).toList();
  }

  @Test
  void textSplitsParagraphsAtBlankLines() throws IOException {
    ParsedDocument doc = Parsers.parse(DocumentFormat.TXT, "notes.txt",
        utf8("\uFEFFFirst line\ncontinues.\n\nSecond paragraph."));

    assertThat(doc.title()).isEqualTo("notes");
    assertThat(paragraphs(doc)).containsExactly("First line continues.", "Second paragraph.");
  }

  @Test
  void markdownKeepsHeadingsListsCodeAndTables() throws IOException {
    String md = """
        # Handbook

        Intro text.

        ## Leave
        - thirty days
        - more for parents

        | type | days |
        |------|------|
        | sick | 10 |

        ```
        code block
        ```
        """;
    ParsedDocument doc = Parsers.parse(DocumentFormat.MD, "h.md", utf8(md));

    assertThat(doc.title()).isEqualTo("Handbook");
    assertThat(headings(doc)).containsExactly(new Block.Heading(1, "Handbook"), new Block.Heading(2, "Leave"));
    assertThat(paragraphs(doc)).containsExactly("Intro text.", "- thirty days", "- more for parents", "code block");
    assertThat(rows(doc)).containsExactly("type: sick | days: 10");
  }

  @Test
  void htmlReadsStructureAndDropsScripts() throws IOException {
    String html = """
        <html><head><title>Menu</title><script>var secret = 1;</script></head><body>
        <h1>Lunch</h1><p>Soup of the <b>day</b>.</p>
        <ul><li><p>Bread</p></li></ul>
        <table><tr><th>dish</th><th>price</th></tr><tr><td>Soup</td><td>5</td></tr></table>
        </body></html>""";
    ParsedDocument doc = Parsers.parse(DocumentFormat.HTML, "menu.html", utf8(html));

    assertThat(doc.title()).isEqualTo("Menu");
    assertThat(headings(doc)).containsExactly(new Block.Heading(1, "Lunch"));
    assertThat(paragraphs(doc)).containsExactly("Soup of the day.", "Bread");
    assertThat(rows(doc)).containsExactly("dish: Soup | price: 5");
    assertThat(doc.blocks().toString()).doesNotContain("secret");
  }

  @Test
  void csvRowsCarryTheHeader() throws IOException {
    ParsedDocument doc = Parsers.parse(DocumentFormat.CSV, "staff.csv",
        utf8("name,city\nAda,\"Zurich, CH\"\nGrace,Vienna\n"));

    assertThat(rows(doc)).containsExactly("name: Ada | city: Zurich, CH", "name: Grace | city: Vienna");
  }

  @Test
  void jsonObjectsBecomePathsAndArraysOfObjectsRows() throws IOException {
    ParsedDocument doc = Parsers.parse(DocumentFormat.JSON, "data.json",
        utf8("{\"company\":{\"name\":\"ACME\",\"staff\":[{\"name\":\"Ada\",\"role\":\"CTO\"}]},\"year\":2024}"));

    assertThat(paragraphs(doc)).containsExactly("company.name: ACME", "year: 2024");
    assertThat(rows(doc)).containsExactly("name: Ada | role: CTO");
    assertThat(headings(doc)).extracting(Block.Heading::text).containsExactly("company", "company.staff");
  }

  @Test
  void invalidJsonFails() {
    assertThatThrownBy(() -> Parsers.parse(DocumentFormat.JSON, "x.json", utf8("{broken")))
        .isInstanceOf(IOException.class);
  }

  @Test
  void pdfHasOnePagePerPage() throws IOException {
    ParsedDocument doc = Parsers.parse(DocumentFormat.PDF, "astro.pdf", TestFiles.pdf());

    assertThat(doc.title()).isEqualTo("Astronomy notes");
    assertThat(doc.blocks()).containsSubsequence(new Block.PageStart(1),
        new Block.Paragraph("The moon orbits the earth every month."), new Block.PageStart(2),
        new Block.Paragraph("The sun is a star of type G."));
  }

  @Test
  void docxHeadingsParagraphsAndTables() throws IOException {
    ParsedDocument doc = Parsers.parse(DocumentFormat.DOCX, "travel.docx", TestFiles.docx());

    assertThat(doc.title()).isEqualTo("Travel policy");
    assertThat(headings(doc)).containsExactly(new Block.Heading(1, "Trains"));
    assertThat(paragraphs(doc)).containsExactly("Employees travel second class on trains.");
    assertThat(rows(doc)).containsExactly("city: Berlin | allowance: 120 EUR");
  }

  @Test
  void pptxHasOnePagePerSlide() throws IOException {
    ParsedDocument doc = Parsers.parse(DocumentFormat.PPTX, "q3.pptx", TestFiles.pptx());

    assertThat(doc.blocks()).contains(new Block.PageStart(1), new Block.PageStart(2));
    assertThat(paragraphs(doc)).contains("Quarterly results", "Revenue grew by twelve percent.");
    assertThat(rows(doc)).containsExactly("region: Europe | revenue: 4.2 million");
  }

  @Test
  void xlsxSheetsBecomePagesWithHeaderedRows() throws IOException {
    ParsedDocument doc = Parsers.parse(DocumentFormat.XLSX, "staff.xlsx", TestFiles.xlsx());

    assertThat(doc.blocks()).startsWith(new Block.PageStart(1), new Block.Heading(1, "Staff"));
    assertThat(rows(doc)).containsExactly("name: Ada | office: Zurich | desk: 42", "name: Grace | office: Vienna");
  }

  @Test
  void corruptOfficeFileFails() {
    assertThatThrownBy(() -> Parsers.parse(DocumentFormat.DOCX, "x.docx", utf8("not a zip")))
        .isInstanceOf(Exception.class);
  }

  @Test
  void formatFollowsTheExtension() {
    assertThat(DocumentFormat.fromFileName("A.PDF")).contains(DocumentFormat.PDF);
    assertThat(DocumentFormat.fromFileName("page.htm")).contains(DocumentFormat.HTML);
    assertThat(DocumentFormat.fromFileName("archive.zip")).isEmpty();
    assertThat(DocumentFormat.fromFileName("README")).isEmpty();
  }
}
