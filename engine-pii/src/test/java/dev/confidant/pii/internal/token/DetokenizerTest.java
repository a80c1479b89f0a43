package dev.confidant.pii.internal.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.internal.mapping.PlaceholderLookup;
import dev.confidant.pii.internal.mapping.PlaceholderTable;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DetokenizerTest {
  static final Map<String, String> VALUES = Map.of("NAME_1", "Anna Weber", "NAME_12", "Bob", "EMAIL_1",
      "a@b.org", "COMPANY_ID_1", "DE136695976");
  static final PlaceholderLookup LOOKUP = PlaceholderTable.of(VALUES);
  /** More keys, for the property tests: long and multi-part tags, a value that looks like a placeholder. */
  static final Map<String, String> MORE_VALUES = Map.of("NAME_1", "Anna Weber", "NAME_12", "Bob", "EMAIL_1",
      "a@b.org", "COMPANY_ID_1", "DE136695976", ReferenceDetokenizer.LONG_TAG + "_1", "long one",
      ReferenceDetokenizer.LONG_TAG + "_2", "long two", "A_B_C_1", "abc", "NAME_01", "[NAME_1]", "ID_1", "");
  static final PlaceholderLookup MORE_LOOKUP = PlaceholderTable.of(MORE_VALUES);
  /** The same values for {@link ReferenceDetokenizer}, which builds key strings and looks them up in the map. */
  static final Function<String, @Nullable String> MORE_REFERENCE = MORE_VALUES::get;

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

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "[COMPANY ID_1] x|[COMPANY ID_1] x",
      "company_id_1 x|DE136695976 x",
      "[Company_Id_1]|DE136695976",
      "ÄNAME_1 and éNAME_1 are inside words|ÄNAME_1 and éNAME_1 are inside words",
      "😀NAME_1 is at a word start|😀Anna Weber is at a word start",
      "NAME_1_2 NAME__1 _NAME_1 1NAME_1|Anna Weber_2 NAME__1 _NAME_1 1NAME_1",
      "NAME_1234567890 [NAME_1234567890]|NAME_1234567890 [NAME_1234567890]",
      "[[NAME_1]] <[NAME_1> x [NAME_1]|[Anna Weber] <Anna Weber x Anna Weber",
      "name_1x NAME_12NAME_1|Anna Weberx BobNAME_1"})
  void jumpsToCandidatesWithoutMissingAny(String in, String out) {
    assertThat(Detokenizer.detokenize(in, LOOKUP)).isEqualTo(out);
  }

  @Test
  void returnsTheTextItselfWhenItHoldsNoKnownPlaceholder() {
    String text = "no placeholders, [brackets] <tags> snake_case_1 [NAME_7] NAME_9";
    assertThat(Detokenizer.detokenize(text, LOOKUP)).isSameAs(text);
    assertThat(Detokenizer.restore(text, 3, text.length() - 2, 'x', LOOKUP)).isNull();
  }

  @Test
  void tagsOfExactlyTheLongestLengthAreRestoredAndLongerOnesAreNot() {
    String tag = ReferenceDetokenizer.LONG_TAG;
    String text = "[" + tag + "_1] " + tag + "_2 [X" + tag + "_1] X" + tag + "_2";
    assertThat(Detokenizer.detokenize(text, MORE_LOOKUP))
        .isEqualTo("long one long two [X" + tag + "_1] X" + tag + "_2");
  }

  @Test
  void agreesWithTheCharAtATimeReferenceOnRandomTexts() {
    Random random = new Random(7);
    for (int n = 0; n < 20_000; n++) {
      String text = ReferenceDetokenizer.randomText(random, 16);
      assertThat(Detokenizer.detokenize(text, MORE_LOOKUP)).as(text)
          .isEqualTo(ReferenceDetokenizer.detokenize(text, MORE_REFERENCE));
      int from = random.nextInt(text.length() + 1);
      int to = from + random.nextInt(text.length() - from + 1);
      char prev = "\n xé_1[".charAt(random.nextInt(7));
      StringBuilder expected = new StringBuilder();
      ReferenceDetokenizer.process(text, from, to, prev, MORE_REFERENCE, expected);
      StringBuilder actual = Detokenizer.restore(text, from, to, prev, MORE_LOOKUP);
      assertThat(actual == null ? text.substring(from, to) : actual.toString())
          .as("%s [%d, %d) after %s", text, from, to, prev).isEqualTo(expected.toString());
    }
  }

  @Test
  void largeTextsAgreeWithTheReference() {
    Random random = new Random(11);
    StringBuilder b = new StringBuilder();
    while (b.length() < 200_000) {
      b.append(ReferenceDetokenizer.randomText(random, 4)).append(random.nextInt(6) == 0 ? "\n" : " ");
    }
    String text = b.toString();
    assertThat(Detokenizer.detokenize(text, MORE_LOOKUP))
        .isEqualTo(ReferenceDetokenizer.detokenize(text, MORE_REFERENCE));
  }
}
