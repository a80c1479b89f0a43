package dev.confidant.pii.internal.recognize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.PiiOptions;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AccountIdRecognizerTest {
  private static final AccountIdRecognizer IDS = new AccountIdRecognizer();

  private static List<String> ids(String text) {
    return IDS.recognize(text).stream().map(PiiEntity::value).toList();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Kundennummer KD-99812|KD-99812",
      "Meine Kunden-Nr.: 4471-22 bitte|4471-22",
      "my account 77120934 is blocked|77120934",
      "Customer ID: C-102938|C-102938",
      "the policy number is PL/2024/00917.|PL/2024/00917",
      "mon numéro client est 55123|55123",
      "N° client 88812, merci|88812",
      "mi número de cliente: 4471029|4471029",
      "klantnummer 1234567|1234567",
      "il mio codice cliente è 889911|889911",
      "Vertragsnummer lautet V-778812|V-778812",
      "ticket #48213 is still open|48213",
      "Order no. 9912-771 arrived|9912-771",
      "Ticket holder number 55012233 here.|55012233",
      "My subscriber ID: SUB-448812|SUB-448812",
      "Policyholder number 7712-3345|7712-3345",
      "Versichertennummer: A123456789|A123456789",
      "Meine Abonummer lautet 998877.|998877",
      "Kd.-Nr. 4471123|4471123",
      "Mon numéro d'abonné est 55443322.|55443322",
      "Numéro de sociétaire : 77889911|77889911",
      "Número de abonado: 99887766|99887766",
      "Número de afiliado 1234567|1234567",
      "Numero abbonato: 99887766|99887766",
      "Abonneenummer: 99887766|99887766",
      "Mijn relatienummer is 30012345.|30012345",
      "customer #4471123 called again|4471123",
      "Kunde # 5531-2 hat angerufen|5531-2",
      "member #A-20931, please check|A-20931",
      "klant #7781234|7781234"})
  void findsIdentifiersAfterCues(String text, String id) {
    assertThat(ids(text)).containsExactly(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "my account was created in 2019",
      "in order to get 3 items",
      "the contract ends on 12.03.2025",
      "Kundennummer ist unbekannt, Rechnung 4711",
      "account\n77120934",
      "order 12",
      "the customer 3 rows down paid 4500 euros",
      "our customers #1 choice since 2019",
      "Kunde 4471123"})
  void ignoresWhatIsNoIdentifierAfterACue(String text) {
    assertThat(ids(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "My driver's license number is 481195160|481195160",
      "Führerschein: B072RRE2I55|B072RRE2I55",
      "passport number X1234567|X1234567",
      "numéro de passeport 12AB34567|12AB34567",
      "mijn rijbewijs is 5123456789|5123456789",
      // US state formats written in groups (New Jersey, Michigan, Pennsylvania) and a letter apart.
      "My driver's license number is B9441 20138 10541|B9441 20138 10541",
      "My driver's license number is N 263 071 663 969|N 263 071 663 969",
      "my driver's license number is 57 443 206 and it expires in may|57 443 206"})
  void licenceAndPassportNumbersAreNationalIds(String text, String id) {
    assertThat(IDS.recognize(text)).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(EntityType.NATIONAL_ID);
      assertThat(e.value()).isEqualTo(id);
    });
  }

  @Test
  void canBeSwitchedOffInTheOptions() {
    String text = "Kundennummer KD-99812";
    assertThat(Analyzer.of(PiiOptions.defaults().withNameModel(false)).analyze(text, true, null))
        .extracting(PiiEntity::type).containsExactly(EntityType.ACCOUNT_ID);
    assertThat(Analyzer.of(PiiOptions.defaults().withNameModel(false).withEntityType(EntityType.ACCOUNT_ID, false))
        .analyze(text, true, null)).isEmpty();
  }
}
