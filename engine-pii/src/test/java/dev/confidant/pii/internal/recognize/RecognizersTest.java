package dev.confidant.pii.internal.recognize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.PiiOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecognizersTest {
  /** Rules only: these tests are about the structured recognizers, not the name model. */
  private static final Analyzer RULES = Analyzer.of(PiiOptions.defaults().withNameModel(false));

  private static List<PiiEntity> find(String text) {
    return RULES.analyze(text, true, null);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Write to anna.weber@example.org today.|EMAIL|anna.weber@example.org",
      "mi correo es .hansen@hotmail.com.|EMAIL|.hansen@hotmail.com",
      "Call me on +49 30 12345678 please|PHONE|+49 30 12345678",
      "my number is (212) 555-0199|PHONE|(212) 555-0199",
      "IBAN DE89 3704 0044 0532 0130 00 for the refund|IBAN|DE89 3704 0044 0532 0130 00",
      "pay to GB82WEST12345698765432.|IBAN|GB82WEST12345698765432",
      "card 4111 1111 1111 1111 expires|CREDIT_CARD|4111 1111 1111 1111",
      "amex 378282246310005 ok|CREDIT_CARD|378282246310005",
      "maestro 5018 0000 0009 ok|CREDIT_CARD|5018 0000 0009",
      "maestro 6390000000000000009 ok|CREDIT_CARD|6390000000000000009",
      "jcb 213100000000001 ok|CREDIT_CARD|213100000000001",
      "jcb 180000000000002 ok|CREDIT_CARD|180000000000002",
      "card 3088-0000-0000-0009 ok|CREDIT_CARD|3088-0000-0000-0009",
      "unionpay 8106-7013-5395-5213 ok|CREDIT_CARD|8106-7013-5395-5213",
      "card 3112 0000 1234 5673 ok|CREDIT_CARD|3112 0000 1234 5673",
      "visa 4111 1111 1111 1111 128 ok|CREDIT_CARD|4111 1111 1111 1111 128",
      "maestro 6390-0000-0000-0000-009 ok|CREDIT_CARD|6390-0000-0000-0000-009",
      "unionpay 6212 3456 7890 1234 569 ok|CREDIT_CARD|6212 3456 7890 1234 569",
      "card 4111 1111 1111 1111 123 ok|CREDIT_CARD|4111 1111 1111 1111",
      "My finnish id code is030594W903B.|NATIONAL_ID|030594W903B",
      "My swedish id code is199003052397.|NATIONAL_ID|199003052397",
      "codice fiscale AAAAAA00B11C333N|NATIONAL_ID|AAAAAA00B11C333N",
      "aadhaar 3123:4567:8909|NATIONAL_ID|3123:4567:8909",
      "078051121|NATIONAL_ID|078051121",
      "My driver's license number is 481195160|NATIONAL_ID|481195160",
      "You can reach me at 7012 after six.|PHONE|7012",
      "You can reach me at 20.12.34 after six.|PHONE|20.12.34",
      "my international one is415-555-0132|PHONE|415-555-0132",
      "GIR0AA|POSTCODE|GIR0AA",
      "server at 192.168.10.25.|IP_ADDRESS|192.168.10.25",
      "ipv6 2001:db8::8a2e:370:7334 is up|IP_ADDRESS|2001:db8::8a2e:370:7334",
      "see https://example.com/a?b=1).|URL|https://example.com/a?b=1",
      "visit www.confidant.dev now|URL|www.confidant.dev",
      "my ssn is 078-05-1120|NATIONAL_ID|078-05-1120",
      "Steuer-ID: 12345678903.|NATIONAL_ID|12345678903",
      "USt-IdNr DE136695976|COMPANY_ID|DE136695976",
      "NINO AB 12 34 56 C please|NATIONAL_ID|AB 12 34 56 C",
      "I was born on 12.03.1985 in Köln|DATE_OF_BIRTH|12.03.1985",
      "date of birth: March 4, 1990|DATE_OF_BIRTH|March 4, 1990",
      "Date de naissance : 11.04.1989|DATE_OF_BIRTH|11.04.1989",
      "Fecha de nacimiento: 09.04.1966|DATE_OF_BIRTH|09.04.1966",
      "Data di nascita: 22.05.1964|DATE_OF_BIRTH|22.05.1964",
      "Geboortedatum: 27.01.1940|DATE_OF_BIRTH|27.01.1940",
      // National ids that are also valid phones: without a phone word their check digit types them as ids.
      "my SIN is 130-692-544|NATIONAL_ID|130-692-544",
      "130 692 544|NATIONAL_ID|130 692 544",
      "401-023-2137|NATIONAL_ID|401-023-2137",
      "871220-2384|NATIONAL_ID|871220-2384",
      "3123 4567 8909|NATIONAL_ID|3123 4567 8909",
      "call me on 130 692 544|PHONE|130 692 544",
      "I live at 221 Baker Street, London|ADDRESS|221 Baker Street, London",
      "Anschrift: Hauptstraße 5, Berlin|ADDRESS|Hauptstraße 5, Berlin",
      "Post it to SW1A 1AA please|POSTCODE|SW1A 1AA"})
  void recognizesStructuredValues(String text, EntityType type, String value) {
    assertThat(find(text)).anySatisfy(e -> {
      assertThat(e.type()).isEqualTo(type);
      assertThat(e.value()).isEqualTo(value);
      assertThat(text.substring(e.start(), e.end())).isEqualTo(value);
      assertThat(e.explanation()).isNotBlank().doesNotContain(value);
    });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "DE89 3704 0044 0532 0130 01",   // mod-97 fails
      "4111 1111 1111 1112",           // Luhn fails
      "version 1.2.3 released",
      "256.1.1.1",
      "the meeting is on 12.03.1985",  // a date without a birth cue
      "12345678901",                   // Steuer-ID check digit fails
      "we ordered 3 pizzas and 2 salads",
      "In 2019 we sold 7012 units",
      "The PIN is 4711",
      "ISBN 078051121",
      "earphones cost 20 euros"})
  void ignoresLookalikes(String text) {
    assertThat(find(text)).isEmpty();
  }

  @Test
  void contextWordsCountOnlyAsWholeWords() {
    // A bare valid SSN is masked anyway (weakly); the cued ZIP rule shows the whole-word matching.
    String cued = "zip 80331";
    String substring = "zipper 80331";
    assertThat(find(cued)).extracting(PiiEntity::type).contains(EntityType.ADDRESS);
    assertThat(find(substring)).isEmpty();
  }

  @Test
  void contextWordRaisesTheScore() {
    double plain = find("078-05-1120").get(0).score();
    double cued = find("social security 078-05-1120").get(0).score();
    assertThat(cued).isGreaterThan(plain);
  }

  @Test
  void negativeContextWordsLowerTheScore() {
    assertThat(find("upgrade to build version 10.1.2.3 today")).isEmpty();
    assertThat(find("the server 10.1.2.3 is down")).extracting(PiiEntity::type).contains(EntityType.IP_ADDRESS);
    // A checked card number stays masked next to "order", only with a lower score.
    assertThat(find("order 4111 1111 1111 1111").get(0).score())
        .isLessThan(find("paid 4111 1111 1111 1111").get(0).score());
  }

  @Test
  void overlappingEntitiesAreMergedSoNoPartStaysUnmasked() {
    List<PiiEntity> merged = OverlapResolver.resolve("abcdefghij", List.of(
        new PiiEntity(EntityType.PERSON, "abcde", 0, 5, 0.6, "a"),
        new PiiEntity(EntityType.EMAIL, "defgh", 3, 8, 0.9, "b")));
    assertThat(merged).singleElement().satisfies(e -> {
      assertThat(e.start()).isZero();
      assertThat(e.end()).isEqualTo(8);
      assertThat(e.type()).isEqualTo(EntityType.EMAIL);
      assertThat(e.value()).isEqualTo("abcdefgh");
    });
  }

  @Test
  void anAddressBeatsANameInsideItButNotOneThatOnlyOverlapsIt() {
    String text = "at 19 Nelson Mandela Drive";
    PiiEntity address = new PiiEntity(EntityType.ADDRESS, "19 Nelson Mandela Drive", 3, 26, 0.6, "address");
    PiiEntity person = new PiiEntity(EntityType.PERSON, "Nelson Mandela", 6, 20, 0.9, "person");
    assertThat(OverlapResolver.resolve(text, List.of(person, address))).singleElement()
        .satisfies(e -> assertThat(e.type()).isEqualTo(EntityType.ADDRESS));
    assertThat(OverlapResolver.resolve(text, List.of(address, person))).singleElement()
        .satisfies(e -> assertThat(e.type()).isEqualTo(EntityType.ADDRESS));
    // Not contained: the higher score decides, as before.
    PiiEntity wider = new PiiEntity(EntityType.PERSON, "at 19 Nelson", 0, 12, 0.9, "person");
    assertThat(OverlapResolver.resolve(text, List.of(wider, address))).singleElement()
        .satisfies(e -> assertThat(e.type()).isEqualTo(EntityType.PERSON));
  }

  @Test
  void hostileInputDoesNotBacktrackCatastrophically() {
    List<String> hostile = List.of(
        "a".repeat(50_000) + "@",
        "a.".repeat(25_000) + "@" + "b.".repeat(10_000),
        "1 ".repeat(30_000),
        "1-".repeat(30_000),
        "DE89 ".repeat(10_000),
        ":".repeat(30_000) + "1",
        "1a:".repeat(15_000),
        "http://" + "a".repeat(50_000),
        "Hauptstra".repeat(5_000) + "ße 1",
        "A ".repeat(25_000) + "Hauptstraße 1",
        "1 ".repeat(20_000) + "12345678901",
        "http ".repeat(10_000) + "www",
        "12 " + "Main ".repeat(10_000) + "X",
        "0.".repeat(30_000),
        "Ship to:\n".repeat(6_000),
        ("a".repeat(24) + " ").repeat(2_000) + ":",
        "lives on ".repeat(6_000) + "Main Street.");
    for (String text : hostile) {
      long t0 = System.nanoTime();
      find(text);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("scan of %s...", text.substring(0, 12))
          .isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void checksumsAgreeWithPublishedExamples() {
    assertThat(Checksums.ibanMod97("DE89370400440532013000")).isTrue();
    assertThat(Checksums.luhn("79927398713")).isTrue();
    assertThat(Checksums.nhs("9434765919")).isTrue();
    assertThat(Checksums.germanTaxId("12345678903")).isTrue();
    assertThat(Checksums.germanTaxId("11112345678")).isFalse();
    assertThat(Checksums.germanVatId("DE136695976")).isTrue();
    assertThat(Checksums.icao731("L01X00T44")).isTrue();
    assertThat(Checksums.icao731("L01X00T47")).isFalse();
    assertThat(Checksums.spanishNif("12345678Z")).isTrue();
    assertThat(Checksums.pesel("44051401359")).isTrue();
    assertThat(Checksums.finnishHetu("131052-308T")).isTrue();
    assertThat(Checksums.verhoeff("2363")).isTrue();
    assertThat(Checksums.swedishPersonnummer("811218-9876")).isTrue();
    assertThat(Checksums.turkishId("10000000146")).isTrue();
    assertThat(Checksums.turkishId("10000000147")).isFalse();
    assertThat(Checksums.southAfricanId("8001015009087")).isTrue();
    assertThat(Checksums.australianTfn("876543210")).isTrue();
    assertThat(Checksums.australianTfn("824753557")).isFalse();
    assertThat(Checksums.germanHealthInsurance("A123456780")).isTrue();
    assertThat(Checksums.germanHealthInsurance("A123456781")).isFalse();
    assertThat(Checksums.germanPensionInsurance("15070649C103")).isTrue();
    assertThat(Checksums.germanPensionInsurance("15070649C104")).isFalse();
  }
}
