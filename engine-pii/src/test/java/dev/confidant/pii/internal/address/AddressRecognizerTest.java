package dev.confidant.pii.internal.address;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressRecognizerTest {
  private static final AddressRecognizer ADDRESSES = new AddressRecognizer();

  private static List<String> found(String text) {
    return ADDRESSES.recognize(text).stream().peek(e -> assertThat(e.type()).isEqualTo(EntityType.ADDRESS))
        .map(PiiEntity::value).toList();
  }

  /** Our own sentences, one per country and format; "\n" stands for a line break. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "I live at 221 Baker Street, London.|221 Baker Street, London",
      "Envoyez-le au 12, rue de la Paix, 75002 Paris, France.|12, rue de la Paix, 75002 Paris, France",
      "Calle de Alcalá 45, 3º izq., 28014 Madrid|Calle de Alcalá 45, 3º izq., 28014 Madrid",
      "Stationsweg 12\\n1012 AB Amsterdam|Stationsweg 12\\n1012 AB Amsterdam",
      "ul. Długa 5/7 m. 3, 00-950 Warszawa|ul. Długa 5/7 m. 3, 00-950 Warszawa",
      "Rua Augusta 100, 1100-053 Lisboa|Rua Augusta 100, 1100-053 Lisboa",
      "Storgatan 5, 114 55 Stockholm|Storgatan 5, 114 55 Stockholm",
      "Nørrebrogade 10, 2. th., 2200 København N|Nørrebrogade 10, 2. th., 2200 København N",
      "Mannerheimintie 12 B 5, 00100 Helsinki|Mannerheimintie 12 B 5, 00100 Helsinki",
      "Schicken Sie es an Lindenweg 3, 80331 München.|Lindenweg 3, 80331 München",
      "She moved to 14 Kate Edger Place last year|14 Kate Edger Place",
      "Ship to 98 árpád fejedelem útja 45.\\n apt. 614\\n pomáz\\n\\n hungary 2013|98 árpád fejedelem útja 45.\\n apt. 614\\n pomáz\\n\\n hungary 2013",
      "Mein Büro: 87 Jakobi 69, Tartu|87 Jakobi 69, Tartu",
      "address: 03 Πλατεία Μαβίλη 170, ΛΕΥΚΩΣΙΑ|03 Πλατεία Μαβίλη 170, ΛΕΥΚΩΣΙΑ",
      "9 Rosebank Road\\n Suite 12\\n Dunedin\\n, nan\\n New Zealand 9016|9 Rosebank Road\\n Suite 12\\n Dunedin\\n, nan\\n New Zealand 9016",
      "wohnhaft in 80331 München|80331 München",
      "Denmark 8000 is where I live|Denmark 8000",
      "wohne in der Meggyes sétány 6, 9175 Fazekasváros.|Meggyes sétány 6, 9175 Fazekasváros",
      "send it to shaniqua senger, 63998 gleichner dam apt. 491, 71784 new angel, cape verde.|63998 gleichner dam apt. 491, 71784 new angel, cape verde.",
      "Via Rocco 2 Piano 8\\n65821 Costantino lido\\nCameroon|Via Rocco 2 Piano 8\\n65821 Costantino lido\\nCameroon",
      "Ship it to 7833 Boulevard de la Bûcherie, 9 étage, 61143 Cayenne|7833 Boulevard de la Bûcherie, 9 étage, 61143 Cayenne",
      "Szent László út 08/B, 1678 Barót|Szent László út 08/B, 1678 Barót",
      "mieszkam przy al. Jerozolimskie 65, 00-697 Warszawa|al. Jerozolimskie 65, 00-697 Warszawa",
      "asun osoitteessa Hämeenkatu12, 33100 Tampere|Hämeenkatu12, 33100 Tampere",
      "Vivo en Calle Mayor, 9 Esc. 2, 28013 Madrid.|Calle Mayor, 9 Esc. 2, 28013 Madrid",
      "Wir wohnen Am Markt 5, 04109 Leipzig.|Am Markt 5, 04109 Leipzig",
      "Jeg bor på Over Vesterbrogade 12, 1620 København.|Over Vesterbrogade 12, 1620 København",
      "Thorvald Meyers gate 5 Oppgang B, 0555 Oslo|Thorvald Meyers gate 5 Oppgang B, 0555 Oslo",
      "Keizersgracht 177 II, 1016 DR Amsterdam|Keizersgracht 177 II, 1016 DR Amsterdam",
      "I live at 954 Maple Ville, 51276 Springfield.|954 Maple Ville, 51276 Springfield",
      "12 Baker Street, B6K 6DE Birmingham|12 Baker Street, B6K 6DE Birmingham",
      "i live at 790 king street, hq1 0at london.|790 king street, hq1 0at london",
      "Please send it to Backlunds Gata 0, 98580 Bomora.|Backlunds Gata 0, 98580 Bomora",
      "Bitte an Krymská 0, 608 10 Tachov|Krymská 0, 608 10 Tachov",
      "meine adresse ist backallén 1, 65313 enlöv. danke|backallén 1, 65313 enlöv.",
      "Stekplantsoen 83, 3 hoog, 6674 RF West Vriezekolkhout|Stekplantsoen 83, 3 hoog, 6674 RF West Vriezekolkhout",
      "Hütten 92c, Apt. 090, 1766 Ratten, El Salvador|Hütten 92c, Apt. 090, 1766 Ratten, El Salvador",
      "i live at 1904 mitchell forks suite 959, 13603 new adamland.|1904 mitchell forks suite 959, 13603 new adamland",
      "ik woon op Eldarvej 774 4TV., 3505 Nordbo.|Eldarvej 774 4TV., 3505 Nordbo",
      "Please send it to Im tiefen Boden 2646, 9246 Alt Nick, Portugal.|Im tiefen Boden 2646, 9246 Alt Nick, Portugal",
      "to verron mutsaars, majkapark 3124, 1964 nieuw sebrechtskerk, servië.|majkapark 3124, 1964 nieuw sebrechtskerk, servië",
      "Ship it to:\\nMarkku Toivonen\\nKoivistoranta89\\n63469 Raesi|Koivistoranta89\\n63469 Raesi",
      // A unit before the street, a German '-str.' abbreviation, region codes in any case before a postcode.
      "He has lived at Apt. 294 561 Nader Shore, New Angel, ME 17457 since 2019.|Apt. 294 561 Nader Shore, New Angel, ME 17457",
      "die neue Anschrift ist 4 étage, 4 Impasse Laffitte, 21503 Colmar.|4 étage, 4 Impasse Laffitte, 21503 Colmar",
      "8 OG Neißestr. 98c, Lenzhagen, SN 19089\\nMobile: 04968 26548087|8 OG Neißestr. 98c, Lenzhagen, SN 19089",
      "apt. 434 heinrich landauer gasse 23b, turnau, oö 2644\\nmobile: 01 42|apt. 434 heinrich landauer gasse 23b, turnau, oö 2644",
      "to Apt. 131 Kirchweg 56, Eben im Pongau, W 7514 for the statements|Apt. 131 Kirchweg 56, Eben im Pongau, W 7514",
      // A street without a number after "on", Irish and Canadian codes, a Danish floor after a comma, a lone number.
      "the new office is on kathyrn lane, close to the station.|kathyrn lane",
      "the new office is on passage de la baillive, close to the station.|passage de la baillive",
      "the new office is on hermann-nörrenberg-str., close to the station.|hermann-nörrenberg-str.",
      "She has lived at Crescent McGlynn 4, Dublin D22 since 2019.|Crescent McGlynn 4, Dublin D22",
      "neue adresse ist street o'dea 80, d6w hndd dublin. mit freundlichen grüßen|street o'dea 80, d6w hndd dublin",
      "ship it to:\\ngenoveva keeling\\n31 watsica oval, r7s 9t5 lake noah|31 watsica oval, r7s 9t5 lake noah",
      "an:\\nKristin Quist\\nØster Ringgyde 943, 8TV., 4636 Vivig, Madagaskar|Øster Ringgyde 943, 8TV., 4636 Vivig, Madagaskar",
      "I once lived at Puerta 368 Entrada Sofía Sáenz, 53, Coslada, Cat 52758. Now|Puerta 368 Entrada Sofía Sáenz, 53, Coslada, Cat 52758.",
      // A street of no known type before a place and a region code with its postcode; a Hungarian promenade.
      "Masaryková s.r.o.\\nHollého 237, Snina, TT 79644\\nMobile: 0909 485 668|Hollého 237, Snina, TT 79644",
      "Lea Medová\\nBadeniho 9, Nový Jičín, KVK 215 99\\nFax: 283 710 037|Badeniho 9, Nový Jičín, KVK 215 99",
      "we moved from ó armilla to kaposvári sétány 77c last month.|kaposvári sétány 77c",
      // A name and a number after a move's "to"; the Spanish "s/n" (sin número).
      "We moved from Nordø to Geiteryggholtet 8 last month.|Geiteryggholtet 8",
      "we moved from zaprešić to bože starca jurićeva 8 last month.|bože starca jurićeva 8",
      "I once lived at Paseo Marcos Menéndez s/n. Esc. 260, Baracaldo, Mur 17650. Now|"
          + "Paseo Marcos Menéndez s/n. Esc. 260, Baracaldo, Mur 17650.",
      // Irish streets type first, house number 0, Slovak postcodes of two and three digits, lower-case tails.
      "i once lived at crescent o'farrell 98, drogheda, co. cavan. now|crescent o'farrell 98, drogheda, co. cavan.",
      "now i live at rise o'neill 343, dublin d16.|rise o'neill 343, dublin d16.",
      "die neue anschrift ist way mccarthy 1, floor 3, dublin d12.|way mccarthy 1, floor 3, dublin d12.",
      "He has lived at Parade Cathal 2, Flat 5, Cork, Co. Mayo since 2019.|Parade Cathal 2, Flat 5, Cork, Co. Mayo",
      "Hola, vivo en Lietavská 0, 163 47 Gelnica, Maďarská republika.|Lietavská 0, 163 47 Gelnica, Maďarská republika",
      "colis à :\\nmayte medina\\npolígono reina yáñez, 0, 15145 rivas-vaciamadrid|polígono reina yáñez, 0, 15145 rivas-vaciamadrid",
      "j'habite au Puškinova 50, 91 448 Gelnica.|Puškinova 50, 91 448 Gelnica",
      "an:\\nĽuboš Raková\\nHarmanecká 18, 86 685 Žiar nad Hronom, Austrálsky zväz|Harmanecká 18, 86 685 Žiar nad Hronom, Austrálsky zväz",
      "naar:\\nIveta Trčka\\nRytířská 022\\n727 85 Hostomice\\nSpojené státy americké|Rytířská 022\\n727 85 Hostomice\\nSpojené státy americké",
      "Wir ziehen um, die neue Anschrift ist Borgo Noemi 05, Battaglia ligure, LT 02548.|Borgo Noemi 05, Battaglia ligure, LT 02548.",
      // Hungarian "u.", Spanish "Urbanización", an article opening a town, a type's abbreviation after a type, a
      // calendar word naming a street, Czech and Slovak prepositions opening a street.
      "adresse ist fürdő u. 82/b, 1504 fürdő lénárt. mit|fürdő u. 82/b, 1504 fürdő lénárt",
      "Now I live at Urbanización Cristian Tejada, 2 Esc. 214, Inca, Cbr 34454.|Urbanización Cristian Tejada, 2 Esc. 214, Inca, Cbr 34454.",
      "He has lived at Camino Fernando 15, La Coruña, Rio 07616 since 2019.|Camino Fernando 15, La Coruña, Rio 07616",
      "woon op polígono raquel, 98, 56731 las palmas de gran canaria.|polígono raquel, 98, 56731 las palmas de gran canaria",
      "wohne in der 678 tyler estate dr, 2846 johnshaven.|678 tyler estate dr, 2846 johnshaven",
      "vivo en 209 Summer Trail, 6061 Walterberg, Poland.|209 Summer Trail, 6061 Walterberg, Poland",
      "Dirección de envío: Apt. 944 Na paši 2, Piešťany, KI 944 40. Teléfono|Apt. 944 Na paši 2, Piešťany, KI 944 40.",
      "die neue Anschrift ist Apt. 228 U lanové dráhy 807, Hulín, JHM 761 71.|Apt. 228 U lanové dráhy 807, Hulín, JHM 761 71.",
      "I now live in the corner of Kapelaniestraat 88 and Whittaker Street|the corner of Kapelaniestraat 88",
      // A postcode of any shape after a word naming it; a street after a living cue's preposition.
      "My zip code is 3401 TD and my city is Tylalek.|3401 TD",
      "my zip code is 7028 and my city is lillestrøm.|7028",
      "My zip code is LV-1766 and my city is Vecpiebalga.|LV-1766",
      "My zip code is 19 818 and my city is púchov.|19 818",
      "Postleitzahl: 80331|80331",
      "Ik woon sinds kort in BÁNOVCE NAD BEBRAVOU, op Gagarinova 868.|Gagarinova 868.",
      "Abito a Vranov nad Topľou, in Krupkova 794.|Krupkova 794.",
      // Estonian types, Dutch '-plantsoen' and Danish '-allé' compounds, a street before a place and a country.
      "J'habite à HAAPSALU depuis 2015, au Välbe põik 167.|Välbe põik 167.",
      "naar:\\nTarmo Pärn\\nSaar tee 848\\nMaja 487\\n87474 Türi|Saar tee 848\\nMaja 487\\n87474 Türi",
      "Ik woon sinds kort in Winsendorp, op Verhaartplantsoen 0 1 hoog.|Verhaartplantsoen 0 1 hoog.",
      "vivo en frederikssted, thailand, en birkeallé 50.|birkeallé 50.",
      "Ik woon in X, op Glorieta Cristian Montaño, 0.|Glorieta Cristian Montaño, 0.",
      "Masaryková v.o.s.\\nRákosová 629 Apt. 654, LEVOČA, Gabon\\n057 16 98|Rákosová 629 Apt. 654, LEVOČA, Gabon",
      // Sixth round: Bulgarian types, Spanish "s/n", Slovak types with the number after, a Czech lead-in before a
      // capitalised word, weak US suffixes before a unit, lower-case postcodes, regions, towns and districts.
      "Ship it to:\\nАнтоанета Lakin\\nул. Г.М Димитров, 32, 0645 Дебелец|ул. Г.М Димитров, 32, 0645 Дебелец",
      "Paseo Marcos Menéndez s/n., Gecho, Mur 60756|Paseo Marcos Menéndez s/n., Gecho, Mur 60756",
      "Abito a Banská Štiavnica, in Jantárová cesta 0.|Jantárová cesta 0.",
      "Apt. 508 U Prašného mostu 5, Teplice, VYS 556 39\\nMobile: 326|Apt. 508 U Prašného mostu 5, Teplice, VYS 556 39",
      "Vivo en X, en 039 Jacobson Camp Apt. 714.|039 Jacobson Camp Apt. 714.",
      "vivo en balodis iela 420, lv-6663 stapriņi, saint helena.|balodis iela 420, lv-6663 stapriņi, saint helena",
      "change my address to laur maantee 3, paide, järvamaa 11722 for the statements|laur maantee 3, paide, järvamaa 11722",
      "change my address to 33 place laffitte, 05049 pau for the statements?|33 place laffitte, 05049 pau",
      "Now I live at Huerta Mónica 35, El Puerto de Santa María, And 35004.|Huerta Mónica 35, El Puerto de Santa María, And 35004.",
      "255 Pouros Harbor Suite 699, R9A 8J4 Port Summer, Saudi Arabia|255 Pouros Harbor Suite 699, R9A 8J4 Port Summer, Saudi Arabia",
      "vivo en Sputniková 051 Suite 465, 025 29 Bratislava I, Somálsko.|Sputniková 051 Suite 465, 025 29 Bratislava I, Somálsko",
      "die neue Anschrift ist 8431 Hudson Grove RD 31 Hamilton 5520.|8431 Hudson Grove RD 31 Hamilton 5520.",
      "Can you change my address to Konzumní 0, Roztoky, HKK 551 80 for me?|Konzumní 0, Roztoky, HKK 551 80",
      "Jenny Ruud\\nGundersen RFH\\nHøyspranget 7 Oppgang B, MALGRUNN, Turkey\\n33 22 44 35|Høyspranget 7 Oppgang B, MALGRUNN, Turkey",
      "Erkki Nõmmik\\nEhitis 209 Härma põik 61, Saue, Hiiumaa 36240|Ehitis 209 Härma põik 61, Saue, Hiiumaa 36240",
      "und wohne in der Na Slavíne 569, 133 58 Piešťany.|Na Slavíne 569, 133 58 Piešťany",
      "Abito a Badajoz, in Colonia Rocío, 2 Puerta 696.|Colonia Rocío, 2 Puerta 696.",
      "thalia ruppert has lived at pjiërrastraat 261, 9797, oost versendaalhoven since 2019.|pjiërrastraat 261, 9797, oost versendaalhoven",
      "i live at zebstraat 6, 7503 me, oost koningsbruggenswaerd.|zebstraat 6, 7503 me, oost koningsbruggenswaerd",
      "My zip code is E36 CYEC and my city is Cork.|E36 CYEC",
      "my zip code is 6754 sl and my city is japkeendrecht.|6754 sl",
      "change my address to Vía Julio Ortiz, 20, Baracaldo, Ext 23515 for the statements|Vía Julio Ortiz, 20, Baracaldo, Ext 23515"})
  void findsAddressesOfManyCountries(String text, String address) {
    String t = text.replace("\\n", "\n");
    assertThat(found(t)).contains(address.replace("\\n", "\n"));
  }

  /** Two streets without numbers at a corner, each its own span, "and" between them in clear. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "I now live in the corner of Meggyes út and Málna sétány.|Meggyes út,Málna sétány",
      "I now live in the corner of Rue d'Abbeville and Avenue de Presbourg.|Rue d'Abbeville,Avenue de Presbourg",
      "i now live in the corner of piazza bianchi and strada olo.|piazza bianchi,strada olo."})
  void findsTheStreetsOfACorner(String text, String streets) {
    assertThat(found(text)).containsExactly(streets.split(","));
  }

  @ParameterizedTest
  @ValueSource(strings = {"He sat in the corner of the room and cried.", "at the corner of my eye and heart",
      "87-300 à 87-302 - Brodnica", "( 14 Sub-Station is located at Exhibition Place )",
      "we sold 1200 units, mostly because of the price", "the meeting is at 1030 am in room 5",
      "The team won 3 Rugby Club titles and 2 Fire Station awards.",
      "The formal meetings in Brussels took place on June 26, 1974.", "The draw took place on September 21 , 2012."})
  void ordinaryTextNearTheNewShapesIsNoAddress(String text) {
    assertThat(found(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "The final score was Bayern 3 Dortmund 1.",
      "In 2019 Apple sold 50 million phones.",
      "25000 Euro went to charity.",
      "Chapter 3 Section 4 of the manual.",
      "We met 3 times in 2020.",
      "Call 030 1234567 now",
      "Fax: 001-420-335-7509x38548",
      "Mobile: 041-412-293",
      "I have 2 cats and 3 dogs.",
      "Dieser ließ ab 1549 Somerset House errichten.",
      "Pforzen, 2214 Einwohner",
      "1999 ging er zum TSV 1860 München.",
      "He was selected to play in the 2008 Senior Bowl.",
      "In Irland erreichte das Album Platz 12.",
      "California State Route 41",
      "scoring 35 points against the Pacers",
      "Sears (157,647 sq ft)",
      "Chevrolet Corvette MSRP $ 102520 Grand Sport",
      "Richard Belmont, 1 match, 1991",
      "New York 2,372,949 (12.1 %)",
      "In Hamburg 3 people were hurt.",
      "Am Ende 5 Tore, am Anfang keins.",
      "He owns 3 Red River farms and a mp3 4me file.",
      "Season 2 II was better than Season 1.",
      "Als er 18 Jahre alt war, kam er nach Dover.",
      "Die Blätter sind etwa 2 cm lang.",
      "Das Kraftwerk wird 10 Tage lang abgeschaltet.",
      "I decided to get a 150 gal aquarium.",
      "Durch diesen Plan der Regierung 42 Mio. Euro frei.",
      "Im ersten Jahr 2019 wurden 5 Tore geschossen.",
      "Er spielte im Park 3 Stunden.",
      "We talked on the phone for 2 hours.",
      "He lives on Red River, 3 miles north.",
      "The meeting is on Monday Street View 2.0 launch.",
      "by invoking Article 50 of the Treaty on European Union",
      "Müller 3, Berlin, 2019 und Meier 4, Köln, 2020",
      "They moved the meeting to Room 12 today.",
      "We moved from 3 to 5 people last year.",
      "It was a long way, Way Forward 2, then home.",
      "Tickets cost 12 500 Euro, 40 000 Dollar.",
      "kommt E. mit 5 Leuten von SS u. Marinesturm , um",
      "The postal code 2 is wrong.",
      "He took 3 zip ties and 1234 more.",
      "I live in Berlin with my 3 kids.",
      "I live in Germany, in Bavaria 2 years now.",
      "On Monday 3 people came.",
      "Er ging 3 Tage lang U bahn fahren."})
  void ordinaryNumbersAreNoAddresses(String text) {
    assertThat(found(text)).isEmpty();
  }

  @Test
  void aBlockStopsAtALabelledLine() {
    String text = "27 2279 President St\nGleniti\n, nan\n Canada 32586\nMobile: 041-412-293";
    assertThat(found(text)).containsExactly("27 2279 President St\nGleniti\n, nan\n Canada 32586");
  }

  @Test
  void aBlockStopsAtAFormsNextLabel() {
    String text = "Name: Joseph Hammes\nStraße: 4970 Maggio Junctions\nPLZ: A3C0P1\nOrt: East Aureliomouth";
    assertThat(found(text)).containsExactlyInAnyOrder("4970 Maggio Junctions", "A3C0P1");
  }

  @Test
  void countriesInSixLanguagesAndCases() {
    Countries c = Countries.get();
    assertThat(c.isCountry("Deutschland")).isTrue();
    assertThat(c.isCountry("ALLEMAGNE")).isTrue();
    assertThat(c.isCountry("tunisia")).isTrue();
    assertThat(c.isCountry("Paesi Bassi")).isTrue();
    assertThat(c.isCountry("Vatican City")).isTrue();
    assertThat(c.isCountry("chad")).isFalse();
    assertThat(c.isCountry("Chad")).isTrue();
    assertThat(c.isCountry("us")).isFalse();
    assertThat(c.isCountry("Berlin")).isFalse();
  }
}
