package dev.confidant.tools.pii.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.tools.pii.data.Example;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenScorerTest {
  @Test
  void countsPiiTokensPlainTokensMaskedAndLeakedValues() {
    // "Call Anna Maria Weber on Friday in Köln": gold person (3 tokens) and place; predicted: "Anna Maria" only,
    // "Friday" (plain) and "Köln".
    String text = "Call Anna Maria Weber on Friday in Köln";
    Example e = new Example(text, List.of(new Example.Span("PERSON", 5, 21), new Example.Span("LOCATION", 35, 39)),
        List.of("PERSON"));
    TokenScorer scorer = new TokenScorer();
    scorer.add(e, List.of(new Example.Span("ANY", 5, 15), new Example.Span("ANY", 25, 31),
        new Example.Span("ANY", 35, 39)));
    StringBuilder row = new StringBuilder();
    scorer.print("x", row);
    // 8 tokens; PII 4 (3 masked: P 3/4, R 3/4); plain 4, 1 masked (25%); 2 gold spans, the person leaks.
    assertThat(row.toString()).contains("|       8 | 0.750 | 0.750 | 0.750 |  25.00% |      2 |     1 |  50.00% |");
  }
}
