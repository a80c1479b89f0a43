package dev.confidant.pii.internal.recognize;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Customer, account, contract, policy, member, ticket and order numbers ({@link EntityType#ACCOUNT_ID}): an
 * identifier right after a cue phrase in a supported language ("Kundennummer KD-99812", "account 77120934", "mon
 * numéro client est 55123", "número de cliente: 4471", "klantnummer 1234567", "codice cliente è 889911"), or after a
 * word for a customer or member right before a '#' ("customer #4471123", "Kunde # 5531"). Up to three
 * filler words may stand between ("is", "ist", "lautet", "number", "n°"). The identifier is one token of letters,
 * digits and {@code - / .} with at least three digits, not a lone year. After a driver's licence, passport or
 * identity card cue ("driver's license number is 481195160", "Führerschein B072RRE2I55") the identifier is a
 * {@link EntityType#NATIONAL_ID} instead. Looks only at word starts whose word opens a cue phrase: linear in the
 * text. Thread-safe.
 */
final class AccountIdRecognizer implements ScanRecognizer {
  /** Cue phrases, written as words; "kunden-nr" and "n°" are split into their letter-or-digit runs by {@link Scan}. */
  private static final List<String> CUES = List.of(
      // English
      "customer number", "customer no", "customer id", "customer ref", "customer reference", "customer account",
      "client number", "client id", "client no", "account", "account number", "account no", "account id", "acct",
      "contract", "contract number", "contract no", "policy", "policy number", "policy no", "member number",
      "member id", "member no", "membership number", "membership no", "membership id", "ticket", "ticket number",
      "ticket no", "ticket id", "order", "order number", "order no", "order id", "booking reference",
      "booking number", "booking ref", "reservation number", "confirmation number", "case number", "case id",
      "reference number", "ref no", "invoice number", "invoice no", "subscriber number", "user id", "employee id",
      "employee number", "student id", "student number", "patient id", "patient number", "loyalty number",
      "frequent flyer number", "claim number", "meter number", "ticket holder", "ticket holder number",
      "ticket holder id", "subscriber id", "subscriber no", "subscription number", "subscription id",
      "policyholder number", "policy holder number", "policyholder id", "loyalty card number", "membership card number",
      // German
      "kundennummer", "kunden nr", "kundennr", "kunden id", "kundenkonto", "kundenkennung", "kontonummer", "konto",
      "vertragsnummer", "vertrags nr", "vertragskonto", "versicherungsnummer", "versicherungsscheinnummer",
      "policennummer", "mitgliedsnummer", "mitglieds nr", "bestellnummer", "bestell nr", "auftragsnummer",
      "ticketnummer", "vorgangsnummer", "aktenzeichen", "rechnungsnummer", "buchungsnummer", "referenznummer",
      "schadennummer", "zählernummer", "personalnummer", "matrikelnummer", "patientennummer", "versichertennummer",
      "versicherten nr", "abonummer", "abonnementnummer", "abo nr", "vertragsnr", "kd nr", "kdnr", "mitgliedsnr",
      "antragsnummer", "ticketnr",
      // French
      "numéro client", "numéro de client", "n client", "numéro de compte", "compte", "numéro de contrat", "contrat",
      "numéro de police", "numéro d adhérent", "numéro adhérent", "numéro de membre", "numéro de commande",
      "commande", "numéro de dossier", "dossier", "référence client", "numéro de réservation", "numéro de ticket",
      "identifiant client", "numéro de sinistre", "numéro de facture", "numéro d abonné", "numéro abonné",
      "numéro de sociétaire", "numéro sociétaire", "numéro de fidélité", "identifiant abonné",
      // Spanish
      "número de cliente", "n de cliente", "nº de cliente", "código de cliente", "número de cuenta", "cuenta",
      "número de contrato", "contrato", "número de póliza", "póliza", "número de socio", "número de pedido", "pedido",
      "número de expediente", "expediente", "número de reserva", "localizador", "número de ticket",
      "número de factura", "número de siniestro", "número de abonado", "número de afiliado", "número de afiliación",
      "número de suscriptor", "nº de socio", "número de usuario",
      // Italian
      "codice cliente", "numero cliente", "numero di cliente", "numero di conto", "conto", "numero di contratto",
      "contratto", "numero di polizza", "polizza", "numero di tessera", "numero socio", "numero d ordine", "ordine",
      "numero di pratica", "pratica", "numero di prenotazione", "codice utente", "numero di fattura",
      "numero di sinistro", "numero abbonato", "numero di abbonato", "numero abbonamento",
      "numero tessera", "codice socio",
      // Dutch
      "klantnummer", "klant nr", "klantnr", "klant id", "rekeningnummer", "rekening", "contractnummer",
      "polisnummer", "lidnummer", "lidmaatschapsnummer", "bestelnummer", "ordernummer", "dossiernummer",
      "referentienummer", "reserveringsnummer", "ticketnummer", "factuurnummer", "schadenummer", "abonneenummer",
      "abonnementsnummer", "contractnr", "polisnr", "relatienummer", "debiteurnummer");
  /** Cue phrases of licences and passports: their numbers are national identifiers, whatever their format. */
  private static final List<String> LICENCE_CUES = List.of("driver's license", "driver s license", "drivers license",
      "driver license", "driver's licence", "driving licence", "driving license", "licence number", "license number",
      "dl", "passport", "passport number", "passport no", "id card", "identity card", "id number",
      "führerschein", "führerscheinnummer", "reisepass", "reisepassnummer", "passnummer", "ausweisnummer",
      "personalausweisnummer", "permis de conduire", "numéro de permis", "passeport", "numéro de passeport",
      "carte d identité", "carnet de conducir", "carné de conducir", "permiso de conducir", "licencia de conducir",
      "pasaporte", "número de pasaporte", "patente", "patente di guida", "numero patente", "passaporto",
      "numero di passaporto", "carta d identità", "rijbewijs", "rijbewijsnummer", "paspoort", "paspoortnummer",
      "identiteitskaart");

  /**
   * Words that are cues only right before a '#' ("customer #4471123", "Kunde # 5531", "member #A-20931"): alone they are
   * too common ("the customer 3 rows down").
   */
  private static final Set<String> HASH_CUES = Set.of("customer", "client", "member", "patient", "student",
      "employee", "subscriber", "user", "policyholder", "kunde", "kunden", "mitglied", "klant", "lid", "cliente",
      "socio", "abonné", "adhérent", "utente", "abonado", "abbonato", "abonnee");
  /** Words that may stand between a cue and the identifier. */
  private static final Set<String> FILLERS = Set.of("is", "was", "ist", "war", "lautet", "est", "es", "era", "è",
      "number", "no", "nr", "n", "nº", "num", "id", "nummer", "numéro", "número", "numero", "de", "di", "van", "of",
      "my", "our", "your", "mein", "meine", "unser", "unsere", "ihre", "mon", "ma", "notre", "votre", "mi", "su",
      "il", "mio", "la", "mia", "mijn", "uw", "ons", "onze", "the", "a", "le", "el", "het", "du", "del",
      "with", "mit", "avec", "con", "met", "under", "unter");
  /** The cue phrases (as joined words) that announce a national identifier rather than an account. */
  private static final Set<String> NATIONAL = new HashSet<>();
  private static final CuePhrases PHRASES;

  static {
    List<String[]> phrases = new ArrayList<>();
    for (String cue : CUES) {
      phrases.add(cue.split(" "));
    }
    for (String cue : HASH_CUES) {
      phrases.add(new String[] {cue});
    }
    for (String cue : LICENCE_CUES) {
      // Split as Scan splits words: "driver's" is "driver" and "s".
      String[] words = cue.replace("'", " ").split(" ");
      phrases.add(words);
      NATIONAL.add(String.join(" ", words));
    }
    PHRASES = new CuePhrases(phrases, AccountIdRecognizer::closeGap);
  }

  static final double SCORE = 0.8;

  @Override
  public String name() {
    return "account-id";
  }

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.ACCOUNT_ID, EntityType.NATIONAL_ID);
  }

  @Override
  public List<PiiEntity> recognize(Scan scan) {
    if (scan.digits() < 3) {
      return List.of();
    }
    return PHRASES.find(scan, AccountIdRecognizer::read);
  }

  /** What follows one cue: see {@link CuePhrases.Reader#read}. */
  private static int read(Scan scan, CuePhrases.Match match, List<PiiEntity> out) {
    String text = scan.text();
    int n = scan.wordCount();
    int k = match.start();
    int after = match.after();
    String cue = match.cue();
    if (HASH_CUES.contains(cue) && (after >= n || !hashBefore(scan, after))) {
      return k;
    }
    boolean national = NATIONAL.contains(cue);
    int idStart = identifierStart(scan, after, national);
    if (idStart < 0) {
      return k;
    }
    int idEnd = identifierEnd(text, idStart);
    if (national && idEnd > idStart) {
      idEnd = groups(text, idStart, idEnd); // "B9441 20138 10541", "57 443 206"
    }
    if (idEnd > idStart && plausible(text.substring(idStart, idEnd))) {
      out.add(new PiiEntity(national ? EntityType.NATIONAL_ID : EntityType.ACCOUNT_ID,
          text.substring(idStart, idEnd), idStart, idEnd, SCORE, (national ? "licence-id" : "account-id")
          + "/cue=" + cue));
      // A cue inside this one ("license number" in "driver's license number") must not report the id again.
      while (k + 1 < n && scan.wordStart(k + 1) < idEnd) {
        k++;
      }
    }
    return k;
  }

  /** Whether the gap before word {@code w} is a '#' with at most one space on each side. */
  private static boolean hashBefore(Scan scan, int w) {
    String gap = scan.text().substring(scan.wordEnd(w - 1), scan.wordStart(w)).strip();
    return gap.equals("#") && scan.wordStart(w) - scan.wordEnd(w - 1) <= 3;
  }

  /** Licences and passports may be written in groups of digits one space apart, at most this long in all. */
  private static final int MAX_GROUPED = 24;

  /**
   * {@code p} when a single letter stands there before a space and a digit ("N 263 071 663 969", a licence's
   * letter written apart), else -1.
   */
  private static int letterFirst(String text, int p) {
    return p + 2 < text.length() && Character.isLetter(text.charAt(p)) && text.charAt(p + 1) == ' '
        && Prefilter.isDigit(text.charAt(p + 2)) ? p : -1;
  }

  /**
   * The end of an identifier from {@code start} (first token ending at {@code end}) with the groups of one to six
   * digits that follow it one space apart, up to {@link #MAX_GROUPED} chars.
   */
  private static int groups(String text, int start, int end) {
    int e = end;
    while (e + 1 < text.length() && text.charAt(e) == ' ' && Prefilter.isDigit(text.charAt(e + 1))) {
      int g = e + 1;
      while (g < text.length() && Prefilter.isDigit(text.charAt(g)) && g - e <= 6) {
        g++;
      }
      if (g - e > 6 || g < text.length() && Character.isLetterOrDigit(text.charAt(g)) || g - start > MAX_GROUPED) {
        break;
      }
      e = g;
    }
    return e == end && end - start == 1 ? start : e; // a letter alone is no identifier
  }

  /** Whether words {@code k} and {@code k + 1} are separated by at most three chars and no line break. */
  private static boolean closeGap(Scan scan, int k) {
    int from = scan.wordEnd(k);
    int to = scan.wordStart(k + 1);
    return to - from <= 3 && scan.text().substring(from, to).indexOf('\n') < 0;
  }

  /**
   * Where the identifier starts: the first word at or after {@code w} that is no filler and holds a digit (after a
   * licence cue also a single letter before a space and digits), reached over at most three fillers on the same line;
   * -1 if none.
   */
  private static int identifierStart(Scan scan, int w, boolean national) {
    String text = scan.text();
    for (int skipped = 0; w < scan.wordCount() && skipped <= 3; w++, skipped++) {
      int gapFrom = w == 0 ? 0 : scan.wordEnd(w - 1);
      String gap = text.substring(gapFrom, scan.wordStart(w));
      if (gap.length() > 4 || gap.indexOf('\n') >= 0) {
        return -1;
      }
      String word = scan.lowerWord(w);
      if (national && word.length() == 1 && letterFirst(text, scan.wordStart(w)) >= 0) {
        return scan.wordStart(w); // a licence's letter written apart: "N 263 071 663 969"
      }
      // A filler joined to digits is the identifier's prefix: "member #A-20931".
      boolean joined = scan.wordEnd(w) < text.length() && "-/._".indexOf(text.charAt(scan.wordEnd(w))) >= 0;
      if (hasDigit(word) || (joined || !FILLERS.contains(word)) && hasDigitAhead(text, scan.wordStart(w))) {
        return scan.wordStart(w);
      }
      if (!FILLERS.contains(word)) {
        return -1;
      }
    }
    return -1;
  }

  /** Whether the identifier token starting at {@code p} ("KD-99812") holds a digit. */
  private static boolean hasDigitAhead(String text, int p) {
    int end = identifierEnd(text, p);
    for (int i = p; i < end; i++) {
      if (Prefilter.isDigit(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** The end of the token of letters, digits and inner {@code - / .} from {@code p}, at most 32 chars. */
  private static int identifierEnd(String text, int p) {
    int i = p;
    int max = Math.min(text.length(), p + 32);
    while (i < max) {
      char c = text.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        i++;
      } else if ((c == '-' || c == '/' || c == '.' || c == '_') && i + 1 < text.length()
          && Character.isLetterOrDigit(text.charAt(i + 1))) {
        i++;
      } else {
        break;
      }
    }
    return i < text.length() && Character.isLetterOrDigit(text.charAt(i)) ? p : i;
  }

  /** At least three digits, and not a lone year or a date. */
  static boolean plausible(String id) {
    int digits = 0;
    for (int i = 0; i < id.length(); i++) {
      digits += Prefilter.isDigit(id.charAt(i)) ? 1 : 0;
    }
    if (digits < 3) {
      return false;
    }
    if (id.length() == 4 && digits == 4 && (id.startsWith("19") || id.startsWith("20"))) {
      return false;
    }
    return !id.matches("\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}");
  }

  private static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Prefilter.isDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
