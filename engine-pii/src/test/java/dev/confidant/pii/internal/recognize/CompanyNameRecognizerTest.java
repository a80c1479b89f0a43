package dev.confidant.pii.internal.recognize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.internal.ner.NameModels;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CompanyNameRecognizerTest {
  private static final CompanyNameRecognizer WITH_LEXICON = new CompanyNameRecognizer(NameModels.load().tagger());
  private static final CompanyNameRecognizer RULES_ONLY = new CompanyNameRecognizer(null);
  private static final Analyzer ANALYZER = Analyzer.of(PiiOptions.defaults());

  private static List<String> orgs(CompanyNameRecognizer recognizer, String text) {
    return recognizer.recognize(text).stream().filter(e -> e.type() == EntityType.ORGANIZATION)
        .map(PiiEntity::value).toList();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "The invoice came from Lopez and Sons yesterday.|Lopez and Sons",
      "Wir bestellen bei Becker & Söhne seit Jahren.|Becker & Söhne",
      "La facture de Dupont et Fils est arrivée.|Dupont et Fils",
      "Il preventivo di Rossi e figli è pronto.|Rossi e figli",
      "Then Ruiz Hermanos called.|Ruiz Hermanos",
      "Then Nowak sp. z o.o. sent the goods.|Nowak sp. z o.o.",
      "melisa majstorović\\npoljak j.d.o.o. is the sender|poljak j.d.o.o.",
      "Faktura od Masaryková s.r.o. přišla.|Masaryková s.r.o.",
      "Pavelić-Đukić j.d.o.o. je poslao račun.|Pavelić-Đukić j.d.o.o.",
      "A Kovács Kft. számlája|Kovács Kft.",
      "Ordered from Rossi SPA last week.|Rossi SPA",
      "Factuur van Jansen VOF ontvangen.|Jansen VOF",
      "Iveta Godmanis\\nAS Muižnieks\\nApt. 664 Krūmiņš iela 13|AS Muižnieks",
      "Rēķinu nosūtīja SIA Kalniņš un Bērziņš.|SIA Kalniņš un Bērziņš",
      "Sąskaitą atsiuntė UAB Vilkas vakar.|UAB Vilkas"})
  void findsFamilyFirmsAndLegalFormsWithoutTheLexicon(String text, String org) {
    assertThat(orgs(RULES_ONLY, text.replace("\\n", "\n"))).containsExactly(org);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "During the 1990s, Hirvonen-Mäkinen invested heavily in new designs.|Hirvonen-Mäkinen",
      "We buy from Garcia-Lopez now.|Garcia-Lopez",
      "i work for o'hara-murphy in town|o'hara-murphy",
      "according to the Hubbard, Fox and Gillespie website|Hubbard, Fox and Gillespie",
      "Smith, Johnson and Williams sent the contract.|Smith, Johnson and Williams",
      "The audit was done by Miller Consulting last year.|Miller Consulting"})
  void findsSurnameShapesWithTheLexicon(String text, String org) {
    assertThat(orgs(WITH_LEXICON, text)).containsExactly(org);
    assertThat(orgs(RULES_ONLY, text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Peter Nau\\nGehre-Edorh\\nFünfhaus (Paasdorf) 122, Ybbsitz, Bgld. 8010\\nMobile: 0732 76789770|Gehre-Edorh",
      "Manyi Pál\\nOláh és Székely\\n3. em Sopron köz 15, Emirfalva, SZ 6742|Oláh és Székely",
      "Tiffany Kilfoyle\\nNera Economic Consulting\\n74 106 Kate Edger Place, BINSTED|Nera Economic Consulting",
      "• Ronald Pesälä\\n• Tableau Software\\n• 48 107 Rue Abdelaziz Thâalbi|Tableau Software",
      "enrico steffny\\nhoffman blume\\napt. 434 heinrich landauer gasse 23b|hoffman blume"})
  void findsTheCompanyLineOfASignature(String text, String org) {
    assertThat(orgs(RULES_ONLY, text.replace("\\n", "\n"))).contains(org);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Anna Weber\nSales Manager\n+49 30 1234567",
      "Hi Anna\nThanks a lot\n12 items are missing",
      "Best regards\nJohn Smith\n555-0100",
      "Billing address: Xenia Liebe\nKinderheimgasse 48b\n2 OG",
      "Will Hansen\n0354 Ortiz Meadow\nKC3 3YR East Marth",
      "The long-term plan is a well-known one.",
      "Germany, France and Italy signed the treaty.",
      "We met in the north-west of the country.",
      "Jean-Pierre called me yesterday.",
      "Please send it e.g. by mail, i.e. today.",
      "It was a black-and-white film.",
      "Rock & Roll never dies.",
      "Ist dies wirklich der neue Batman-Film?",
      "Saint-Denis, Stade de France",
      "Maria Garcia-Lopez called me.",
      "Naomi Lang & Peter Tchernyshev won the silver medal.",
      "PLEASE CALL AS SOON AS YOU CAN",
      "As Anna said, it works."})
  void leavesOrdinaryLinesAndWordsAlone(String text) {
    assertThat(orgs(WITH_LEXICON, text)).isEmpty();
  }

  @Test
  void theCompanyLineSurvivesThePrecisionFilter() {
    String text = "Jarmila Tatárka\nMasaryková s.r.o.\nHollého 237, Snina, TT 79644\nMobile: 0909 485 668";
    assertThat(ANALYZER.analyze(text, true, null)).anySatisfy(e -> assertThat(e.value()).contains("s.r.o."));
  }

  @Test
  void hostileInputDoesNotBacktrackCatastrophically() {
    List<String> hostile = List.of(
        "Abc-".repeat(15_000) + "1",
        "Abc, ".repeat(12_000) + "and",
        "Abc ".repeat(15_000) + "s.r.o",
        "Abc & ".repeat(10_000),
        "Abc Def\n".repeat(8_000),
        "a\n".repeat(30_000),
        "Ab sp. z o.".repeat(6_000));
    for (String text : hostile) {
      long t0 = System.nanoTime();
      WITH_LEXICON.recognize(text);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("scan of %s...", text.substring(0, 12))
          .isLessThan(Duration.ofSeconds(10));
    }
  }
}
