package dev.confidant.pii.internal.recognize;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.internal.address.Places;
import dev.confidant.pii.internal.lang.Language;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrecisionFilterTest {

  private static PiiEntity entity(String text, String value, EntityType type, String why) {
    int start = text.indexOf(value);
    return new PiiEntity(type, value, start, start + value.length(), 0.7, why);
  }

  private static List<String> kept(String text, String value, EntityType type, String why, Language lang) {
    return PrecisionFilter.apply(text, lang, List.of(entity(text, value, type, why))).stream()
        .map(PiiEntity::value).toList();
  }

  private static List<String> kept(String text, String value, String why, Language lang, double score) {
    int start = text.indexOf(value);
    PiiEntity e = new PiiEntity(EntityType.LOCATION, value, start, start + value.length(), score, why);
    return PrecisionFilter.apply(text, lang, List.of(e)).stream().map(PiiEntity::value).toList();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Andere Vögel bauen ein neues Nest über dem alten.|Nest",
      "Die Aktien lagen am Mittag leicht im Minus.|Minus",
      "Seit Wochen habe ich starke Rückenschmerzen.|Rückenschmerzen",
      "Der Konzern meldet einen negativen Cashflow.|Cashflow"})
  void dropsTheModelsUnsureSpanOfOneGermanCommonNoun(String text, String value) {
    assertThat(kept(text, value, "names/model p=0.66", Language.DE, 0.66)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // surnames and organisations that are also nouns are not in the list
      "Ich habe mit Müller gesprochen.|Müller|names/model p=0.66|DE|0.66",
      "Ich habe mit Fischer gesprochen.|Fischer|names/model p=0.66|DE|0.66",
      "Die Allianz zahlt den Schaden.|Allianz|names/model p=0.66|DE|0.66",
      // the model is sure, the text is not German, or a rule found it
      "Andere Vögel bauen ein neues Nest über dem alten.|Nest|names/model p=0.8|DE|0.8",
      "Birds build a Nest every year.|Nest|names/model p=0.66|EN|0.66",
      "Frau Nest kommt morgen.|Nest|names/title|DE|0.92",
      "Die Nest-Werke zahlen.|Nest-Werke zahlen|names/model p=0.66|DE|0.66"})
  void keepsNamesThatAreAlsoNounsAndSureOrNonGermanSpans(String text, String value, String why, Language lang,
      double score) {
    assertThat(kept(text, value, why, lang, score)).isNotEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Kohlekraftwerk|true", "Rückenschmerzen|true", "Eisenbahnbrücken|true",
      // place, street and organisation endings, place prefixes, hyphens, capitals, surnames, unknown last parts
      "Lehmbruck-Museum|false", "Facebook-Profil|false", "Waldmüller|false", "Tagesspiegel|false",
      "Wilhelmstraße|false", "Baltringen|false", "Verteidigungsministeriums|false", "Ostafrika|false",
      "Nordwesteuropa|false", "DAIMLER-WERK|false", "Hamburg|false", "Lüdenscheid|false",
      "Müller-Lüdenscheidt|false",
      // institutions, archipelagos, ranges and waterways that WikiANN names (the fifth round's losses there)
      "Völkerbund|false", "Kultusministerkonferenz|false", "Bundeszentrale|false", "Hitlerjugend|false",
      "Falklandinseln|false", "Balkangebirge|false", "Langgletscher|false", "Panamakanals|false"})
  void aCompoundEndsInANoun(String word, boolean compound) {
    CommonNouns nouns = CommonNouns.load(PrecisionFilter.class.getClassLoader()).orElseThrow();
    assertThat(nouns.compound(word, 0, word.length())).isEqualTo(compound);
  }

  @Test
  void aCompoundNounIsDroppedUnlessTheGazetteerNamesIt() {
    Places places = Places.load(PrecisionFilter.class.getClassLoader()).orElseThrow();
    String text = "Das Kohlekraftwerk steht in Saarbrücken.";
    List<PiiEntity> found = List.of(entity(text, "Kohlekraftwerk", EntityType.LOCATION, "names/model p=0.66"),
        entity(text, "Saarbrücken", EntityType.LOCATION, "names/model p=0.66"));
    assertThat(PrecisionFilter.apply(text, Language.DE, found, places)).extracting(PiiEntity::value)
        .containsExactly("Saarbrücken");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Please update the attached Legal Risk Report.|Legal Risk Report|names/model p=0.66|EN|0.66|true",
      "Great Service Great People|Great Service Great People|names/model p=0.64|EN|0.64|true",
      "Their Crew Launch Vehicle is late.|Crew Launch Vehicle|names/model p=0.65|EN|0.65|true",
      // a name word, one word, capitals, a sure model, a rule, another language
      "Jane Miller works at the Bank of England.|Bank of England|names/model p=0.66|EN|0.66|false",
      "Ask Jane Miller about it.|Jane Miller|names/model p=0.66|EN|0.66|false",
      "Please update the attached Report.|Report|names/model p=0.66|EN|0.66|false",
      "Please update the attached LEGAL RISK Report.|LEGAL RISK Report|names/model p=0.66|EN|0.66|false",
      "Please update the attached Legal Risk Report.|Legal Risk Report|names/model p=0.75|EN|0.75|false",
      "Please update the attached Legal Risk Report.|Legal Risk Report|names/org-word|EN|0.66|false",
      "Bitte den Legal Risk Report schicken.|Legal Risk Report|names/model p=0.66|DE|0.66|false"})
  void dropsTheModelsUnsureTitleCasePhraseOfCommonEnglishWords(String text, String value, String why, Language lang,
      double score, boolean dropped) {
    assertThat(kept(text, value, why, lang, score).isEmpty()).isEqualTo(dropped);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Analysis revealed that the data had been used.|Analysis|0.66|true",
      "Moreover , many of the elite intermarried.|Moreover|0.68|true",
      "The soup was cold. Trade was slow anyway.|Trade|0.67|true",
      "\"Physicians don't have these tools,\" he said.|Physicians|0.65|false",
      // a name word, a sure model, not a sentence's start, a title, a table row, a foreign institution
      "Miller revealed that the data had been used.|Miller|0.66|false",
      "Analysis revealed that the data had been used.|Analysis|0.8|false",
      "We read the Analysis yesterday.|Analysis|0.66|false",
      "Story of the Year|Story|0.66|false",
      "Arsenal 2 Chelsea 1|Arsenal|0.69|false",
      "Office européen des brevets|Office|0.66|false"})
  void dropsTheModelsUnsureCommonEnglishWordOpeningASentence(String text, String value, double score,
      boolean dropped) {
    assertThat(kept(text, value, "names/model p=" + score, Language.EN, score).isEmpty()).isEqualTo(dropped);
  }

  @Test
  void aCommonWordTheModelTypedAsAPersonOpeningASentenceStays() {
    assertThat(kept("Blunt starred in the 2011 film.", "Blunt", EntityType.PERSON, "names/model p=0.66",
        Language.EN)).containsExactly("Blunt");
    assertThat(kept("Blunt starred in the 2011 film.", "Blunt", EntityType.ORGANIZATION, "names/model p=0.66",
        Language.EN)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Urbanization has led to problems such as obesity.|obesity|true",
      "The pass leads to the capital city.|capital city|true",
      // chat written in lower case, a name that is no common word, a capital, a sure model
      "i need to pay the bills.|bills|false",
      "I flew to delhi last week.|delhi|false",
      "Urbanization has led to problems such as Obesity.|Obesity|false"})
  void dropsTheModelsUnsureLowerCaseCommonWordsInATextThatWritesCapitals(String text, String value,
      boolean dropped) {
    assertThat(kept(text, value, "names/model p=0.68", Language.EN, 0.68).isEmpty()).isEqualTo(dropped);
    assertThat(kept(text, value, "names/model p=0.8", Language.EN, 0.8)).isNotEmpty();
  }

  @Test
  void aResultsLineIsCutAtItsScores() {
    assertThat(kept("Arsenal 2 Chelsea 1", "Arsenal 2 Chelsea 1", EntityType.ORGANIZATION, "names/model",
        Language.EN)).containsExactly("Arsenal", "Chelsea");
    assertThat(kept("Manchester United 3 Liverpool 0", "Manchester United 3 Liverpool", EntityType.ORGANIZATION,
        "names/model", Language.EN)).containsExactly("Manchester United", "Liverpool");
    // numbers inside names, a date, a number at the edge
    for (String name : List.of("Bündnis 90 / Die Grünen", "Bayer 04 Leverkusen", "FCR 2001 Duisburg", "Apollo 11")) {
      assertThat(kept("Gestern: " + name + ".", name, EntityType.ORGANIZATION, "names/model", Language.DE))
          .containsExactly(name);
    }
    assertThat(kept("lors des Attentats du 11 septembre 2001", "Attentats du 11 septembre 2001",
        EntityType.ORGANIZATION, "names/model", Language.FR)).contains("Attentats du 11");
  }

  @Test
  void pluralAcronymsAndBareNumbersAreNoNames() {
    assertThat(kept("The votes of 367 MPs were needed.", "MPs", EntityType.ORGANIZATION, "names/model p=0.66",
        Language.EN)).isEmpty();
    assertThat(kept("Wir haben neue DVDs gekauft.", "DVDs", EntityType.ORGANIZATION, "names/model p=0.66",
        Language.DE)).isEmpty();
    assertThat(kept("Im Juli 2008 war es warm.", "Juli 2008", EntityType.ORGANIZATION, "names/model p=0.66",
        Language.DE)).isEmpty();
    // a rule's acronym, an acronym in the singular, a name ending in s
    assertThat(kept("The MPs said so.", "MPs", EntityType.ORGANIZATION, "org-word", Language.EN)).isNotEmpty();
    assertThat(kept("The NBC said so.", "NBC", EntityType.ORGANIZATION, "names/model p=0.66", Language.EN))
        .isNotEmpty();
    assertThat(kept("Ask Jones about it.", "Jones", EntityType.PERSON, "names/model p=0.66", Language.EN))
        .isNotEmpty();
  }

  @Test
  void aCommonWordAndANumberIsNoStreet() {
    assertThat(kept("i live in area 51.", "area 51.", EntityType.ADDRESS, "address/numbered-name", Language.EN))
        .isEmpty();
    assertThat(kept("i live in area 51.", "area", EntityType.LOCATION, "place-cue/i live in", Language.EN))
        .isEmpty();
    assertThat(kept("moved from Nordø to Geiteryggholtet 8", "Geiteryggholtet 8", EntityType.ADDRESS,
        "address/numbered-name", Language.EN)).isNotEmpty();
    assertThat(kept("op týnská 714", "týnská 714", EntityType.ADDRESS, "address/numbered-name", Language.NL))
        .isNotEmpty();
  }

  @Test
  void theCommonNounListComesWithTheModelsArtifact() {
    CommonNouns nouns = CommonNouns.load(PrecisionFilter.class.getClassLoader()).orElseThrow();
    assertThat(nouns.size()).isGreaterThan(100_000);
    assertThat(nouns.contains("das Nest", 4, 8)).isTrue();
    assertThat(nouns.contains("nest", 0, 4)).isFalse();
    assertThat(CommonNouns.NONE.contains("Nest", 0, 4)).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Ich bin Jürgen Müller|bin Jürgen Müller|DE|Jürgen Müller",
      "Guten Tag Anna, wie geht es?|Guten Tag Anna|DE|Anna",
      "Kundennummer: Weber|Kundennummer: Weber|DE|Weber",
      "John Smith said so|John Smith said|EN|John Smith",
      "ik ben Jan de Vries|ben Jan de Vries|NL|Jan de Vries",
      "Los Angeles is big|Los Angeles|EN|Los Angeles",
      "Frankfurt am Main liegt am Main|Frankfurt am Main|DE|Frankfurt am Main",
      "write to tracy sukhorukova now|tracy sukhorukova|EN|tracy sukhorukova",
      "Please ask Jane Miller's assistant.|Jane Miller's|EN|Jane Miller",
      "It is Anna Weber’s turn.|Anna Weber’s|EN|Anna Weber"})
  void trimsOrdinaryWordsAtTheEdgesOnly(String text, String value, Language lang, String expected) {
    assertThat(kept(text, value, EntityType.PERSON, "names/model", lang)).containsExactly(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "The Dutch students have yet to decide.|Dutch|EN",
      "Despite that, the German company was in trouble.|German|EN",
      "Frohe Weihnachten und einen guten Rutsch!|Frohe|DE",
      "Merry Christmas and a Happy New Year!|Merry|EN",
      "Joyeux Noël et bonne année !|Joyeux Noël|FR",
      "Marzo Abril Mayo|Marzo Abril|EN"})
  void dropsModelSpansOfGroupWordsSeasonalGreetingsAndForeignCalendarWords(String text, String value, Language lang) {
    assertThat(kept(text, value, EntityType.ORGANIZATION, "names/model p=0.7", lang)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Vorname: Jürgen|Jürgen|ORGANIZATION|PERSON",
      "Kunde: Berger, Vorname : Jürgen|Jürgen|LOCATION|PERSON",
      "Achternaam: Visser|Visser|LOCATION|PERSON",
      "Stadt: Berlin|Berlin|LOCATION|LOCATION",
      "Firma: Jürgen Bau|Jürgen Bau|ORGANIZATION|ORGANIZATION"})
  void aNameAfterAPersonsNameLabelIsAPerson(String text, String value, EntityType found, EntityType expected) {
    assertThat(PrecisionFilter.apply(text, Language.DE, List.of(entity(text, value, found, "names/model"))))
        .extracting(PiiEntity::type).containsExactly(expected);
  }

  @Test
  void keepsNamesThatStartWithAGreetingWordOrAreCalledLikeAMonthWhereARuleFoundThem() {
    assertThat(kept("Happy Gilmore is a film.", "Happy Gilmore", EntityType.PERSON, "names/model", Language.EN))
        .containsExactly("Happy Gilmore");
    assertThat(kept("Julio Iglesias sang.", "Julio Iglesias", EntityType.PERSON, "names/model", Language.EN))
        .containsExactly("Julio Iglesias");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Guten Tag, wie geht es?|Guten Tag|DE",
      "Sehr geehrte Damen und Herren|Damen|DE",
      "Mit freundlichen Grüßen|freundlichen Grüßen|DE",
      "On Friday we met|Friday|EN",
      "When is German Unity Day?|German Unity Day|EN",
      "Bonjour, je suis là|Bonjour|FR",
      "Buongiorno a tutti|Buongiorno|IT",
      "Buenos días|Buenos|ES",
      "Goedemorgen allemaal|Goedemorgen|NL",
      "Telefon: 030 123|Telefon|DE",
      "Call the Hotline|Hotline|EN"})
  void dropsSpansOfOrdinaryWordsInAnySupportedLanguage(String text, String value, Language lang) {
    for (EntityType type : List.of(EntityType.PERSON, EntityType.ORGANIZATION, EntityType.LOCATION)) {
      assertThat(kept(text, value, type, "names/model", lang)).as("%s as %s", value, type).isEmpty();
    }
  }

  @Test
  void aHeadlineIsAShortAllCapitalsLineAndALongLineIsReadNoFurtherThanItsReach() {
    String headline = "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .";
    String text = "Results\n" + headline + "\nmore text";
    int japan = text.indexOf("JAPAN");
    org.assertj.core.api.Assertions.assertThat(PrecisionFilter.inHeadline(text, japan, japan + 5)).isTrue();
    String long1 = "a".repeat(PrecisionFilter.HEADLINE_REACH + 1) + " " + headline;
    int j = long1.indexOf("JAPAN");
    org.assertj.core.api.Assertions.assertThat(PrecisionFilter.inHeadline(long1, j, j + 5)).isFalse();
  }

  @Test
  void aCalendarWordAfterATitleOrCueStaysAName() {
    assertThat(kept("Please ask Mrs. May", "May", EntityType.PERSON, "names/title", Language.EN))
        .containsExactly("May");
    assertThat(kept("I bought it in May", "May", EntityType.PERSON, "names/model", Language.EN)).isEmpty();
  }

  @Test
  void aFormFieldsPlaceAndATownWithItsTailStayWhole() {
    assertThat(kept("City: Costa laziale", "Costa laziale", EntityType.LOCATION, "form-field/place", Language.EN))
        .containsExactly("Costa laziale");
    assertThat(kept("I live in Cirino ligure.", "Cirino ligure", EntityType.LOCATION, "places/tail", Language.EN))
        .containsExactly("Cirino ligure");
    assertThat(kept("I live in Cirino ligure.", "Cirino ligure", EntityType.LOCATION, "names/model", Language.EN))
        .containsExactly("Cirino");
  }

  @Test
  void cutsAMixedCaseSpanAtLowerCaseWordsThatAreNoConnectors() {
    String text = "Ciao, sono Giulia Bianchi e abito a Milano.";
    assertThat(kept(text, "Giulia Bianchi e abito a Milano", EntityType.ORGANIZATION, "names/model", Language.IT))
        .containsExactly("Giulia Bianchi", "Milano");
    assertThat(kept("the Bank of England said", "Bank of England", EntityType.ORGANIZATION, "names/model",
        Language.EN)).containsExactly("Bank of England");
  }

  @Test
  void mappingValuesAreNeverTouched() {
    String text = "Guten Tag";
    assertThat(kept(text, "Guten Tag", EntityType.PERSON, "mapping/rematch", Language.DE)).containsExactly(text);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Bayern Munich 3 1 0 2 5 6 10|3 1 0 2 5 6",
      "Werder 34 21 8 5 68:27 71|34 21 8 5"})
  void numberTableRowsAreNoPhones(String text, String value) {
    assertThat(PrecisionFilter.numberTableRow(text, entity(text, value, EntityType.PHONE, "phone/valid@SE")))
        .isTrue();
  }

  @Test
  void aPhoneNextToOneOtherNumberIsNoTableRow() {
    String text = "Mijn klantnummer is 45161028, bel me op 23 13 11 97 alstublieft.";
    assertThat(PrecisionFilter.numberTableRow(text, entity(text, "23 13 11 97", EntityType.PHONE, "phone/valid@NO")))
        .isFalse();
  }

  @Test
  void noExampleNumberOfAnyRegionLooksLikeATableRow() {
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    int checked = 0;
    for (String region : util.getSupportedRegions()) {
      for (PhoneNumberType type : List.of(PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE,
          PhoneNumberType.TOLL_FREE)) {
        PhoneNumber n = util.getExampleNumberForType(region, type);
        if (n == null) {
          continue;
        }
        String number = util.format(n, PhoneNumberFormat.NATIONAL);
        String text = "You can reach me at " + number + " after six.";
        assertThat(PrecisionFilter.numberTableRow(text, entity(text, number, EntityType.PHONE, "phone/valid")))
            .as("%s %s", region, number).isFalse();
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(400);
  }
}
