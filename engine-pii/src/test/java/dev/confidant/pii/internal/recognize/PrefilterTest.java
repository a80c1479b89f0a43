package dev.confidant.pii.internal.recognize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.EntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rule's {@link Prefilter} only saves work: for every rule, the spans tried at the admitted positions are the
 * spans {@link Matcher#find()} finds over the whole text, on texts made to look like what the rules match.
 */
class PrefilterTest {
  private static final String[] PIECES = {"born", "DOB:", "geb.", "IBAN", "iban", "SSN", "card", "visa", "tel",
      "mail", "Street", "St", "Ave", "Main", "straße", "Str.", "Hauptstraße", "Rue", "Via", "Calle", "de", "la",
      "zip", "PLZ", "order", "ip", "www.", "WWW.", "http://", "HTTPS://", "ftp://", "DE", "GB", "NL", "X", "y",
      "Z", "12", "123", "1234", "1985", "2024", "123-45-6789", "078-05-1120", "4111 1111 1111 1111",
      "4111-1111-1111-1111", "378282246310005", "10.0.0.1", "192.168.10.25/24", "fe80::1", "::", "2001:db8::",
      "::ffff:10.0.0.1", "%eth0", "DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432", "a@b.co",
      "x.y@z.example.com", "example.com", "confidant.dev", "March", "Mar.", "12th", "of", "Jan", "märz", "31.12.1999",
      "1999-12-31", "12/03/85", "SW1A 1AA", "GIR 0AA", "AB 12 34 56 C", "AB123456C", "X1234567L", "12345678Z",
      "RSSMRA85T10A562S", "131052-308T", "811218-9876", "19811218+9876", "12345", "12345-6789", "80331 München",
      ", NY 10001", "A123456780", "15070649C103", "L01X00T44", "DE136695976", "2363 4567 8901", "Äußere",
      "Öde", "Über", "Müller", "ẞ", "\u00a0", "\u2019", "İ", "𝟙", "😀", "_", "-", ".", ",", ":", "/", "@", "+", "'", "#",
      "%", "(", ")", "\t", "\n", "  "};
  private static final String CHARS = "0123456789 0123456789 .-/:@+,#'%_abcXYZDEÄöß\u00a0😀";

  static Stream<Arguments> rules() {
    return Stream.of(StructuredRules.rules(), NationalIdRules.rules(), DateAndAddressRules.rules())
        .flatMap(List::stream).map(r -> Arguments.of(r.name(), r));
  }

  private static List<String> texts() {
    List<String> texts = new ArrayList<>();
    Random random = new Random(20261125);
    for (int i = 0; i < 4000; i++) {
      StringBuilder b = new StringBuilder();
      for (int parts = 1 + random.nextInt(10); parts > 0; parts--) {
        if (random.nextInt(3) == 0) {
          for (int k = random.nextInt(8); k > 0; k--) {
            b.append(CHARS.charAt(random.nextInt(CHARS.length())));
          }
        } else {
          b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        if (random.nextBoolean()) {
          b.append(' ');
        }
      }
      texts.add(b.toString());
    }
    return texts;
  }

  private static final List<String> TEXTS = texts();

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void findsWhatAFullScanFinds(String name, Rule rule) {
    // Same pattern and prefilter; no check, no cue, no URL trimming: the entities are the pattern's spans.
    Rule bare = new Rule(rule.name(), EntityType.EMAIL, rule.pattern(), s -> true, 0.5, Set.of(), false, Set.of(),
        rule.prefilter());
    RuleRecognizer recognizer = new RuleRecognizer("test", List.of(bare));
    int matched = 0;
    for (String text : TEXTS) {
      List<String> expected = new ArrayList<>();
      Matcher m = rule.pattern().matcher(text);
      while (m.find()) {
        expected.add(m.start() + "-" + m.end());
      }
      List<String> actual = recognizer.recognize(text).stream().map(e -> e.start() + "-" + e.end()).toList();
      assertThat(actual).as("rule %s on %s", rule.name(), text).isEqualTo(expected);
      matched += expected.size();
    }
    assertThat(matched).as("the texts exercise %s", rule.name()).isPositive();
  }

  @Test
  void cueLookUpsAgreeWithContextWords() {
    List<Set<String>> cueSets = List.of(Set.of("born", "geb", "dob", "b"), Set.of("iban", "tel", "visa", "12"),
        Rule.NOT_PERSONAL, Set.of("müller", "i̇", "straße", "de"), Set.of());
    Random random = new Random(7);
    for (String text : TEXTS) {
      Scan scan = new Scan(text);
      for (int k = 0; k < 5; k++) {
        int start = random.nextInt(text.length() + 1);
        int end = start + random.nextInt(text.length() - start + 1);
        for (Set<String> cues : cueSets) {
          assertThat(scan.cue(start, end, cues)).as("%s [%d, %d)", text, start, end)
              .isEqualTo(ContextWords.find(text, start, end, cues));
        }
      }
    }
  }

  @Test
  void scanCountsDigitsAndMarksWordStarts() {
    Scan scan = new Scan("a1-b2 ü9_x@");
    assertThat(scan.digits()).isEqualTo(3);
    assertThat(scan.contains('@')).isTrue();
    assertThat(scan.contains('.')).isFalse();
    assertThat(scan.contains('ü')).isFalse(); // ASCII only
    // 0, after '-', after ' ', after 'ü' (not an ASCII word char), after '@' (the end)
    assertThat(java.util.Arrays.copyOf(scan.boundaries(), scan.boundaryCount())).containsExactly(0, 3, 6, 7);
  }
}
