package dev.confidant.pii.internal.recognize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.PiiOptions;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Calendar words, greetings, salutations and form labels are never masked, in every supported language (issue 18),
 * with the shipped name model: each line is a whole message.
 */
class OrdinaryWordsTest {
  private static final Analyzer ANALYZER = Analyzer.of(PiiOptions.defaults());

  private static List<String> masked(String text) {
    return ANALYZER.analyze(text, true, null).stream().map(PiiEntity::value).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
      "January February March April May June July August September October November December",
      "The meeting moved from Tuesday to Thursday, 14 March, after Easter.",
      "Merry Christmas and a Happy New Year! Happy Easter!",
      "Dear Customer, Dear Sir or Madam, Hello Team, Good afternoon, Kind regards, Best wishes",
      "First Name: Last Name: Date of Birth: Phone Number: Email Address: Street Address: City: Postcode: Country:"})
  void englishOrdinaryWordsAreNotMasked(String text) {
    assertThat(masked(text)).isEmpty();
  }

  /** A numbered thing after a cue of living or moving is no address or place: "area 51", "room 12". */
  @ParameterizedTest
  @ValueSource(strings = {"i live in area 51.", "we moved to area 51.", "ich wohne in area 51.",
      "They say aliens are kept in area 51."})
  void aCommonWordAndANumberIsNoAddress(String text) {
    assertThat(masked(text)).isEmpty();
  }

  /** Greetings to a team, abbreviated closings and times of day, as the support texts of {@code SupportEval} write. */
  @ParameterizedTest
  @ValueSource(strings = {
      "Liebes Support-Team,\n\nder Techniker ist am Dienstag Vormittag nicht gekommen.\n\nMfG",
      "Chère équipe,\n\nLe technicien n'est pas venu samedi matin.\n\nSalutations distinguées",
      "Hoi,\n\nDe monteur is zaterdagochtend niet gekomen. Wilt u mij terugbellen?\n\nMvg",
      "Estimado equipo de soporte:\n\nLlamé a la línea de atención el lunes por la tarde.\n\nSaludos cordiales",
      "Dear support team,\n\nthe technician did not show up on Friday morning.\n\nMany thanks",
      "Hallo zusammen, bis Montag Abend!"})
  void supportGreetingsClosingsAndTimesOfDayAreNotMasked(String text) {
    assertThat(masked(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag",
      "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
      "Das Treffen ist am Dienstag, den 14. März, nach Ostern. Frohe Weihnachten und einen guten Rutsch!",
      "Guten Tag, sehr geehrte Damen und Herren, vielen Dank.",
      "Hallo zusammen, Sehr geehrter Kunde, Liebe Kundin, Guten Morgen, Viele Grüße, Beste Grüße",
      "Vorname: Nachname: Geburtsdatum: Telefonnummer: E-Mail-Adresse: Straße: Ort: Postleitzahl: Land:",
      "Kundennummer, Geburtsdatum, Adresse, Telefon und Hotline finden Sie oben."})
  void germanOrdinaryWordsAreNotMasked(String text) {
    assertThat(masked(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Lundi Mardi Mercredi Jeudi Vendredi Samedi Dimanche",
      "Janvier Février Mars Avril Mai Juin Juillet Août Septembre Octobre Novembre Décembre",
      "La réunion est mardi 14 mars, après Pâques. Joyeux Noël et bonne année !",
      "Chère cliente, Cher client, Madame, Monsieur, Bonjour à tous, Bonsoir, Bien cordialement",
      "Prénom : Nom : Date de naissance : Téléphone : Adresse e-mail : Rue : Ville : Code postal : Pays :"})
  void frenchOrdinaryWordsAreNotMasked(String text) {
    assertThat(masked(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Lunes Martes Miércoles Jueves Viernes Sábado Domingo",
      "Enero Febrero Marzo Abril Mayo Junio Julio Agosto Septiembre Octubre Noviembre Diciembre",
      "La reunión es el martes 14 de marzo, después de Semana Santa. ¡Feliz Navidad y próspero Año Nuevo!",
      "Estimado cliente, Estimada señora, Hola a todos, Buenas tardes, Un saludo, Saludos cordiales, Atentamente",
      "Nombre: Apellidos: Fecha de nacimiento: Teléfono: Correo electrónico: Calle: Ciudad: Código postal: País:"})
  void spanishOrdinaryWordsAreNotMasked(String text) {
    assertThat(masked(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Lunedì Martedì Mercoledì Giovedì Venerdì Sabato Domenica",
      "Gennaio Febbraio Marzo Aprile Maggio Giugno Luglio Agosto Settembre Ottobre Novembre Dicembre",
      "La riunione è martedì 14 marzo, dopo Pasqua. Buon Natale e felice anno nuovo!",
      "Gentile cliente, Egregio signore, Ciao a tutti, Buonasera, Cordiali saluti, Distinti saluti",
      "Nome: Cognome: Data di nascita: Telefono: Indirizzo email: Via: Città: CAP: Paese:"})
  void italianOrdinaryWordsAreNotMasked(String text) {
    assertThat(masked(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Maandag Dinsdag Woensdag Donderdag Vrijdag Zaterdag Zondag",
      "Januari Februari Maart April Mei Juni Juli Augustus September Oktober November December",
      "De vergadering is dinsdag 14 maart, na Pasen. Vrolijk kerstfeest en een gelukkig nieuwjaar!",
      "Beste klant, Geachte heer, Geachte mevrouw, Hallo allemaal, Goedemiddag, Met vriendelijke groet, Groeten",
      "Voornaam: Achternaam: Geboortedatum: Telefoonnummer: E-mailadres: Straat: Woonplaats: Postcode: Land:"})
  void dutchOrdinaryWordsAreNotMasked(String text) {
    assertThat(masked(text)).isEmpty();
  }
}
