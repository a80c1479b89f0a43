package dev.confidant.pii.internal.recognize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrganisationRecognizerTest {
  private static final OrganisationRecognizer ORGS = new OrganisationRecognizer();

  private static List<String> orgs(String text) {
    return ORGS.recognize(text).stream().filter(e -> e.type() == EntityType.ORGANIZATION).map(PiiEntity::value)
        .toList();
  }

  private static List<String> places(String text) {
    return ORGS.recognize(text).stream().filter(e -> e.type() == EntityType.LOCATION).map(PiiEntity::value).toList();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "I work for Acme in Neukirchen an der Enknach und so.|Neukirchen an der Enknach",
      "i work for kalb mts in west malka und bin da|west malka",
      "lavoro per Rossi S.p.A. a Milano.|Milano"})
  void findsThePlaceAfterAnOrganisation(String text, String place) {
    assertThat(places(text)).containsExactly(place);
  }

  @ParameterizedTest
  @ValueSource(strings = {"I work for Acme in the city.", "i work for acme in the city", "The company Acme in Berlin.",
      "I work for Acme", "I work for Acme in"})
  void noPlaceWithoutOne(String text) {
    assertThat(places(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "I work for Northwind Logistics in Rotterdam.|Northwind Logistics",
      "She is employed by Gleichner, Mayer and Schmidt since May.|Gleichner, Mayer and Schmidt",
      "Ich arbeite bei der Firma Kihn-Wilderman in Köln.|Kihn-Wilderman",
      "Ich arbeite bei Meyer GmbH & Co. KG und bin erreichbar.|Meyer GmbH & Co. KG",
      "Je travaille chez Dupont et Fils à Lyon.|Dupont et Fils",
      "lavoro per Rossi S.p.A. a Milano|Rossi S.p.A.",
      "trabajo en Ruiz Hermanos desde 2019|Ruiz Hermanos",
      "Wij werken niet, maar ik werk bij Jansen BV in Utrecht.|Jansen BV",
      "We signed with the company Acme Corp yesterday.|Acme Corp",
      "my customer number is 4711; i work for gleichner, mayer and schmidt in berlin.|gleichner, mayer and schmidt",
      "i work for northwind logistics in rotterdam|northwind logistics",
      "ich arbeite bei schulz e.v. in bonn|schulz e.v.",
      "Ich arbeite bei Schulz e.V. in Bonn.|Schulz e.V.",
      "I work for Antwerpen, Karademir en Pas in Klootsrecht.|Antwerpen, Karademir en Pas",
      "I work for Chudík a Bukovský a.s. in Žandov.|Chudík a Bukovský a.s.",
      "lavoro per björklund, sundin ab a bosås.|björklund, sundin ab",
      "Lavoro per Rossi a Milano.|Rossi"})
  void findsOrganisationsAfterCues(String text, String org) {
    assertThat(orgs(text)).containsExactly(org);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "I work for a living.",
      "The company is great and the firm was fair.",
      "the company policy says no.",
      "I work at home on Fridays.",
      "She joined in 2019.",
      "We work for you.",
      "Damit erfüllte das TecDax-Unternehmen die Erwartungen.",
      "Foligno war Standort von Kasernen und Unternehmen der Luftfahrtindustrie."})
  void leavesOrdinaryWordsAlone(String text) {
    assertThat(orgs(text)).isEmpty();
  }
}
