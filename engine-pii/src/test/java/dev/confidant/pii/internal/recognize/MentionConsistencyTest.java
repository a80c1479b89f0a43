package dev.confidant.pii.internal.recognize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.internal.lang.Language;
import java.util.List;
import org.junit.jupiter.api.Test;

class MentionConsistencyTest {
  private static final Analyzer ANALYZER = Analyzer.of(PiiOptions.defaults());

  private static PiiEntity span(String text, String value, int from, EntityType type, double score, String why) {
    int start = text.indexOf(value, from);
    return new PiiEntity(type, value, start, start + value.length(), score, why);
  }

  private static List<String> resolved(String text, List<PiiEntity> found) {
    return OverlapResolver.resolve(text, MentionConsistency.apply(text, Language.EN, found)).stream()
        .map(e -> e.type().tag() + ":" + e.value()).toList();
  }

  @Test
  void aSurePersonMakesItsSurnameAndGivenNameNamesElsewhere() {
    String text = "John Smith joined in May. Later Smith said the plan was fine, and John agreed.";
    List<PiiEntity> found = List.of(span(text, "John Smith", 0, EntityType.PERSON, 0.8, "names/model p=0.8"));
    assertThat(resolved(text, found)).containsExactly("NAME:John Smith", "NAME:Smith", "NAME:John");
  }

  @Test
  void aWholeNameRepeatsInLowerCaseAndCapitalsButASurnameOnlyCapitalised() {
    String text = "Anna Weber wrote. anna weber again, ANNA WEBER in a table, and weber is a trade.";
    List<PiiEntity> found = List.of(span(text, "Anna Weber", 0, EntityType.PERSON, 0.8, "names/model p=0.8"));
    assertThat(resolved(text, found))
        .containsExactly("NAME:Anna Weber", "NAME:anna weber", "NAME:ANNA WEBER");
  }

  @Test
  void theConfidentTypeWinsOverAnUnsureOne() {
    String text = "Paul Harris spoke first. Harris agreed.";
    List<PiiEntity> found = List.of(span(text, "Paul Harris", 0, EntityType.PERSON, 0.8, "names/model p=0.8"),
        span(text, "Harris", 20, EntityType.LOCATION, 0.66, "names/model p=0.66"));
    assertThat(resolved(text, found)).containsExactly("NAME:Paul Harris", "NAME:Harris");
  }

  @Test
  void unsureSpansAndOrdinaryWordsMakeNoOtherMentions() {
    String text = "Best Western is near. Best regards, and President Lincoln met the President.";
    List<PiiEntity> found = List.of(span(text, "Best Western", 0, EntityType.ORGANIZATION, 0.6, "names/model p=0.6"),
        span(text, "President Lincoln", 0, EntityType.PERSON, 0.8, "names/model p=0.8"));
    assertThat(resolved(text, found)).containsExactly("ORG:Best Western", "NAME:President Lincoln");
  }

  @Test
  void aMentionInsideAnotherKindOfSpanIsLeftToIt() {
    String text = "Ask Jane Porter. Porter Street 5 is her address.";
    List<PiiEntity> found = List.of(span(text, "Jane Porter", 0, EntityType.PERSON, 0.8, "names/model p=0.8"),
        span(text, "Porter Street 5", 0, EntityType.ADDRESS, 0.8, "address/street"));
    assertThat(resolved(text, found)).containsExactly("NAME:Jane Porter", "ADDRESS:Porter Street 5");
  }

  @Test
  void withTheNameModelASurnameInCapitalsIsMaskedWhereTheFullNameIsInTheText() {
    // a surname outside the tagger's name lexicon: the model alone leaves it plain in capitals ("Obermaier", a
    // lexicon surname, it now masks on its own)
    String text = "Kathrin Wetzelsberger called about the invoice on Monday. WETZELSBERGER is on the list.";
    assertThat(ANALYZER.analyze(text, true, null)).extracting(PiiEntity::value)
        .containsExactly("Kathrin Wetzelsberger", "WETZELSBERGER");
    assertThat(ANALYZER.analyze("WETZELSBERGER is on the list.", true, null)).isEmpty();
  }

  @Test
  void liebeIsACueOnlyWhenCapitalised() {
    assertThat(ANALYZER.analyze("Ich liebe Bücher und lese viel.", true, null)).isEmpty();
  }
}
