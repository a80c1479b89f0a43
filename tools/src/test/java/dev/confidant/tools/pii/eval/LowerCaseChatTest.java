package dev.confidant.tools.pii.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LowerCaseChatTest {
  @Test
  void linesAreLowerCaseSeededAndMarkTheirStructuredValue() {
    List<LowerCaseChat.Line> lines = LowerCaseChat.lines(200);
    assertThat(lines).hasSize(200).isEqualTo(LowerCaseChat.lines(200));
    assertThat(lines).extracting(LowerCaseChat.Line::text).allSatisfy(
        t -> assertThat(t).isEqualTo(t.toLowerCase(Locale.ROOT)));
    for (LowerCaseChat.Line line : lines) {
      String value = line.text().substring(line.valueStart(), line.valueEnd());
      assertThat(value).as(line.text()).matches("(?s).*([@0-9]|://).*").doesNotStartWith(" ").doesNotEndWith(" ");
    }
    // engine-server's probe shape: a label, a number, a colon, then an e-mail address
    assertThat(LowerCaseChat.lines(600)).anySatisfy(l -> assertThat(l.text()).matches("[a-z]+ \\d+: .*@.*"));
  }
}
