package dev.confidant.tools.pii.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SyntheticPiiTest {

  @Test
  void aSeedFixesTheSplit() {
    List<String> a = IntStream.range(0, 20).mapToObj(i -> new SyntheticPii(SyntheticPii.DEV_SEED)).limit(1)
        .flatMap(g -> IntStream.range(0, 20).mapToObj(i -> g.next().text())).toList();
    SyntheticPii again = new SyntheticPii(SyntheticPii.DEV_SEED);
    assertThat(IntStream.range(0, 20).mapToObj(i -> again.next().text()).toList()).isEqualTo(a);
    SyntheticPii test = new SyntheticPii(SyntheticPii.TEST_SEED);
    assertThat(IntStream.range(0, 20).mapToObj(i -> test.next().text()).toList()).isNotEqualTo(a);
  }

  @Test
  void spansCoverTheirValuesAndManyCountriesAndCasesOccur() {
    SyntheticPii g = new SyntheticPii(SyntheticPii.TEST_SEED);
    Set<String> locales = new HashSet<>();
    Set<String> types = new HashSet<>();
    boolean lower = false;
    boolean multiLine = false;
    int cards = 0;
    for (int i = 0; i < 300; i++) {
      SyntheticPii.Example e = g.next();
      locales.add(e.locale());
      lower |= e.lowerCase();
      multiLine |= e.text().indexOf('\n') >= 0;
      for (SyntheticPii.Span s : e.spans()) {
        types.add(s.type());
        assertThat(s.end()).isGreaterThan(s.start()).isLessThanOrEqualTo(e.text().length());
        assertThat(e.text().substring(s.start(), s.end())).isNotBlank();
        if (s.type().equals("CREDIT_CARD") && !e.lowerCase()) {
          cards++;
          String digits = e.text().substring(s.start(), s.end()).replaceAll("[^0-9]", "");
          assertThat(luhn(digits)).as(digits).isTrue();
        }
      }
    }
    assertThat(locales).hasSizeGreaterThan(15);
    assertThat(types).contains("PERSON", "ADDRESS", "LOCATION", "PHONE_NUMBER", "ACCOUNT_ID", "IBAN_CODE",
        "US_DRIVER_LICENSE", "CREDIT_CARD");
    assertThat(lower).isTrue();
    assertThat(multiLine).isTrue();
    assertThat(cards).isPositive();
  }

  private static boolean luhn(String digits) {
    int sum = 0;
    for (int i = digits.length() - 1, k = 0; i >= 0; i--, k++) {
      int d = digits.charAt(i) - '0';
      sum += k % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
    }
    return sum % 10 == 0;
  }
}
