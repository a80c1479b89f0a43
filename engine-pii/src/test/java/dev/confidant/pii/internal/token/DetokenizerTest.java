package dev.confidant.pii.internal.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DetokenizerTest {
  static final Map<String, String> VALUES = Map.of("NAME_1", "Anna Weber", "NAME_12", "Bob", "EMAIL_1",
      "a@b.org", "COMPANY_ID_1", "DE136695976");
  static final Function<String, @Nullable String> LOOKUP = VALUES::get;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Hello [NAME_1]!|Hello Anna Weber!",
      "[NAME_1]'s car|Anna Weber's car",
      "Hello NAME_1, hi|Hello Anna Weber, hi",
      "Hello [Name_1]|Hello Anna Weber",
      "Hello [NAME 1]|Hello Anna Weber",
      "Hello <NAME_1>|Hello Anna Weber",
      "[NAME_12] and [NAME_1]|Bob and Anna Weber",
      "mail [EMAIL_1]|mail a@b.org",
      "vat [COMPANY_ID_1].|vat DE136695976.",
      "[NAME_1|[Anna Weber",
      "(NAME_1)|(Anna Weber)"})
  void restoresPlaceholdersAndCommonModelEdits(String in, String out) {
    assertThat(Detokenizer.detokenize(in, LOOKUP)).isEqualTo(out);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Hello [NAME_7], unknown stays",
      "Phase 1 and NAME 1 are ordinary text",
      "snake_case_1 and file_2.txt",
      "XNAME_1 is not at a word start",
      "a < b and c [d] e_f",
      "[PERSON_1] is not ours"})
  void leavesOrdinaryTextAndUnknownPlaceholdersAlone(String in) {
    assertThat(Detokenizer.detokenize(in, LOOKUP)).isEqualTo(in);
  }

  @Test
  void costIsIndependentOfTheMappingSize() {
    String text = "Dear [NAME_1], ".repeat(2_000);
    assertThat(Detokenizer.detokenize(text, LOOKUP)).isEqualTo("Dear Anna Weber, ".repeat(2_000));
  }
}
