package dev.confidant.pii.internal.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.PlaceholderStyle;
import dev.confidant.pii.internal.mapping.Mapping;
import dev.confidant.pii.internal.recognize.Analyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectionCacheTest {
  private static final List<String> TEXTS = List.of(
      "Mail anna.weber@example.org or call +49 30 1234567 about IBAN DE89 3704 0044 0532 0130 00.",
      "Ich bin unter 030 9876543 erreichbar, Kundennummer KD-99812, Hauptstraße 5, 10115 Berlin.",
      "Card 4111 1111 1111 1111, server 192.168.10.20, see https://example.org/account?id=77.",
      "Zyxo Quarn wrote from Nordlicht Logistik GmbH; nothing else personal here.");

  private static Analyzer rulesWith(CountingRecognizer counting) {
    return Analyzer.of(PiiOptions.defaults().withNameModel(false).withExtraRecognizers(List.of(counting)));
  }

  private static Mapping mapping(Map<String, String> entries) {
    Mapping mapping = new Mapping(PlaceholderStyle.SQUARE);
    mapping.seed(entries);
    return mapping;
  }

  @Test
  void aTextSeenBeforeInTheScopeIsNotDetectedAgainAndGetsWhatTheAnalyzerGives() {
    CountingRecognizer counting = new CountingRecognizer();
    Analyzer analyzer = rulesWith(counting);
    DetectionCache cache = new DetectionCache(16, analyzer);
    Mapping mapping = mapping(Map.of("[EMAIL_1]", "anna.weber@example.org"));
    List<List<PiiEntity>> first = new ArrayList<>();
    for (String text : TEXTS) {
      first.add(cache.analyze("s1", text, mapping));
    }
    for (int i = 0; i < TEXTS.size(); i++) {
      assertThat(cache.analyze("s1", TEXTS.get(i), mapping)).isEqualTo(first.get(i));
    }
    assertThat(counting.seen).containsExactlyElementsOf(TEXTS);
    for (int i = 0; i < TEXTS.size(); i++) {
      assertThat(first.get(i)).isEqualTo(analyzer.analyze(TEXTS.get(i), true, mapping));
    }
    assertThat(first.get(0)).extracting(PiiEntity::value)
        .contains("anna.weber@example.org", "+49 30 1234567", "DE89 3704 0044 0532 0130 00");
    assertThat(cache.stats().hits()).isEqualTo(TEXTS.size());
    assertThat(cache.stats().misses()).isEqualTo(TEXTS.size());
  }

  @Test
  void aValueAddedToTheMappingLaterIsFoundInAnOldTextWithoutDetectingItAgain() {
    CountingRecognizer counting = new CountingRecognizer();
    Analyzer analyzer = rulesWith(counting);
    DetectionCache cache = new DetectionCache(16, analyzer);
    String text = TEXTS.get(3);
    assertThat(cache.analyze("s1", text, mapping(Map.of()))).extracting(PiiEntity::value)
        .doesNotContain("Zyxo Quarn");
    Mapping later = mapping(Map.of("[NAME_1]", "Zyxo Quarn"));
    List<PiiEntity> again = cache.analyze("s1", text, later);
    assertThat(counting.seen).hasSize(1);
    assertThat(again).isEqualTo(analyzer.analyze(text, true, later))
        .extracting(PiiEntity::value).contains("Zyxo Quarn");
  }

  @Test
  void valuesAddedToTheSameMappingAreLookedForInOldTextsAlone() {
    CountingRecognizer counting = new CountingRecognizer();
    Analyzer analyzer = rulesWith(counting);
    DetectionCache cache = new DetectionCache(16, analyzer);
    String text = "Anna Weber and zyxo QUARN met at Nordlicht Logistik GmbH; write to anna.weber@example.org.";
    Mapping mapping = mapping(Map.of("[EMAIL_1]", "anna.weber@example.org"));
    assertThat(cache.analyze("s1", text, mapping)).isEqualTo(analyzer.analyze(text, true, mapping));
    mapping.placeholderFor(EntityType.PERSON, "Jonas Bauer"); // not in the text
    assertThat(cache.analyze("s1", text, mapping)).isEqualTo(analyzer.analyze(text, true, mapping));
    mapping.placeholderFor(EntityType.PERSON, "Zyxo Quarn"); // in the text, in another case
    List<PiiEntity> withZyxo = cache.analyze("s1", text, mapping);
    assertThat(withZyxo).isEqualTo(analyzer.analyze(text, true, mapping)).extracting(PiiEntity::value)
        .contains("zyxo QUARN");
    mapping.placeholderFor(EntityType.LOCATION, "İzmir"); // a non-ASCII first word, not in the text
    assertThat(cache.analyze("s1", text, mapping)).isEqualTo(withZyxo);
    mapping.placeholderFor(EntityType.ORGANIZATION, "Nordlicht Logistik GmbH"); // ASCII, in the text
    assertThat(cache.analyze("s1", text, mapping)).isEqualTo(analyzer.analyze(text, true, mapping));
    assertThat(counting.seen.stream().filter(text::equals)).hasSize(5); // the analyzer's own calls, not the cache's
  }

  @Test
  void newValuesAreFoundInOldTextsWhateverTheirCase() {
    CountingRecognizer counting = new CountingRecognizer();
    Analyzer analyzer = rulesWith(counting);
    DetectionCache cache = new DetectionCache(16, analyzer);
    String text = "Greetings from \u212Aelvin Quarn, JÜRGEN MÜLLER and İSTANBUL office.";
    Mapping mapping = mapping(Map.of("[EMAIL_1]", "x@example.org"));
    cache.analyze("s1", text, mapping);
    for (String value : List.of("kelvin quarn", "jürgen müller", "istanbul")) {
      mapping.placeholderFor(EntityType.PERSON, value);
      assertThat(cache.analyze("s1", text, mapping)).as(value).isEqualTo(analyzer.analyze(text, true, mapping));
    }
  }

  /** The quick check never says "absent" where re-matching finds a value, whatever the case or the Kelvin sign. */
  @Test
  void theQuickCheckForNewValuesNeverMissesWhatReMatchingFinds() {
    java.util.Random random = new java.util.Random(42);
    String[] words = {"kate", "Kate", "\u212Aate", "KATE", "zyxo", "Zyxo", "quarn", "colleague7", "COLLEAGUE7", "anna",
        "jürgen", "İnga", "inga", "x@example.org", "weber", "we", "ber", "k", "+49", "30", "1234567", "Über"};
    String[] values = {"kate weber", "zyxo", "colleague7@example.org", "anna", "jürgen müller", "inga", "k", "30 1234567",
        "quarn x", "weber"};
    int absent = 0;
    for (int round = 0; round < 3000; round++) {
      StringBuilder b = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        b.append(words[random.nextInt(words.length)]).append(random.nextBoolean() ? " " : ", ");
      }
      String text = b.toString();
      Mapping mapping = mapping(Map.of());
      List<String> since = new ArrayList<>();
      for (int i = 1 + random.nextInt(3); i > 0; i--) {
        String value = values[random.nextInt(values.length)];
        mapping.placeholderFor(EntityType.PERSON, value);
        since.add(Mapping.normalize(value));
      }
      if (!DetectionCache.mayOccur(text, since)) {
        absent++;
        assertThat(Analyzer.rematch(text, mapping, since)).as(text + " " + since).isEmpty();
      }
    }
    assertThat(absent).isGreaterThan(300); // the check does say "absent" often
  }

  @Test
  void aTextMaskedBeforeIsReplayedWhileTheMappingGivesItsEntitiesTheSamePlaceholders() {
    DetectionCache cache = new DetectionCache(16, rulesWith(new CountingRecognizer()));
    Pseudonymizer pseudonymizer = new Pseudonymizer(rulesWith(new CountingRecognizer()));
    String text = TEXTS.get(0);
    Mapping mapping = mapping(Map.of("[EMAIL_1]", "anna.weber@example.org"));
    DetectionCache.Lookup first = cache.lookup("s1", text);
    assertThat(first.replay(mapping, true, null)).isNull(); // never masked
    List<PiiEntity> entities = first.analyze(mapping);
    String[] placeholders = new String[entities.size()];
    for (int i = 0; i < entities.size(); i++) {
      placeholders[i] = mapping.placeholderFor(entities.get(i).type(), entities.get(i).value());
    }
    first.masked(mapping, true, placeholders); // placeholders were created: the mapping changed, nothing kept
    assertThat(cache.lookup("s1", text).replay(mapping, true, null)).isNull();

    DetectionCache.Lookup second = cache.lookup("s1", text);
    second.analyze(mapping);
    second.masked(mapping, true, placeholders); // same values now: kept
    String expected = pseudonymizer.mask(text, mapping, true).text();
    assertThat(cache.lookup("s1", new String(text.toCharArray())).replay(mapping, true, null))
        .isEqualTo(expected).contains("[EMAIL_1]").doesNotContain("anna.weber");
    assertThat(cache.lookup("s1", text).replay(mapping, false, null)).isNull(); // other OII setting
    mapping.placeholderFor(EntityType.PERSON, "Jonas Bauer"); // a value not in the text: still the same
    assertThat(cache.lookup("s1", text).replay(mapping, true, null)).isEqualTo(expected);
    Mapping other = mapping(Map.of("[EMAIL_7]", "anna.weber@example.org"));
    assertThat(cache.lookup("s1", text).replay(other, true, null)).isNull(); // another placeholder for a value
  }

  @Test
  void aReusedResultCarriesTheValuesOfTheTextAtHand() {
    DetectionCache cache = new DetectionCache(4, rulesWith(new CountingRecognizer()));
    String text = TEXTS.get(0);
    cache.analyze("s1", text, null);
    List<PiiEntity> again = cache.analyze("s1", new String(text.toCharArray()), null);
    assertThat(again).isNotEmpty()
        .allSatisfy(e -> assertThat(text.substring(e.start(), e.end())).isEqualTo(e.value()));
  }

  @Test
  void scopesNeverShareATextNorDoTextsDifferingInOneChar() {
    CountingRecognizer counting = new CountingRecognizer();
    DetectionCache cache = new DetectionCache(16, rulesWith(counting));
    String text = TEXTS.get(1);
    cache.analyze("space-a:alice", text, null);
    cache.analyze("space-b:alice", text, null);
    cache.analyze("space-a:alice", text.replace('5', '6'), null);
    assertThat(counting.seen).hasSize(3);
    assertThat(cache.stats().hits()).isZero();
  }

  @Test
  void theLeastRecentlyUsedTextGoesFirstWhenFull() {
    CountingRecognizer counting = new CountingRecognizer();
    DetectionCache cache = new DetectionCache(2, rulesWith(counting));
    cache.analyze("s", TEXTS.get(0), null);
    cache.analyze("s", TEXTS.get(1), null);
    cache.analyze("s", TEXTS.get(0), null); // 0 is now the most recent
    cache.analyze("s", TEXTS.get(2), null); // evicts 1
    cache.analyze("s", TEXTS.get(0), null);
    cache.analyze("s", TEXTS.get(1), null);
    assertThat(counting.seen).containsExactly(TEXTS.get(0), TEXTS.get(1), TEXTS.get(2), TEXTS.get(1));
    assertThat(cache.stats().entries()).isEqualTo(2);
  }

  @Test
  void spansAreBoundedToo() {
    // 1 entry allows 64 spans in total and 8 for one text: a text with more is detected every time.
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      many.append("user").append(i).append("@example.org ");
    }
    CountingRecognizer counting = new CountingRecognizer();
    DetectionCache cache = new DetectionCache(1, rulesWith(counting));
    assertThat(cache.analyze("s", many.toString(), null)).hasSize(9);
    cache.analyze("s", many.toString(), null);
    assertThat(counting.seen).hasSize(2);
    assertThat(cache.stats().spans()).isZero();
  }

  @Test
  void aResultWhoseValueIsNotTheTextBetweenItsOffsetsIsNotKept() {
    CountingRecognizer odd = new CountingRecognizer(t -> List.of(new PiiEntity(EntityType.PERSON, "ANNA", 5, 9, 0.9, "test/upper")));
    DetectionCache cache = new DetectionCache(4, new Analyzer(List.of(odd), 0.4));
    cache.analyze("s", "call Anna", null);
    cache.analyze("s", "call Anna", null);
    assertThat(odd.seen).hasSize(2);
  }

  @Test
  void needsRoomForOneText() {
    assertThatThrownBy(() -> new DetectionCache(0, new Analyzer(List.of(), 0.4)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
  }
}
