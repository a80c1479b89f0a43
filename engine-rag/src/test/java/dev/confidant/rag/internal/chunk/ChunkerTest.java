package dev.confidant.rag.internal.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChunkerTest {

  private static String words(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + i).collect(Collectors.joining(" "));
  }

  @Test
  void headingStartsANewChunkAndIsKeptAsPath() {
    ParsedDocument doc = new ParsedDocument("Handbook", List.of(
        new Block.Heading(1, "Leave"),
        new Block.Paragraph("Everyone gets thirty days."),
        new Block.Heading(2, "Parental leave"),
        new Block.Paragraph("Parents get extra days."),
        new Block.Heading(1, "Travel"),
        new Block.Paragraph("Book trains.")));

    List<Chunk> chunks = new Chunker(100, 10).chunk(doc);

    assertThat(chunks).extracting(Chunk::headingPath)
        .containsExactly("Leave", "Leave > Parental leave", "Travel");
    assertThat(chunks).extracting(Chunk::text)
        .containsExactly("Everyone gets thirty days.", "Parents get extra days.", "Book trains.");
    assertThat(chunks).extracting(Chunk::ordinal).containsExactly(0, 1, 2);
  }

  @Test
  void paragraphsArePackedUpToTheSizeAndNeverSplit() {
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      blocks.add(new Block.Paragraph(words("p" + i + "w", 10)));
    }
    List<Chunk> chunks = new Chunker(25, 0).chunk(new ParsedDocument("t", blocks));

    assertThat(chunks).hasSize(3);
    for (Chunk c : chunks) {
      assertThat(Chunker.words(c.text())).isEqualTo(20);
      assertThat(c.text().split("\n")).allSatisfy(line -> assertThat(Chunker.words(line)).isEqualTo(10));
    }
  }

  @Test
  void consecutiveChunksOfASectionOverlap() {
    List<Block> blocks = List.of(new Block.Paragraph(words("a", 30)), new Block.Paragraph(words("b", 30)));

    List<Chunk> chunks = new Chunker(40, 5).chunk(new ParsedDocument("t", blocks));

    assertThat(chunks).hasSize(2);
    assertThat(chunks.get(1).text()).startsWith("a25 a26 a27 a28 a29\nb0");
  }

  @Test
  void overlapNeverCrossesAHeading() {
    List<Block> blocks = List.of(new Block.Heading(1, "One"), new Block.Paragraph(words("a", 30)),
        new Block.Heading(1, "Two"), new Block.Paragraph(words("b", 30)));

    List<Chunk> chunks = new Chunker(40, 5).chunk(new ParsedDocument("t", blocks));

    assertThat(chunks.get(1).text()).startsWith("b0");
  }

  @Test
  void tableRowsStayWholeCarryTheirHeadersAndOverlapByWholeRows() {
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      blocks.add(new Block.TableRow(List.of("r" + i, "value " + i), List.of("name", "amount")));
    }
    List<Chunk> chunks = new Chunker(20, 6).chunk(new ParsedDocument("t", blocks));

    assertThat(chunks).hasSizeGreaterThan(1);
    for (Chunk c : chunks) {
      assertThat(c.text().split("\n")).allSatisfy(row -> assertThat(row).matches("name: r\\d \\| amount: value \\d"));
    }
    String lastRowOfFirst = chunks.get(0).text().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(chunks.get(1).text()).startsWith(lastRowOfFirst);
  }

  @Test
  void pagesStartNewChunksAndAreRecorded() {
    List<Block> blocks = List.of(new Block.PageStart(1), new Block.Paragraph("first page"),
        new Block.PageStart(2), new Block.Paragraph("second page"));

    List<Chunk> chunks = new Chunker(100, 10).chunk(new ParsedDocument("t", blocks));

    assertThat(chunks).extracting(Chunk::page).containsExactly(1, 2);
    assertThat(chunks).extracting(Chunk::text).containsExactly("first page", "second page");
  }

  @Test
  void oversizedParagraphIsSplitAtSentences() {
    String sentence = "Start " + words("w", 8) + ".";
    String paragraph = String.join(" ", List.of(sentence, sentence, sentence, sentence));

    List<Chunk> chunks = new Chunker(20, 0).chunk(new ParsedDocument("t", List.of(new Block.Paragraph(paragraph))));

    assertThat(chunks).hasSize(2);
    assertThat(chunks).allSatisfy(c -> assertThat(c.text()).endsWith("."));
  }

  @Test
  void emptyDocumentHasNoChunks() {
    assertThat(new Chunker(10, 2).chunk(new ParsedDocument("t", List.of(new Block.Paragraph("  "))))).isEmpty();
  }

  @Test
  void overlapMustBeSmallerThanTheChunk() {
    assertThatThrownBy(() -> new Chunker(10, 10)).isInstanceOf(IllegalArgumentException.class);
  }
}
