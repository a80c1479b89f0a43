package dev.confidant.pii.internal.address;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.internal.lang.Lexicons;
import dev.confidant.pii.internal.lang.WordClass;
import dev.confidant.pii.spi.Recognizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values of address form fields, whatever their shape, from the label before them (en, de, fr, es, it, nl and
 * the postcode words of more languages; the label ends with a colon):
 * <ul>
 *   <li>a postcode label ("ZIP:", "PLZ:", "Code postal :", "Eircode:") and a short code with two digits, or one in six characters or more
 *       ("7524", "1780 HH", "48-969", "D6W FRRK", "y6y2y0") as {@link EntityType#ADDRESS};
 *   <li>a street label ("Street:", "Straße:", "Adresse :", "Dirección:") and a line with a number or a street-type
 *       word ("Kljun 31") as {@link EntityType#ADDRESS};
 *   <li>a place label ("City:", "Ort:", "Ville :", "Country:") and one to five words without digits ("Killarney",
 *       "zuid arjo aan de ijssel") as {@link EntityType#LOCATION};
 *   <li>an address-block label alone on its line, or followed by a name ("Billing address: Jane Roe", "Ship to:"),
 *       and up to six short lines after it up to a blank line or the next label, each as {@link EntityType#ADDRESS}
 *       ("Salvátorská 13", "Apt. 558", "Slušovice", "Kypr 670 06").
 * </ul>
 * "E-mail address:", "IP address:" and other non-postal addresses are no labels here. A value is at most one line of
 * 80 characters. Linear in the text; thread-safe.
 */
public final class FormFieldRecognizer implements Recognizer {
  static final double SCORE = 0.6;
  private static final int MAX_VALUE = 80;
  private static final int MAX_BLOCK_LINES = 6;

  private static final Set<String> POSTCODE = Set.of("zip", "zip code", "zipcode", "postcode", "post code",
      "postal code", "plz", "postleitzahl", "code postal", "cp", "npa", "código postal", "codigo postal", "cap",
      "c.a.p.", "postnummer", "postnr", "postinumero", "kod pocztowy", "psč", "irányítószám", "eircode", "τ.κ.",
      "τκ");
  private static final Set<String> PLACE = Set.of("city", "town", "ort", "wohnort", "stadt", "ville", "localité",
      "ciudad", "localidad", "población", "città", "comune", "località", "plaats", "woonplaats", "stad", "country",
      "land", "pays", "país", "paese", "nazione", "state", "county", "province", "provincia", "bundesland",
      "kanton", "canton", "city/town", "ort/stadt");
  private static final Set<String> STREET = Set.of("street", "street address", "address", "address line 1",
      "address line 2", "address 1", "address 2", "straße", "strasse", "straße und hausnummer", "anschrift",
      "adresse", "rue", "adresse postale", "calle", "dirección", "direccion", "domicilio", "via", "indirizzo",
      "adres", "straat", "home address", "postal address", "mailing address", "wohnadresse");
  /** Labels of a postal block over the following lines. */
  private static final Set<String> BLOCK = Set.of("billing address", "shipping address", "mailing address",
      "postal address", "delivery address", "home address", "address", "ship to", "deliver to", "send to", "bill to",
      "lieferadresse", "rechnungsadresse", "anschrift", "adresse", "adresse de livraison", "adresse de facturation",
      "dirección de envío", "dirección de facturación", "indirizzo di spedizione", "indirizzo di fatturazione",
      "afleveradres", "factuuradres", "adres");
  /** Words before "address" that name no postal address: "E-mail address:", "IP address:". */
  private static final Set<String> NOT_POSTAL = Set.of("email", "e-mail", "mail", "ip", "mac", "web", "wallet",
      "server", "bitcoin", "ipv4", "ipv6", "website", "url");

  /**
   * A label at a line's start or after a sentence's punctuation, its colon, and the rest of the line. Labels are
   * one to four words (letters, '.', '/', '-') one space apart; possessive, so a line without a colon costs one pass.
   */
  private static final Pattern FIELD = Pattern.compile(
      "(?m)(?:^|(?<=[.;!?]) )[ \\t]*+([\\p{L}][\\p{L}./-]{0,24}+(?:[ \\t][\\p{L}][\\p{L}./-]{0,24}+){0,3}+)[ \\t]?[:：]"
          + "[ \\t]*+([^\\n\\r]{0,80}+)");

  @Override
  public String name() {
    return "form-field";
  }

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.ADDRESS, EntityType.LOCATION);
  }

  @Override
  public List<PiiEntity> recognize(String text) {
    if (text.indexOf(':') < 0 && text.indexOf('：') < 0) {
      return List.of();
    }
    List<PiiEntity> out = new ArrayList<>();
    Matcher m = FIELD.matcher(text);
    int from = 0;
    while (from < text.length() && m.find(from)) {
      from = Math.max(m.end(), m.start() + 1);
      String label = m.group(1).strip().toLowerCase(Locale.ROOT);
      String last = label.substring(label.lastIndexOf(' ') + 1);
      int firstSpace = label.indexOf(' ');
      String qualifier = firstSpace < 0 ? "" : label.substring(0, firstSpace);
      if (NOT_POSTAL.contains(qualifier) || last.isEmpty()) {
        continue;
      }
      int vs = m.start(2);
      int ve = m.end(2);
      if (POSTCODE.contains(label)) {
        int e = cut(text, vs, ve, ",;");
        if (postcode(text.substring(vs, e))) {
          out.add(entity(EntityType.ADDRESS, text, vs, e, "postcode"));
        }
      } else if (PLACE.contains(label)) {
        int e = cut(text, vs, ve, ",;(");
        if (place(text.substring(vs, e))) {
          out.add(entity(EntityType.LOCATION, text, vs, e, "place"));
        }
      } else if (STREET.contains(label) || BLOCK.contains(label)) {
        int e = sentenceEnd(text, vs, cut(text, vs, ve, ";"));
        String value = text.substring(vs, e);
        if (street(value) && (STREET.contains(label) || hasDigit(value))) {
          out.add(entity(EntityType.ADDRESS, text, vs, e, "street"));
        } else if (BLOCK.contains(label) && !hasDigit(value)) {
          from = Math.max(from, block(text, ve, out));
        }
      }
    }
    return out;
  }

  /** The lines of a postal block after a label's line ending at {@code lineEnd}; the offset after the last one. */
  private static int block(String text, int lineEnd, List<PiiEntity> out) {
    int p = lineEnd;
    for (int k = 0; k < MAX_BLOCK_LINES && p < text.length() && text.charAt(p) == '\n'; k++) {
      int s = p + 1;
      int e = text.indexOf('\n', s);
      e = e < 0 ? text.length() : e;
      String line = text.substring(s, e);
      if (line.isBlank() || line.length() > 60 || line.indexOf(':') >= 0 || line.indexOf('@') >= 0
          || line.strip().split("\\s+").length > 8) {
        return s;
      }
      int a = s;
      while (a < e && !Character.isLetterOrDigit(text.charAt(a))) {
        a++; // bullets and indentation: "??? Apt. 018", "  Slušovice"
      }
      int b = trimEnd(text, a, e);
      if (b > a) {
        out.add(entity(EntityType.ADDRESS, text, a, b, "block-line"));
      }
      p = e;
    }
    return p;
  }

  /** {@code [s, e)} cut before the first of {@code stops}, without trailing spaces and a final full stop. */
  private static int cut(String text, int s, int e, String stops) {
    int c = s;
    while (c < e && stops.indexOf(text.charAt(c)) < 0) {
      c++;
    }
    return trimEnd(text, s, c);
  }

  /** {@code [s, e)} cut before a sentence's end inside it ("Ávila. Teléfono: ..."). */
  private static int sentenceEnd(String text, int s, int e) {
    for (int i = s + 1; i + 2 < e; i++) {
      char c = text.charAt(i);
      if ((c == '.' || c == '?' || c == '!') && text.charAt(i + 1) == ' ' && Character.isUpperCase(text.charAt(i + 2))
          && i - s > 3 && Character.isLetterOrDigit(text.charAt(i - 1)) && Character.isLetterOrDigit(text.charAt(i - 2))
          && Character.isLetterOrDigit(text.charAt(i - 3))) {
        return trimEnd(text, s, i);
      }
    }
    return e;
  }

  private static int trimEnd(String text, int s, int e) {
    while (e > s && (Character.isWhitespace(text.charAt(e - 1)) || text.charAt(e - 1) == '.')) {
      e--;
    }
    return e;
  }

  private static final Pattern POSTCODE_SHAPE = Pattern.compile("[\\p{L}\\p{N}](?:[\\p{L}\\p{N}]|[ -](?=[\\p{L}\\p{N}])){1,9}");

  /**
   * A short code: 3-10 characters, letters, digits, at most two spaces or dashes, two digits or more (one in a code of
   * six characters or more: "D6W FRRK").
   */
  static boolean postcode(String value) {
    if (!POSTCODE_SHAPE.matcher(value).matches()) {
      return false;
    }
    int digits = 0;
    int gaps = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      digits += Character.isDigit(c) ? 1 : 0;
      gaps += c == ' ' || c == '-' ? 1 : 0;
    }
    return (digits >= 2 || digits == 1 && value.length() >= 6) && gaps <= 2;
  }

  private static final Pattern PLACE_SHAPE = Pattern.compile("[\\p{L}][\\p{L}'’.-]*(?: [\\p{L}][\\p{L}'’.-]*){0,4}");

  /** One to five words of letters (no digits) of which one at least is no function word. */
  static boolean place(String value) {
    if (value.length() > 50 || !PLACE_SHAPE.matcher(value).matches()) {
      return false;
    }
    Lexicons lex = Lexicons.get();
    for (String w : value.split(" ")) {
      if (!lex.has(WordClass.FUNCTION, w) && !lex.has(WordClass.LABEL, w) && !lex.has(WordClass.CALENDAR, w)) {
        return true;
      }
    }
    return false;
  }

  /** A street line: up to ten words with a number or a street-type word. */
  static boolean street(String value) {
    String[] words = value.strip().split("\\s+");
    if (value.isBlank() || words.length > 10 || value.indexOf('@') >= 0 || value.contains("://")) {
      return false;
    }
    if (hasDigit(value)) {
      return Character.isLetterOrDigit(value.strip().charAt(0));
    }
    AddressWords aw = AddressWords.get();
    for (String w : words) {
      if (aw.isStreetType(w) || aw.isStreetCompound(w)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static PiiEntity entity(EntityType type, String text, int s, int e, String what) {
    return new PiiEntity(type, text.substring(s, e), s, e, SCORE, "form-field/" + what);
  }
}
