package dev.confidant.pii.internal.recognize;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.PiiOptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneRecognizerTest {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final PhoneRecognizer PHONE = new PhoneRecognizer(PiiOptions.DEFAULT_PHONE_REGIONS);
  /** Rules only, all recognizers: a phone false positive would also hide what another recognizer finds. */
  private static final Analyzer RULES = Analyzer.of(PiiOptions.defaults().withNameModel(false));

  /** libphonenumber's own example number of a region, written as that region writes it nationally. */
  private static String national(String region, PhoneNumberType type) {
    PhoneNumber n = UTIL.getExampleNumberForType(region, type);
    assertThat(n).as("example number for %s %s", region, type).isNotNull();
    return UTIL.format(n, PhoneNumberFormat.NATIONAL);
  }

  private static void assertPhone(String text, String value) {
    assertThat(PHONE.recognize(text)).as("phone in a text of %d chars", text.length()).anySatisfy(e -> {
      assertThat(e.type()).isEqualTo(EntityType.PHONE);
      assertThat(text.substring(e.start(), e.end())).isEqualTo(value);
      assertThat(e.score()).isGreaterThanOrEqualTo(0.4);
      assertThat(e.explanation()).doesNotContain(value);
    });
  }

  private static List<EntityType> types(String text) {
    return RULES.analyze(text, true, null).stream().map(PiiEntity::type).toList();
  }

  /** Regions outside the default ones, with national formats of 7 or more digits that are not thousands-like. */
  @ParameterizedTest
  @ValueSource(strings = {"BF", "BR", "JP", "KE", "MV", "BN", "AR", "BY", "CF", "DJ", "NZ", "EG", "CL"})
  void nationalNumbersOfOtherRegionsAreRecognizedAsWritten(String region) {
    assertThat(PiiOptions.DEFAULT_PHONE_REGIONS).doesNotContain(region);
    for (PhoneNumberType type : List.of(PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE)) {
      String number = national(region, type);
      assertPhone("Meet me at " + number + " after six.", number);
      assertPhone("Call me on " + number + ".", number);
    }
  }

  /** The dev target (recall >= 0.99) on every region's example numbers as written nationally, next to a cue word. */
  @Test
  void nearlyEveryRegionsNationalExampleNumberIsFoundAfterACueWord() {
    int total = 0;
    int found = 0;
    for (String region : UTIL.getSupportedRegions()) {
      for (PhoneNumberType type : List.of(PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE,
          PhoneNumberType.TOLL_FREE, PhoneNumberType.VOIP)) {
        PhoneNumber n = UTIL.getExampleNumberForType(region, type);
        if (n == null) {
          continue;
        }
        String number = UTIL.format(n, PhoneNumberFormat.NATIONAL);
        String text = "You can reach me at " + number + " after six.";
        total++;
        if (PHONE.recognize(text).stream().anyMatch(e -> e.start() == 20 && e.end() == 20 + number.length())) {
          found++;
        }
      }
    }
    assertThat(total).isGreaterThan(700);
    assertThat((double) found / total).as("%d of %d", found, total).isGreaterThanOrEqualTo(0.99);
  }

  @Test
  void aNumberValidOnlyElsewhereScoresBelowAConfiguredRegionsAndRisesWithACue() {
    String foreign = national("BF", PhoneNumberType.MOBILE);
    String german = national("DE", PhoneNumberType.FIXED_LINE);
    double plain = PHONE.recognize("see " + foreign).get(0).score();
    assertThat(plain).isLessThan(PHONE.recognize("see " + german).get(0).score());
    assertThat(PHONE.recognize("phone " + foreign).get(0).score()).isGreaterThan(plain);
  }

  @Test
  void aNumberOfAnotherRegionWithoutCueMustBeWrittenAsThatRegionWritesIt() {
    // Brazil writes "(11) 96123-4567"; the same digits regrouped are no Brazilian number on sight.
    String written = national("BR", PhoneNumberType.MOBILE);
    String digits = written.replaceAll("\\D", "");
    String regrouped = digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6);
    assertThat(PHONE.recognize("see " + written + " here")).isNotEmpty();
    assertThat(PHONE.recognize("see " + regrouped + " here")).isEmpty();
  }

  /** Five-digit numbering plans: St Helena, Tuvalu, the Falklands, Solomon Islands, Vanuatu. */
  @ParameterizedTest
  @ValueSource(strings = {"SH", "TV", "FK", "SB", "VU"})
  void shortNumbersCountOnlyRightAfterAPhoneWord(String region) {
    String number = national(region, PhoneNumberType.FIXED_LINE);
    assertThat(number.replaceAll("\\D", "")).hasSize(5);
    assertPhone("You can reach me at " + number + " after six.", number);
    assertPhone("Tel. " + number, number);
    assertThat(PHONE.recognize("The office at " + number + " is closed.")).isEmpty();
    assertThat(PHONE.recognize("Ticket " + number + " was closed by phone support.")).isEmpty();
    assertThat(PHONE.recognize("Our ads reach " + number + " readers.")).isEmpty();
    assertThat(PHONE.recognize("Call count " + number + " reached.")).isEmpty();
  }

  @Test
  void dottedNumbersOfNewCaledoniaCountAfterAPhoneWordButRealDatesDoNot() {
    String mobile = national("NC", PhoneNumberType.MOBILE);
    assertThat(mobile).contains(".");
    assertPhone("call me at " + mobile, mobile);
    assertThat(PHONE.recognize("call me on 20.12.24")).isEmpty();
    assertThat(PHONE.recognize("the release 75.12.34 is out")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Your order 12345678 has shipped.",
      "Meeting on 31.12.2024 at noon",
      "Meeting on 2024-01-31 at noon",
      "Meeting on 12/31/24 at noon",
      "He was mayor from 1990-1995 and 2001/2006.",
      "Season 2019-2020 ended.",
      "Upgrade to version 10.12.345 now",
      "The population was 72 128 804 in 2020.",
      "Revenue of EUR 72.128.804 was reported.",
      "Revenue of EUR 12.345.678 was reported.",
      "My driver's license number is 481195160",
      "Your ticket number is 75123456"})
  void lookalikesAreNoPhones(String text) {
    assertThat(types(text)).doesNotContain(EntityType.PHONE);
  }

  @Test
  void ibanAndCardDigitsStayIbanAndCard() {
    assertThat(types("IBAN DE89 3704 0044 0532 0130 00 for the refund")).containsExactly(EntityType.IBAN);
    assertThat(types("card 4111 1111 1111 1111 expires")).containsExactly(EntityType.CREDIT_CARD);
    assertThat(types("call me, card 4111 1111 1111 1111")).containsExactly(EntityType.CREDIT_CARD);
  }

  @Test
  void numberIsACueOnlyWhenNothingElseOwnsIt() {
    String us = UTIL.format(UTIL.getExampleNumberForType("US", PhoneNumberType.MOBILE), PhoneNumberFormat.E164)
        .substring(2);
    assertPhone("my number is " + us, us);
    assertPhone("My US number is " + us, us);
    assertThat(PHONE.recognize("her account number is " + us)).isEmpty();
    assertThat(PHONE.recognize("ID number " + us)).isEmpty();
  }

  @Test
  void aLabelOnTheNextLineBelongsToTheNumberOnThatLine() {
    String text = "Areavibes Inc\n27 2279 President St\nGleniti\nMobile: 041-412-293";
    List<PiiEntity> found = RULES.analyze(text, true, null);
    assertThat(found).filteredOn(e -> e.start() == text.indexOf("27 2279"))
        .singleElement().satisfies(e -> assertThat(e.type()).isEqualTo(EntityType.ADDRESS));
    assertPhone(text, "041-412-293");
  }

  @Test
  void aOneDigitAreaCodeInParenthesesBelongsToTheNumber() {
    String santiago = national("CL", PhoneNumberType.MOBILE);
    assertThat(santiago).startsWith("(2) ");
    assertPhone("Call me on " + santiago + ".", santiago);
  }

  /** Year, season and page ranges, book numbers and amounts that libphonenumber reads as Austrian or German phones. */
  @ParameterizedTest
  @ValueSource(strings = {
      "Fabio Colonna ( Italy , 1567-1640 )",
      "In der Spielzeit 1998/99 gelang ihm der Durchbruch.",
      "He worked there from 1937-38 .",
      "Journal of Personality and Social Psychology, 76, 893-910.",
      "Carlsen Verlag , ISBN 3-551-77401-3 .",
      "Mindestens 330.000 Menschen waren involviert.",
      "Zudem bestanden im Jahr 1999 42 landwirtschaftliche Betriebe."})
  void rangesBookNumbersAndAmountsAreNoPhones(String text) {
    assertThat(PHONE.recognize(text)).isEmpty();
  }

  /** The same shapes stay phones after a phone word, and the North American local shape without one. */
  @Test
  void rangeShapesAreStillPhonesWithACue() {
    assertPhone("Call me on 1505-1540.", "1505-1540");
    assertPhone("Tel. 0662 123456", "0662 123456");
    assertPhone("Room 12, 853-7408 direct.", "853-7408");
    assertPhone("my international one is 91-415-555-0132", "91-415-555-0132");
  }

  /** Phone words of French, Spanish, Italian and Dutch vouch for a number of a region outside the configured ones. */
  @Test
  void phoneWordsInSixLanguagesVouchForNumbersOfOtherRegions() {
    assertPhone("Mon numéro client est 927725, vous pouvez me joindre au 492 090 067.", "492 090 067");
    assertPhone("Por favor, llámame al 492 090 067 mañana.", "492 090 067");
    assertPhone("Può chiamarmi al cellulare 492 090 067.", "492 090 067");
    assertPhone("Je kunt me bellen op 492 090 067.", "492 090 067");
    assertPhone("Nom : Irena Klein\nTél. : 491 781 925", "491 781 925");
    assertPhone("Tlf.: 491 781 925", "491 781 925");
    assertThat(PHONE.recognize("Le colis pèse 492 090 067 grammes.")).isEmpty();
  }

  @Test
  void anExtensionDoesNotCountTowardsTheLengthLimit() {
    assertPhone("Fax: 001-420-335-7509x38548", "001-420-335-7509x38548");
  }
}
