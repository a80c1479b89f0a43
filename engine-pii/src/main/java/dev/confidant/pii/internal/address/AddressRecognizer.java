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
import org.jspecify.annotations.Nullable;

/**
 * Street addresses of many countries, with what follows them, as one {@link EntityType#ADDRESS} span:
 * <ul>
 *   <li>a street: a street-type word before or after one to five name words ("rue Descartes", "Kate Edger Place",
 *       "árpád fejedelem útja", "Πλατεία Μαβίλη") or a compound ("Nassaustraat", "aðalgata"), with a house number
 *       before or after it; or a number, one to three name words and a number ("87 Jakobi 69", "46 velký průhon
 *       426"); or name words and a number after an address cue ("lives at Školní 939");
 *   <li>then unit parts ("Apt. 974", "suite 771", "Stiege 2") and, on the same line after commas and on up to five
 *       following lines, places, postcodes, countries and region codes ("Gleniti\n, nan\n Canada 32586");
 *   <li>or, without a street, a postcode and a place ("10115 Berlin", "1012 AB Amsterdam") or a country and a postcode
 *       ("Denmark 15838").
 * </ul>
 * Linear in the text (each token is the start of at most one bounded attempt). Thread-safe.
 */
public final class AddressRecognizer implements Recognizer {
  private final @Nullable Places places;

  /** Without a gazetteer: four-digit postcodes count only inside an address block or before a country. */
  public AddressRecognizer() {
    this(null);
  }

  /** With a gazetteer: a four-digit postcode also counts before a place it knows ("3250 Lyss", "8001 Zürich"). */
  public AddressRecognizer(@Nullable Places places) {
    this.places = places;
  }

  static final double STREET = 0.65;
  /** The most tokens before the first number of any start: "Staré zámecké schody 64", "rue de la Paix, 12". */
  static final int REACH = 7;
  static final double NUMBERED_NAME = 0.55;
  static final double POSTCODE_PLACE = 0.5;
  /** Words after a number that make it an amount, not a postcode: "25000 Euro". */
  private static final Set<String> NOT_PLACES = Set.of("euro", "euros", "eur", "dollar", "dollars", "usd", "chf",
      "gbp", "pounds", "francs", "franken", "kronen", "kr", "sek", "dkk", "nok", "pln", "czk", "huf", "km", "kg", "mb",
      "gb", "people", "users", "employees", "mitarbeiter", "menschen", "stück", "units", "items", "meter", "meters",
      "miles", "points", "punkte", "votes", "stimmen", "tons", "tonnen", "ad", "bc", "am", "pm", "uhr",
      // Ages, durations and measures: "18 Jahre alt", "10 Tage lang", "2 cm lang", "150 gal aquarium" ("alt",
      // "lang" and "gal" are street types somewhere), and amounts after a number: "42 Mio. Euro".
      "jahre", "jahren", "jahr", "tage", "tagen", "wochen", "monate", "monaten", "stunden", "minuten", "years",
      "days", "weeks", "months", "hours", "minutes", "ans", "jours", "años", "días", "anni", "giorni", "jaar",
      "dagen", "cm", "mm", "m", "kilometer", "kilometern", "kilometres", "kilometers", "gal", "gallons", "liter",
      "litres", "liters", "prozent", "percent", "mio", "mio.", "mrd", "mrd.", "millionen", "milliarden", "million",
      "millions", "billion", "billions", "hektar", "ha");
  /** Month abbreviations: "1 Feb 1963" is a date. */
  private static final Set<String> MONTHS = Set.of("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
      "oct", "okt", "nov", "dec", "dez", "mär", "janv", "févr", "avr", "juil", "déc", "ene", "abr", "ago", "dic",
      "gen", "mag", "giu", "lug", "set", "ott", "mrt", "mei");
  /** Words before a number that make it a quantity: "rund 6500 Einwohner". */
  private static final Set<String> QUANTITY = Set.of("about", "around", "over", "nearly", "almost", "some", "than",
      "rund", "etwa", "circa", "ca", "über", "fast", "knapp", "als", "environ", "près", "unos", "unas",
      "oltre", "quasi", "ongeveer", "bijna", "ruim", "of", "von", "de", "di", "the", "die", "der", "den");
  /** Compass and "new" words that open town names: "Oost Carmadam", "zuid bernadethout", "North Joseph". */
  private static final Set<String> PLACE_OPENERS = Set.of("north", "south", "east", "west", "new", "nord", "süd",
      "ost", "nieuw", "noord", "zuid", "oost", "neu", "alt", "bad", "sankt", "saint", "san", "santa", "port",
      "lake", "mount", "lower", "upper");
  /** Articles that open town names: "La Coruña", "Le Havre", "Los Angeles", "El Ejido", "Den Haag", "De Bilt". */
  private static final Set<String> ARTICLES_OF_PLACES = Set.of("la", "le", "les", "las", "los", "el", "den", "de",
      "il", "lo", "l'", "o", "a", "os", "as");
  /**
   * Czech and Slovak prepositions that open a street's name before lower-case words: "Na paši 2", "U lanové dráhy
   * 807", "K lesu 12", "Pod vinicí 5".
   */
  private static final Set<String> CZECH_LEAD_INS = Set.of("Na", "U", "K", "Ke", "V", "Ve", "Pod", "Nad", "Za", "Před",
      "Pri", "Při");
  /** Lower-case words inside street and place names. */
  private static final Set<String> CONNECTORS = Set.of("de", "del", "della", "delle", "dei", "degli", "di", "da",
      "do", "dos", "das", "du", "des", "la", "le", "les", "el", "los", "las", "y", "e", "et", "und", "van", "von",
      "der", "den", "het", "ter", "ten", "zu", "am", "im", "an", "auf", "of", "the", "and", "nad", "pod", "na", "sur",
      "d'", "l'", "al", "dal", "dello", "op", "aan", "bei", "upon", "on");
  /** Capitalised words that open a street's name in German, Danish and Norwegian: "Am Markt", "Over Vinkelgade". */
  private static final Set<String> LEAD_INS = Set.of("Am", "Im", "An", "Auf", "Zum", "Zur", "In", "Unter", "Über",
      "Hinter", "Vor", "Beim", "Bei", "Over", "Under", "Ved", "Nedre", "Øvre");
  /** A lower-case German adjective after a lead-in: "tiefen", "alten", "langen", "neue". */
  private static final java.util.regex.Pattern GERMAN_ADJECTIVE = java.util.regex.Pattern.compile(
      "\\p{Ll}{2,}(?:en|er|e|es|em)");
  /** Articles after a lead-in: "An der Kirche", "Auf dem Berg". */
  private static final Set<String> ARTICLES = Set.of("der", "den", "dem", "die", "das");
  /** Danish sides of a floor ("til venstre", "til højre", "midtfor"), glued to the floor's number. */
  private static final Set<String> DANISH_SIDES = Set.of("tv", "th", "mf");
  /** Roman floor numbers after a house number. */
  private static final Set<String> ROMAN = Set.of("I", "II", "III", "IV", "i", "ii", "iii", "iv");
  /** Street types written before the name that are abbreviations with a dot only: Polish "al." (aleja), "os.". */
  private static final Set<String> DOTTED_PREFIXES = Set.of("al.", "os.");
  /** Words before a street name that make a number-less name-and-number an address: "lives at Školní 939". */
  private static final Set<String> CUES = Set.of("address", "adresse", "anschrift", "live", "lives", "living",
      "lived", "wohne", "wohnt", "wohnhaft", "habite", "habita", "vivo", "vive", "abito", "abita", "woon", "woont",
      "adres", "indirizzo", "dirección", "direccion", "domicile", "domicilio", "located", "ship", "deliver",
      "send", "return", "billing", "shipping", "j'habite", "j’habite");

  @Override
  public String name() {
    return "address";
  }

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.ADDRESS);
  }

  @Override
  public List<PiiEntity> recognize(String text) {
    if (!hasDigit(text) && !text.contains("s/n") && !text.contains("S/N")) {
      if (!hasOn(text) && !text.contains("orner of")) {
        return List.of();
      }
      List<PiiEntity> out = new ArrayList<>();
      numberless(new Tokens(text), out);
      return out;
    }
    Tokens tk = new Tokens(text);
    List<PiiEntity> out = new ArrayList<>();
    numberless(tk, out);
    cuedPostcodes(tk, out);
    // Every start this grammar knows has a number within its first seven tokens (house number or postcode): the
    // index of the next number token lets all other positions be skipped at once.
    int[] nextNumber = new int[tk.size + 1];
    nextNumber[tk.size] = Integer.MAX_VALUE;
    for (int k = tk.size - 1; k >= 0; k--) {
      // Spanish "s/n" (no number) stands where a house number would: "Paseo Marcos Menéndez s/n., Gecho".
      nextNumber[k] = tk.kind[k] == Tokens.NUM || sinNumero(tk, k) ? k : nextNumber[k + 1];
    }
    int t = 0;
    int previousEnd = 0;
    while (t < tk.size) {
      if (nextNumber[t] - t > REACH) {
        t++;
        continue;
      }
      double score = STREET;
      int end = street(tk, t);
      if (end < 0) {
        end = typeFirst(tk, t);
      }
      if (end < 0) {
        score = NUMBERED_NAME;
        end = numberedName(tk, t);
      }
      if (end < 0) {
        score = POSTCODE_PLACE;
        end = postcodePlace(tk, t);
      }
      if (end < 0) {
        t++;
        continue;
      }
      end = extend(tk, end);
      int s = tk.start[cornerOf(tk, leadingUnit(tk, t, previousEnd), previousEnd)];
      int e = tk.end[end - 1];
      out.add(new PiiEntity(EntityType.ADDRESS, text.substring(s, e), s, e, score,
          "address/" + (score == STREET ? "street" : score == NUMBERED_NAME ? "numbered-name" : "postcode-place")));
      t = end;
      previousEnd = end;
    }
    return out;
  }

  /**
   * A unit part on the same line right before a street at {@code t}, from {@code floor} on: "Apt. 294 561 Nader
   * Shore", "suite 861 milana smokvine tvrdog 69c", "4 étage, 4 Impasse Laffitte" (datafaker and Presidio-style
   * sets write the unit first). Its first token, or {@code t}.
   */
  private static int leadingUnit(Tokens tk, int t, int floor) {
    for (int k = 3; k >= 1; k--) {
      int q = t - k;
      if (q < floor || !tk.is(q, Tokens.WORD) && !tk.is(q, Tokens.NUM)) {
        continue;
      }
      boolean oneLine = true;
      for (int i = q; i < t && oneLine; i++) {
        oneLine = !tk.is(i, Tokens.NL);
      }
      int u = unit(tk, q);
      if (oneLine && u > q && (u >= t || u == t - 1 && tk.punct(u, ','))) {
        return q;
      }
    }
    return t;
  }

  /**
   * "the corner of" or "corner of" right before a street at {@code t}, from {@code floor} on, belongs to the address
   * ("I now live in the corner of Kapelaniestraat 88 and Whittaker Street"): its first token, or {@code t}.
   */
  private static int cornerOf(Tokens tk, int t, int floor) {
    if (t - 2 < floor || !tk.is(t - 1, Tokens.WORD) || !lower(tk.text(t - 1)).equals("of")
        || !tk.is(t - 2, Tokens.WORD) || !lower(tk.text(t - 2)).equals("corner")) {
      return t;
    }
    return t - 3 >= floor && tk.is(t - 3, Tokens.WORD) && lower(tk.text(t - 3)).equals("the") ? t - 3 : t - 2;
  }

  /** Leading house or building numbers from {@code t} (at most two): the index after them. */
  private static int leadingNumbers(Tokens tk, int t) {
    int p = t;
    while (p < t + 2 && houseNumber(tk, p) && !Postcodes.yearLike(tk.text(p)) && !tk.text(p).endsWith(".")) {
      p++;
    }
    if (p == t && houseNumber(tk, t) && !tk.text(t).endsWith(".") && tk.is(t + 1, Tokens.WORD) && cueBefore(tk, t)) {
      p++; // a house number that reads as a year, right after an address cue: "i live at 1904 mitchell forks"
    }
    return p;
  }

  /** A street with a type word or compound and a house number on one side; the token end, or -1. */
  static int street(Tokens tk, int t) {
    if (!tk.is(t, Tokens.WORD) && !tk.is(t, Tokens.NUM)) {
      return -1;
    }
    AddressWords words = AddressWords.get();
    int p = leadingNumbers(tk, t);
    boolean before = p > t;
    if (before && tk.capitalised(t - 1) && !cueBefore(tk, t)) {
      return -1; // "Senators 2 St. Louis Browns 0": a score after a name
    }
    if (before && tk.punct(p, ',') && words.isPrefixType(textOr(tk, p + 1))) {
      p++; // "12, rue de la Paix"
    }
    if (!tk.is(p, Tokens.WORD)) {
      return -1;
    }
    if (!before) {
      p = leadIn(tk, p); // "Im tiefen Boden 2646", "Under Vinkelallé 15"
    }
    String first = tk.text(p);
    boolean prefix = prefixType(first);
    int nameEnd = streetName(tk, p);
    if (nameEnd < 0) {
      return -1;
    }
    String type = tk.text(nameEnd - 1);
    boolean after = (houseNumber(tk, nameEnd) || gluedNumber(tk, nameEnd) || zero(tk, nameEnd))
        && !Postcodes.yearLike(tk.text(nameEnd))
        && (prefix || words.numberFollows(type)) && !amount(tk, nameEnd + 1);
    if (!before && !after && prefix && tk.punct(nameEnd, ',')
        && (houseNumber(tk, nameEnd + 1) || zero(tk, nameEnd + 1) && (nameEnd + 2 >= tk.size
            || tk.punct(nameEnd + 2, ',') || tk.punct(nameEnd + 2, '.')))
        && !Postcodes.mayBeYear(tk.text(nameEnd + 1))) {
      return nameEnd + 2; // the Spanish order: "Calle Mayor, 9", "Prolongación Leonor Aparicio, 9 Esc. 421"
    }
    if (!before && !after && prefix && (sinNumero(tk, nameEnd) || sinNumero(tk, nameEnd - 1))) {
      return sinNumero(tk, nameEnd) ? nameEnd + 3 : nameEnd + 2; // Spanish "no number": "Paseo Marcos Menéndez s/n."
    }
    if (!before && !after) {
      return -1;
    }
    if (!after && words.isWeakType(type) && !segmentEnd(tk, nameEnd) && unit(tk, nameEnd) == nameEnd
        && !(tk.punct(nameEnd, '.') && (nameEnd + 1 >= tk.size || tk.is(nameEnd + 1, Tokens.NL)))) {
      return -1; // "3 Red River farms"; "954 Maple Ville, 51276 Springfield" and "in 5852 Hessel Points." are
    }
    return after ? nameEnd + 1 : nameEnd;
  }

  /**
   * A street whose type comes first where English writes it last, as Irish addresses do ("Crescent O'Farrell 98",
   * "rise o'neill 343, dublin d16", "Parade Cathal 2, Flat 5"): a street type that is no common noun, one or two name
   * words of its case, a house number and maybe unit parts, then the segment's or sentence's end; after an address
   * cue, or at a line's start with more address lines or segments after it ("Scorers: Park Ji-sung 2, Lee Young-pyo
   * 1" is no street). The token end, or -1.
   */
  private static int typeFirst(Tokens tk, int t) {
    AddressWords words = AddressWords.get();
    if (!tk.is(t, Tokens.WORD) || !words.isStreetType(tk.text(t)) || words.isWeakType(tk.text(t))
        || !(t == 0 || tk.is(t - 1, Tokens.NL) || cueBefore(tk, t))) {
      return -1;
    }
    boolean capital = tk.capitalised(t);
    int q = t + 1;
    while (q < t + 3 && nameWord(tk, q, q == t + 1) && tk.capitalised(q) == capital
        && !words.isStreetType(tk.text(q)) && !unitOrLabel(tk.text(q))) {
      q++;
    }
    if (q == t + 1 || !houseNumber(tk, q) && !zero(tk, q) || Postcodes.yearLike(tk.text(q))) {
      return -1;
    }
    int u = unitsAfter(tk, q + 1);
    return (segmentEnd(tk, u) || tk.punct(u, '.')) && (cueBefore(tk, t) || extend(tk, u) > u) ? u : -1;
  }

  /** A street type written before the name ("rue", "Via", "ul.", "al."), not a measure ("150 gal aquarium"). */
  private static boolean prefixType(String word) {
    return (AddressWords.get().isPrefixType(word) || DOTTED_PREFIXES.contains(lower(word)))
        && !NOT_PLACES.contains(lower(word));
  }

  /**
   * A street's name from {@code p} with its type: type first and one to five name words ("rue de la Paix", "ul.
   * Długa"), or name words of one case and a type or compound last ("Kate Edger Place", "Hauptstraße"); the token
   * end, or -1.
   */
  private static int streetName(Tokens tk, int p) {
    AddressWords words = AddressWords.get();
    int nameEnd = -1;
    boolean prefix = prefixType(tk.text(p));
    int afterConnectors = p + 1;
    while (afterConnectors < p + 3 && tk.is(afterConnectors, Tokens.WORD)
        && CONNECTORS.contains(lower(tk.text(afterConnectors)))) {
      afterConnectors++;
    }
    if (prefix && (nameWord(tk, afterConnectors, true) || capitalisedCalendar(tk, afterConnectors))) {
      // Type first: "rue Descartes", "rue de la Paix", "Via Roma", "ul. Długa", "Πλατεία Μαβίλη"; a capitalised
      // calendar word before a name word is a name there ("Calle Julio Ortiz").
      int q = afterConnectors;
      while (q < p + 6 && (nameWord(tk, q, q == afterConnectors) || capitalisedCalendar(tk, q))) {
        q++;
      }
      nameEnd = trimConnectors(tk, p + 1, q);
    } else {
      // Type last or a compound: "Kate Edger Place", "Korte Noordsstraat", "Hauptstraße". The name's words share
      // their case ("stieg das Spiel auf Platz 1" is no street) and no connector stands right before the type.
      boolean capital = tk.capitalised(p);
      for (int q = p; q < p + 5 && tk.is(q, Tokens.WORD); q++) {
        String w = tk.text(q);
        // A lower-case type after a capitalised name is fine ("Muskátli utca", "Meggyes sétány"); a capitalised one
        // after a lower-case word is German prose ("erreichte Platz 11").
        boolean type = q > p && words.isStreetType(w) && !CONNECTORS.contains(lower(tk.text(q - 1)))
            && (capital || !tk.capitalised(q));
        if (type || words.isStreetCompound(w) && (q == p || capital || !tk.capitalised(q))) {
          nameEnd = q + 1;
          if (type && tk.is(q + 1, Tokens.WORD) && words.isStreetType(tk.text(q + 1))
              && tk.capitalised(q + 1) == tk.capitalised(q) && tk.end[q + 1] - tk.start[q + 1] <= 4) {
            nameEnd++; // a type's abbreviation after a type word: "678 tyler estate dr", "Summer Trail Rd"
          }
          break;
        }
        boolean connector = CONNECTORS.contains(lower(w));
        boolean named = nameWord(tk, q, q == p) || capital && calendarBeforeType(tk, q);
        if (!named || !connector && tk.capitalised(q) != capital || connector && !capital) {
          break; // lower-case street names have no connectors: "got 6 dancing the sexiest part"
        }
      }
    }
    return nameEnd;
  }

  /**
   * A street named without a house number after "on" that ends its clause: "lives on Kathyrn Lane.", "the office is
   * on ul. Zielińskiego, close to ...", "on passage de la Baillive"; or after "corner of", up to "and" and a second
   * such street: "I now live in the corner of Meggyes út and Málna sétány." Texts without digits reach only this rule.
   */
  private static void numberless(Tokens tk, List<PiiEntity> out) {
    for (int t = 0; t + 2 < tk.size; t++) {
      if (!tk.is(t, Tokens.WORD) || !tk.is(t + 1, Tokens.WORD)) {
        continue;
      }
      boolean on = tk.text(t).equalsIgnoreCase("on") && !tk.capitalised(t - 1);
      boolean corner = lower(tk.text(t)).equals("of") && t > 0 && tk.is(t - 1, Tokens.WORD)
          && lower(tk.text(t - 1)).equals("corner");
      if (!on && !corner) {
        continue; // a title's "on" is no place's: "Treaty on European Union"
      }
      int end = numberlessStreet(tk, t + 1, corner);
      if (end < 0) {
        continue;
      }
      add(tk, t + 1, end, out);
      t = end;
      if (corner && end < tk.size && tk.is(end, Tokens.WORD) && AND.contains(lower(tk.text(end)))) {
        int second = numberlessStreet(tk, end + 1, false);
        if (second > 0) {
          add(tk, end + 1, second, out);
          t = second;
        }
      }
    }
  }

  /** "and" in the supported languages and those whose streets the corner rule reads. */
  private static final Set<String> AND = Set.of("and", "und", "et", "y", "e", "en", "és", "og", "och", "a", "i");

  /**
   * A street's name without a house number from {@code p}: two words or more, or one compound ("Hauptstraße"), of no
   * weak type ("Red River"), ending its clause, or before "and" when {@code beforeAnd}. Its end, or -1.
   */
  private static int numberlessStreet(Tokens tk, int p, boolean beforeAnd) {
    int end = streetName(tk, p);
    for (int q = p + 1; beforeAnd && q < end; q++) {
      if (lower(tk.text(q)).equals("and")) {
        end = q; // the corner's other street: "Rue d'Abbeville and Avenue de Presbourg"
      }
    }
    if (end < 0 || end - p < 2 && !AddressWords.get().isStreetCompound(tk.text(p))
        || AddressWords.get().isWeakType(tk.text(end - 1))) {
      return -1; // one word only as a compound ("on Hauptstraße"); "on Red River" is no street
    }
    boolean closes = end >= tk.size || tk.is(end, Tokens.NL) || tk.is(end, Tokens.PUNCT)
        && ",.;!?)".indexOf(tk.text.charAt(tk.start[end])) >= 0
        || beforeAnd && tk.is(end, Tokens.WORD) && AND.contains(lower(tk.text(end)));
    return closes ? end : -1;
  }

  private static void add(Tokens tk, int from, int end, List<PiiEntity> out) {
    int s = tk.start[from];
    int e = tk.end[end - 1];
    out.add(new PiiEntity(EntityType.ADDRESS, tk.text.substring(s, e), s, e, NUMBERED_NAME, "address/on-street"));
  }

  /** Words that name a postcode: "zip", "postcode", "PLZ", "Postleitzahl", "Eircode", "postnummer". */
  private static final Set<String> POSTCODE_WORDS = Set.of("zip", "zipcode", "postcode", "postcodes", "plz",
      "postleitzahl", "eircode", "postnummer", "postinumero", "psč", "irányítószám", "postnr");
  /** Words that turn a following word into a postcode's name: "postal code", "code postal", "código postal". */
  private static final Set<String> POSTAL = Set.of("postal", "post", "postale", "postal's");
  /** Words between a postcode's name and its value: "zip code is", "PLZ ist", "postcode:". */
  private static final Set<String> POSTCODE_FILLERS = Set.of("code", "is", "ist", "est", "es", "è", "e", "was",
      "lautet", "number", "nummer", "numéro", "número", "numero", "of", "my", "mein", "meine", "ma", "mon", "mi",
      "mijn", "il", "le", "la", "el", "de", "is:", "now", "jetzt");

  /**
   * A postcode of any country's shape after a word that names it ("My zip code is 3401 TD", "my postcode is LV-1766",
   * "postal code 244 72", "PLZ ist 1392"), with up to three filler words between: what a postcode alone looks like in
   * a sentence, which no shape tells from a number without the cue.
   */
  private static void cuedPostcodes(Tokens tk, List<PiiEntity> out) {
    for (int t = 0; t < tk.size; t++) {
      if (!tk.is(t, Tokens.WORD)) {
        continue;
      }
      String w = lower(tk.text(t));
      boolean named = POSTCODE_WORDS.contains(w) || w.equals("code") && t > 0 && tk.is(t - 1, Tokens.WORD)
          && POSTAL.contains(lower(tk.text(t - 1))) || POSTAL.contains(w) && tk.is(t + 1, Tokens.WORD)
          && lower(tk.text(t + 1)).equals("code") || (w.equals("postal") || w.equals("postale")) && t > 0
          && lower(tk.text(t - 1)).equals("code");
      if (!named) {
        continue;
      }
      int p = t + 1;
      while (p < t + 5 && (tk.is(p, Tokens.WORD) && POSTCODE_FILLERS.contains(lower(tk.text(p)))
          && Postcodes.at(tk, p, false) < 0 || tk.punct(p, ':'))) { // "E" opens the Eircode "E36 CYEC"
        p++;
      }
      int pc = Postcodes.at(tk, p, false);
      if (pc > 0 && (pc >= tk.size || !tk.is(pc, Tokens.NUM))) {
        int s = tk.start[p];
        int e = tk.end[pc - 1];
        out.add(new PiiEntity(EntityType.ADDRESS, tk.text.substring(s, e), s, e, STREET, "address/cued-postcode"));
        t = pc - 1;
      }
    }
  }

  /**
   * A number, one to three name words and a number ("87 Jakobi 69", "06 Reyes Católicos 17"), two numbers and name
   * words at a line's end ("63 30 N. Stadion"), or name words and a number after an address cue ("lives at Školní
   * 939"); the token end, or -1.
   */
  static int numberedName(Tokens tk, int t) {
    int p = leadingNumbers(tk, t);
    int numbers = p - t;
    if (numbers > 0 && (Postcodes.yearLike(tk.text(t)) && !cueBefore(tk, t) || tk.capitalised(t - 1) && !cueBefore(tk, t)
        || tk.is(t - 1, Tokens.NUM))) {
      // "Bayern 3 Dortmund 1": a number after a name is a score, not a house number.
      return -1;
    }
    boolean moved = numbers == 0 && movedTo(tk, t);
    boolean wide = numbers == 0 && livingBefore(tk, t) && (tk.capitalised(t) || lowerCaseAround(tk, t));
    boolean cued = numbers == 0 && (tk.capitalised(t) && cueBefore(tk, t) || moved || wide);
    if (numbers == 0 && !cued && !tk.is(t, Tokens.WORD)) {
      return -1;
    }
    boolean czech = numbers == 0 && tk.is(p, Tokens.WORD) && CZECH_LEAD_INS.contains(tk.text(p))
        && tk.is(p + 1, Tokens.WORD) && (!tk.capitalised(p + 1) || tk.is(p + 2, Tokens.WORD) && !tk.capitalised(p + 2)
        && !Lexicons.get().hasAny(tk.text(p + 2)) || houseNumber(tk, p + 2) && cueBefore(tk, t));
    // "U lanové dráhy 807", "U Prašného mostu 5", "wohne in der Na Slavíne 569"
    if (czech) {
      p++; // "Na paši 2, Piešťany, KI 944 40": the preposition and lower-case words, then as any name
    } else if (numbers == 0) {
      p = leadIn(tk, p); // "Im Oberfeld 53, 35005 Bad Rosagrün"
    }
    int q = p;
    boolean capital = tk.capitalised(p);
    while (q < p + 3 && nameWord(tk, q, q == p) && (tk.capitalised(q) == capital
        || !tk.capitalised(q) && (czech || AddressWords.get().isStreetType(tk.text(q))))
        && !unitOrLabel(tk.text(q))) {
      q++;
    }
    if (q == p || tk.is(q - 1, Tokens.WORD) && CONNECTORS.contains(lower(tk.text(q - 1)))) {
      return -1;
    }
    if (numbers == 0 && zero(tk, q)) {
      int u = unitsAfter(tk, q + 1);
      // "Krymská 0, 608 10 Andělská Hora", "Konzumní 0, Roztoky, HKK 551 80"
      return segmentEnd(tk, u) && (postcodeFollows(tk, u) || placeThenPostcode(tk, u)) ? u : -1;
    }
    if (houseNumber(tk, q) && !Postcodes.yearLike(tk.text(q))) {
      int u = unitsAfter(tk, q + 1);
      if (numbers == 0 && !cued) {
        // A street of a type we do not know is an address when a postcode follows: "Meggyes sétány 6, 9175
        // Fazekasváros", "Hütten 92c, Apt. 090, 1766 Ratten", "Kroghs Gate 4\n9348 Utberg".
        return segmentEnd(tk, u) && (postcodeFollows(tk, u, u > q + 1) || placeThenPostcode(tk, u)
            || placeThenCountry(tk, u)) ? u : -1;
      }
      // The name and number must end a segment: "87 Jakobi 69, Laane", "11 Školní 939\n", not "sold 50 million".
      return segmentEnd(tk, q + 1) || u > q + 1 || moved || wide && tk.punct(q + 1, '.') ? u : -1;
    }
    if (numbers == 0) {
      return -1;
    }
    if (numbers == 2 && capital && segmentEnd(tk, q)) {
      return q;
    }
    // A house number and a street name of a type we do not know, then a postcode: "63998 gleichner dam apt. 491,
    // 71784 new angel", "7984 pereira marginal, 5766 borba".
    int u = unit(tk, q);
    return numbers == 1 && segmentEnd(tk, u) && postcodeFollows(tk, u) ? u : -1;
  }

  /** A postcode and a place, or a country and a postcode, without a street; the token end, or -1. */
  int postcodePlace(Tokens tk, int t) {
    int pc = Postcodes.at(tk, t, true);
    if (pc > 0) {
      String code = tk.text.substring(tk.start[t], tk.end[pc - 1]);
      if (code.matches("\\d{4}") || code.endsWith("000") || tk.is(t - 1, Tokens.WORD)
          && QUANTITY.contains(lower(tk.text(t - 1)))) {
        // Four digits and round numbers are mostly years, counts and amounts ("1549 Somerset House", "6500
        // Einwohner"); they count as postcodes inside an address block, or before a country.
        if (Countries.get().isCountry(textOr(tk, pc)) && !Postcodes.mayBeYear(code)) {
          return country(tk, pc);
        }
        return code.length() == 4 && !Postcodes.yearLike(code) ? knownPlace(tk, pc) : -1;
      }
      int q = pc;
      while (q < pc + 3 && tk.is(q, Tokens.WORD) && (tk.capitalised(q) || q > pc && CONNECTORS.contains(
          lower(tk.text(q)))) && !NOT_PLACES.contains(lower(tk.text(q))) && !Lexicons.get().hasAny(tk.text(q))) {
        q++;
      }
      if (q > pc) {
        q = lowerTail(tk, q);
      } else if (code.length() == 5 || code.indexOf('-') > 0) {
        q = placeWords(tk, pc, true); // lower-case text: "71784 new angel,"
      }
      q = trimConnectors(tk, pc, q);
      return q > pc ? q : -1;
    }
    int c = country(tk, t);
    if (c > 0) {
      int after = Postcodes.at(tk, c, true);
      return after > 0 && !(after == c + 1 && Postcodes.mayBeYear(tk.text(c))) ? after : -1;
    }
    return -1;
  }

  /** The end of a place the gazetteer knows from {@code q} (up to three capitalised words), or -1. */
  private int knownPlace(Tokens tk, int q) {
    if (places == null || !tk.capitalised(q)) {
      return -1;
    }
    for (int k = 3; k >= 1; k--) {
      if (q + k <= tk.size && tk.is(q + k - 1, Tokens.WORD)
          && places.lookup(Countries.fold(tk.text.substring(tk.start[q], tk.end[q + k - 1]))) != Places.NONE) {
        return q + k;
      }
    }
    return -1;
  }

  /** Unit parts, then address segments on the same line after commas and on following lines. */
  static int extend(Tokens tk, int end) {
    int e = unit(tk, end);
    // After a unit part, a place may follow without a comma: "Auerstrasse 12 Apt. 974 Lyss".
    int lastSegment = e > end ? end : -1;
    int lines = 0;
    while (lines <= 5) {
      int q = e;
      boolean boundary = false;
      int newlines = 0;
      while (q < tk.size && (tk.punct(q, ',') || tk.punct(q, ';') || tk.is(q, Tokens.NL)
          || newlines > 0 && tk.is(q, Tokens.PUNCT) && "?*-•·>|".indexOf(tk.text.charAt(tk.start[q])) >= 0)) {
        // Bullets at a line's start ("??? Apt. 018", "- Berlin") do not end a block.
        boundary = true;
        newlines += tk.is(q, Tokens.NL) ? 1 : 0;
        q++;
      }
      boundary |= q == e && e > end && unit(tk, lastSegment) > lastSegment;
      if (newlines > 2) {
        break;
      }
      int s = segment(tk, q, boundary);
      if (s < 0) {
        break;
      }
      lines += newlines;
      lastSegment = q;
      e = s;
    }
    return e;
  }

  /** One address segment from {@code q}; {@code boundary}: it follows a comma or line break. The end, or -1. */
  static int segment(Tokens tk, int q, boolean boundary) {
    if (q >= tk.size || tk.is(q, Tokens.WORD) && tk.punct(q + 1, ':')) {
      return -1; // a form's next label: "PLZ:", "Ort:"
    }
    int u = unit(tk, q);
    if (u > q) {
      return u;
    }
    if (tk.is(q, Tokens.WORD) && tk.text(q).equals("nan")) {
      return q + 1;
    }
    if (boundary && houseNumber(tk, q) && tk.digits(q) <= 4 && tk.punct(q + 1, ',') && !tk.is(q - 1, Tokens.NL)
        && Postcodes.at(tk, q, true) < 0) {
      return q + 1; // the house number after a street and its comma: "Entrada Sofía Sáenz, 53, Coslada"
    }
    int pc = Postcodes.at(tk, q, !boundary);
    if (pc > 0) {
      int r = placeWords(tk, pc, true);
      return r > pc ? district(tk, pc, lowerTail(tk, r)) : boundary ? lowerPlaceBeforeFunctionWord(tk, pc) : pc;
    }
    int c = country(tk, q);
    if (c > 0) {
      int after = Postcodes.at(tk, c, false);
      return after > 0 ? after : c;
    }
    if (tk.allCaps(q) && tk.end[q] - tk.start[q] <= 3 && tk.text(q).chars().allMatch(Character::isLetter)) {
      // A region code: "VAN", "JN", "IL".
      int after = Postcodes.at(tk, q + 1, false);
      return after > 0 ? after : q + 1;
    }
    if (boundary && tk.is(q, Tokens.WORD) && tk.end[q] - tk.start[q] <= 3
        && tk.text(q).chars().allMatch(Character::isLetter)) {
      // A region code in lower or mixed case, or of one letter, before a postcode: "pe 5116", "Cat 52758", "W 7514".
      int after = Postcodes.at(tk, q + 1, false);
      if (after > 0) {
        return after;
      }
    }
    if (!boundary && !tk.allCaps(q)) {
      return -1;
    }
    if (boundary && tk.text(q).equalsIgnoreCase("co.") && tk.is(q + 1, Tokens.WORD)) {
      return q + 2; // an Irish county: "Co. Mayo", "co. cavan"
    }
    int r = placeWords(tk, q, boundary);
    if (r <= q) {
      return -1;
    }
    if (tk.capitalised(q)) {
      r = lowerTail(tk, r); // a town's or country's lower-case words: "Battaglia ligure", "Maďarská republika"
    }
    if (houseNumber(tk, r) && tk.digits(r) <= 3) {
      r++; // "Kaplice 1", "Ústí nad Labem 2"
    } else {
      r = district(tk, q, r);
    }
    int after = Postcodes.at(tk, r, false);
    if (after > 0) {
      r = after;
      if (tk.text(q).length() > 1 && after - q >= 2) {
        return r; // a place and its postcode end the segment whatever follows: "Dublin D22 since 2019"
      }
    }
    if (tk.punct(r, '(')) {
      int close = r + 1;
      while (close < r + 5 && tk.is(close, Tokens.WORD)) {
        close++;
      }
      if (tk.punct(close, ')')) {
        r = close + 1;
      }
    }
    // A place segment must end the segment: a comma, a line break, the text's end or a sentence's end.
    return r >= tk.size || tk.is(r, Tokens.NL) || tk.is(r, Tokens.PUNCT) && ",.;!?)".indexOf(tk.text.charAt(tk.start[r])) >= 0
        || tk.allCaps(r) || Countries.get().isCountry(tk.text(r)) || !tk.capitalised(q) && afterPostcode(tk, q)
        && lowerFunctionWord(tk, r) ? r : -1;
  }

  /**
   * Place words from {@code q}: capitalised or all-caps words (up to five, connectors inside: "El Puerto de Santa
   * María"), or, as a whole segment
   * after a comma or line break, up to three lower-case words that are no function words ("polapit tamar").
   */
  private static int placeWords(Tokens tk, int q, boolean boundary) {
    Lexicons lex = Lexicons.get();
    int r = q;
    if (tk.is(q, Tokens.WORD) && ARTICLES_OF_PLACES.contains(lower(tk.text(q))) && tk.is(q + 1, Tokens.WORD)
        && tk.capitalised(q + 1) == tk.capitalised(q) && !lex.hasAny(tk.text(q + 1))) {
      r = q + 1; // an article opens the town's name: "La Coruña", "Le Havre", "las palmas de gran canaria"
    }
    if (r == q && tk.is(q, Tokens.WORD) && PLACE_OPENERS.contains(lower(tk.text(q))) && tk.is(q + 1, Tokens.WORD)
        && tk.capitalised(q + 1) == tk.capitalised(q) && !lex.hasAny(tk.text(q + 1))) {
      r = q + 1; // a compass or "new" word opens the town's name: "Zuid Bernadethout", "oost versendaalhoven"
    }
    if (tk.capitalised(q)) {
      while (r < q + 5 && tk.is(r, Tokens.WORD) && (tk.capitalised(r) && (!lex.hasAny(tk.text(r))
          || r > q && lex.has(WordClass.CALENDAR, tk.text(r)) && !lex.has(WordClass.FUNCTION, tk.text(r)))
          || r > q && CONNECTORS.contains(lower(tk.text(r)))) && !(r > q && Postcodes.at(tk, r, false) > 0)) {
        // a calendar word inside a name: "Port Summer", "Puerto Mayo"
        r++;
      }
      return trimConnectors(tk, q, r);
    }
    if (!boundary) {
      return q;
    }
    int opened = r;
    while (r < q + 5 && tk.is(r, Tokens.WORD) && Character.isLowerCase(tk.text.charAt(tk.start[r]))
        && (!lex.hasAny(tk.text(r)) && !NOT_PLACES.contains(tk.text(r))
        || r > q && CONNECTORS.contains(tk.text(r)) && tk.is(r + 1, Tokens.WORD))
        && !(r > q && Postcodes.at(tk, r, false) > 0)) {
      r++; // connectors inside: "mautern an der donau", "voors aan de ijssel"
    }
    r = trimConnectors(tk, q, r);
    if (r > opened && afterPostcode(tk, q) && lowerFunctionWord(tk, r)) {
      return r; // the town after a postcode as the sentence goes on: "9797, oost versendaalhoven since 2019"
    }
    boolean whole = r > q && (r >= tk.size || tk.is(r, Tokens.NL) || tk.punct(r, ',') || tk.punct(r, '.')
        || stopped(tk, r - 1) // a short last word keeps the sentence's stop: "65313 enlöv."
        || tk.is(r, Tokens.WORD) && Postcodes.at(tk, r, false) > 0 // a district after the town: "dublin d16."
        || tk.is(r, Tokens.NUM) && tk.end[r - 1] - tk.start[r - 1] >= 4 && Postcodes.at(tk, r, false) > 0);
    // ... and a region before its postcode: "järvamaa 11722", not "87-300 à 87-302"
    return whole ? r : q;
  }

  /** Whether token {@code r} is a lower-case function word: "since", "for". */
  private static boolean lowerFunctionWord(Tokens tk, int r) {
    return tk.is(r, Tokens.WORD) && Character.isLowerCase(tk.text.charAt(tk.start[r]))
        && Lexicons.get().has(WordClass.FUNCTION, tk.text(r));
  }

  /** Whether a postcode and a comma stand right before {@code q}: "9797, oost versendaalhoven". */
  private static boolean afterPostcode(Tokens tk, int q) {
    if (q < 2 || !tk.punct(q - 1, ',')) {
      return false;
    }
    for (int p = Math.max(0, q - 4); p < q - 1; p++) {
      if (Postcodes.at(tk, p, false) == q - 1) {
        return true;
      }
    }
    return false;
  }

  /**
   * A city's district in Roman numerals after capitalised place words {@code [q, r)} that ends the segment
   * ("Bratislava I", "Košice IV"): its end, or {@code r}.
   */
  private static int district(Tokens tk, int q, int r) {
    return tk.capitalised(q) && tk.is(r, Tokens.WORD) && ROMAN.contains(tk.text(r)) && tk.capitalised(r)
        && (segmentEnd(tk, r + 1) || tk.punct(r + 1, '.')) ? r + 1 : r;
  }

  /**
   * Up to three lower-case words after a postcode inside a block that a function word follows, as a sentence goes on
   * after the address ("can you change my address to 33 place laffitte, 05049 pau for the statements?"): the place's
   * end, or {@code pc}.
   */
  private static int lowerPlaceBeforeFunctionWord(Tokens tk, int pc) {
    Lexicons lex = Lexicons.get();
    int r = pc;
    while (r < pc + 3 && tk.is(r, Tokens.WORD) && Character.isLowerCase(tk.text.charAt(tk.start[r]))
        && !lex.hasAny(tk.text(r)) && !NOT_PLACES.contains(tk.text(r))) {
      r++;
    }
    return r > pc && tk.is(r, Tokens.WORD) && Character.isLowerCase(tk.text.charAt(tk.start[r]))
        && lex.has(WordClass.FUNCTION, tk.text(r)) ? r : pc;
  }

  /**
   * Lower-case words that end a capitalised town's name, up to two, when the segment ends after them: "Borgo Isabel
   * sardo", "Costantino lido", "Bianc a mare". Their end, or {@code q}.
   */
  private static int lowerTail(Tokens tk, int q) {
    int r = q;
    while (r < q + 3 && tk.is(r, Tokens.WORD) && Character.isLowerCase(tk.text.charAt(tk.start[r]))
        && (CONNECTORS.contains(lower(tk.text(r))) || r < q + 2 && !Lexicons.get().hasAny(tk.text(r)))) {
      r++;
    }
    return r > q && (segmentEnd(tk, r) || tk.punct(r, '.') || stopped(tk, r - 1)) ? r : q;
  }

  /**
   * Whether word {@code q} of three letters or more ends with the full stop that {@link Tokens} keeps on short words
   * ("enlöv."), not an abbreviation's ("n.").
   */
  private static boolean stopped(Tokens tk, int q) {
    return tk.is(q, Tokens.WORD) && tk.end[q] - tk.start[q] >= 4 && tk.text.charAt(tk.end[q] - 1) == '.';
  }

  /** A unit part at {@code q} ("Apt. 974", "suite 771", "# 12", "Stiege 2"): its end, or {@code q}. */
  private static int unit(Tokens tk, int q) {
    int p = q;
    if (tk.punct(p, ',') && (AddressWords.get().isUnit(textOr(tk, p + 1)) || tk.punct(p + 1, '#'))) {
      p++;
    }
    if (tk.punct(p, '#') && tk.is(p + 1, Tokens.NUM)) {
      return p + 2;
    }
    if (tk.is(p, Tokens.WORD) && tk.text(p).equals("RD") && tk.is(p + 1, Tokens.NUM) && tk.digits(p + 1) <= 2) {
      return p + 2; // a New Zealand rural delivery number: "8431 Hudson Grove RD 31"
    }
    if (p == q && tk.is(p - 1, Tokens.WORD) && tk.text(p - 1).equals("RD") && tk.is(p, Tokens.NUM)
        && tk.digits(p) <= 2) {
      return p + 1; // the same after a street whose type took "RD" as its abbreviation
    }
    if (tk.is(p, Tokens.WORD) && AddressWords.get().isUnit(tk.text(p)) && tk.is(p + 1, Tokens.NUM)
        && (tk.end[p] < tk.start[p + 1] || tk.end[p] - tk.start[p] > 1)) {
      return p + 2; // not a letter glued to its number: "B6K 6DE" is a British postcode
    }
    if (tk.is(p, Tokens.WORD) && AddressWords.get().isUnit(tk.text(p)) && tk.end[p] - tk.start[p] > 1
        && tk.is(p + 1, Tokens.WORD) && tk.end[p + 1] - tk.start[p + 1] == 1 && segmentEnd(tk, p + 2)) {
      return p + 2; // an entrance or staircase letter: "Oppgang B", "Stiege A"
    }
    if (p == q && (tk.is(p - 1, Tokens.NUM) || tk.punct(p - 1, ',') && tk.is(p - 2, Tokens.NUM))
        && tk.is(p, Tokens.NUM) && tk.digits(p) <= 2
        && DANISH_SIDES.contains(lower(tk.text(p).substring(tk.digits(p)).replace(".", "")))) {
      return p + 1; // a Danish floor and side glued together: "Eldarvej 774 4TV.", "12 2th", "Ringgyde 943, 8TV."
    }
    if (p == q && tk.is(p - 1, Tokens.NUM) && tk.is(p, Tokens.WORD) && ROMAN.contains(tk.text(p))
        && (segmentEnd(tk, p + 1) || tk.is(p + 1, Tokens.NUM))) {
      return p + 1; // a Dutch floor after the house number: "Delgerplantsoen 177 II", "988 I 1 hoog"
    }
    if (tk.is(p, Tokens.NUM) && tk.digits(p) <= 2 && tk.is(p + 1, Tokens.WORD)
        && (abbreviation(tk, p + 1) || AddressWords.get().isUnit(tk.text(p + 1)))) {
      return p + 2; // a floor and side: "3º izq.", "2. th.", "9 étage"
    }
    if (tk.is(p, Tokens.WORD) && abbreviation(tk, p) && tk.end[p] - tk.start[p] <= 3 && tk.is(p + 1, Tokens.NUM)
        && tk.digits(p + 1) <= 3) {
      return p + 2; // a flat: "m. 3"
    }
    if (p == q && tk.is(p - 1, Tokens.NUM) && tk.is(p, Tokens.WORD) && (AddressWords.get().isUnit(tk.text(p))
        || abbreviation(tk, p) && tk.end[p] - tk.start[p] <= 4) && (segmentEnd(tk, p + 1) || tk.punct(p + 1, '.'))) {
      return p + 1; // "7 étage", "99/b fsz.", "774 4TV."
    }
    if (p == q && !tk.allCaps(p) && tk.is(p, Tokens.WORD) && tk.end[p] - tk.start[p] == 1
        && Character.isUpperCase(tk.text.charAt(tk.start[p])) && tk.is(p + 1, Tokens.NUM) && tk.digits(p + 1) <= 3
        && tk.end[p] < tk.start[p + 1]) {
      return p + 2; // a staircase and flat: "Mannerheimintie 12 B 5"
    }
    return q;
  }

  /** The end of a country name starting at {@code t}, or -1. */
  private static int country(Tokens tk, int t) {
    Countries countries = Countries.get();
    if (!tk.is(t, Tokens.WORD) || !countries.startsName(tk.text(t))) {
      return -1; // one look-up instead of a fold per phrase length
    }
    for (int k = Math.min(countries.maxWords(), tk.size - t); k >= 1; k--) {
      boolean words = true;
      for (int i = t; i < t + k && words; i++) {
        words = tk.is(i, Tokens.WORD);
      }
      if (words && countries.isCountry(tk.text.substring(tk.start[t], tk.end[t + k - 1]))) {
        return t + k;
      }
    }
    return -1;
  }

  /**
   * A capitalised calendar word right before a street type, as a street's name: "209 Summer Trail", "Monday Road" (a
   * calendar word is no street name otherwise: "on Monday 3 people").
   */
  private static boolean calendarBeforeType(Tokens tk, int q) {
    return tk.is(q, Tokens.WORD) && tk.capitalised(q) && Lexicons.get().has(WordClass.CALENDAR, tk.text(q))
        && tk.is(q + 1, Tokens.WORD) && tk.capitalised(q + 1) && AddressWords.get().isStreetType(tk.text(q + 1));
  }

  /**
   * A capitalised calendar word that is no function word and that a capitalised name word follows: "Calle Julio
   * Ortiz", not "took place on July 9".
   */
  private static boolean capitalisedCalendar(Tokens tk, int q) {
    return tk.is(q, Tokens.WORD) && tk.capitalised(q) && Lexicons.get().has(WordClass.CALENDAR, tk.text(q))
        && !Lexicons.get().has(WordClass.FUNCTION, tk.text(q)) && tk.capitalised(q + 1) && nameWord(tk, q + 1, false);
  }

  /** A word of a street name: letters, not a function or calendar word (connectors inside a name are). */
  private static boolean nameWord(Tokens tk, int q, boolean first) {
    if (!tk.is(q, Tokens.WORD)) {
      return false;
    }
    String w = tk.text(q);
    String lower = lower(w);
    if (CONNECTORS.contains(lower)) {
      return !first;
    }
    Lexicons lex = Lexicons.get();
    return !lex.has(WordClass.FUNCTION, w) && !lex.has(WordClass.CALENDAR, w) && !lex.has(WordClass.GREETING, w)
        && !NOT_PLACES.contains(lower) && !MONTHS.contains(lower.endsWith(".") ? lower.substring(0, lower.length() - 1)
        : lower);
  }

  private static boolean unitOrLabel(String w) {
    return AddressWords.get().isUnit(w) || Lexicons.get().has(WordClass.LABEL, w);
  }

  /**
   * A house number: a number token of one to five digits with at most one letter ("12", "12a", "5/7", "45."), not a
   * phone's groups, an ordinal ("1st") or a measure ("20px"), and not glued to a digit or dash before it ("2006–07").
   */
  private static boolean houseNumber(Tokens tk, int q) {
    if (!tk.is(q, Tokens.NUM) || tk.digits(q) > 5 || tk.end[q] - tk.start[q] > 8) {
      return false;
    }
    int letters = 0;
    for (int i = tk.start[q]; i < tk.end[q]; i++) {
      letters += Character.isLetter(tk.text.charAt(i)) ? 1 : 0;
    }
    int p = tk.start[q];
    char before = p > 0 ? tk.text.charAt(p - 1) : ' ';
    boolean glued = Character.isLetterOrDigit(before) || before == '-' || before == '\u2013';
    boolean thousands = (before == ',' || before == '.') && p > 1 && Character.isDigit(tk.text.charAt(p - 2));
    boolean zero = tk.text.charAt(p) == '0' && tk.digits(q) == 1;
    int e = tk.end[q];
    boolean grouped = e + 1 < tk.text.length() && (tk.text.charAt(e) == ',' || tk.text.charAt(e) == '.')
        && Character.isDigit(tk.text.charAt(e + 1)); // "2,372,949"
    return letters <= 1 && !glued && !thousands && !zero && !grouped;
  }

  /**
   * A house number "0" ("Backlunds Gata 0", "Krymská 0, 608 10 Andělská Hora"): only after a street type or before a
   * postcode, because a lone zero is mostly a score.
   */
  private static boolean zero(Tokens tk, int q) {
    int length = tk.is(q, Tokens.NUM) ? tk.end[q] - tk.start[q] : 0;
    return (length == 1 || length == 2 && tk.text.charAt(tk.start[q] + 1) == '.') && tk.text.charAt(tk.start[q]) == '0'
        && !Character.isLetterOrDigit(q > 0 ? tk.text.charAt(tk.start[q] - 1) : ' ');
  }

  /** Whether the word at {@code q} makes the number before it an amount or measure: "42 Mio. Euro", "3 Jahre". */
  private static boolean amount(Tokens tk, int q) {
    return tk.is(q, Tokens.WORD) && NOT_PLACES.contains(lower(tk.text(q)));
  }

  /** {@code [from, to)} without connectors at its end. */
  private static int trimConnectors(Tokens tk, int from, int to) {
    while (to > from && CONNECTORS.contains(lower(tk.text(to - 1)))) {
      to--;
    }
    return to;
  }

  /**
   * After capitalised words that open German and Nordic street names ("Am", "Im", "An der", "Auf dem", "Over",
   * "Under") and a capitalised word: the index of that word; otherwise {@code p}.
   */
  private static int leadIn(Tokens tk, int p) {
    if (!tk.is(p, Tokens.WORD) || !LEAD_INS.contains(tk.text(p))) {
      return p;
    }
    int q = p + 1;
    if (tk.is(q, Tokens.WORD) && ARTICLES.contains(tk.text(q))) {
      q++;
    }
    if (tk.is(q, Tokens.WORD) && !tk.capitalised(q) && tk.capitalised(q + 1) && GERMAN_ADJECTIVE.matcher(tk.text(q))
        .matches()) {
      q++; // an adjective between: "Im tiefen Boden", "Am alten Markt", "An der langen Wand"
    }
    return q < p + 4 && tk.is(q, Tokens.WORD) && tk.capitalised(q) ? q : p;
  }

  /**
   * A house number glued to a street compound before it: "Niemikatu88", "hakalakatu703" (one to four digits, the
   * word before it a street type or compound).
   */
  private static boolean gluedNumber(Tokens tk, int q) {
    if (!tk.is(q, Tokens.NUM) || q == 0 || tk.end[q - 1] != tk.start[q] || !tk.is(q - 1, Tokens.WORD)
        || tk.digits(q) > 4) {
      return false;
    }
    String word = tk.text(q - 1);
    return AddressWords.get().isStreetCompound(word) || AddressWords.get().isStreetType(word);
  }

  /**
   * Whether an address cue word stands within the three tokens before {@code t} on its line, or "to" right before it
   * after a verb of moving on the line ("We moved from Nordø to Geiteryggholtet 8").
   */
  private static boolean cueBefore(Tokens tk, int t) {
    for (int q = t - 1; q >= 0 && q >= t - 3 && !tk.is(q, Tokens.NL); q--) {
      if (tk.is(q, Tokens.WORD) && CUES.contains(lower(tk.text(q)))) {
        return true;
      }
    }
    return movedTo(tk, t);
  }

  /**
   * Whether a preposition stands right before {@code t} and a cue of living within the ten tokens before it on its
   * line: "Abito a Banská Štiavnica, in Krupkova 794.", "Ik woon sinds kort in Hustopeče, op Týnská 714."
   */
  private static boolean livingBefore(Tokens tk, int t) {
    if (t < 2 || !tk.is(t - 1, Tokens.WORD) || !STREET_PREPOSITIONS.contains(lower(tk.text(t - 1)))) {
      return false;
    }
    for (int q = t - 2; q >= 0 && q >= t - 10 && !tk.is(q, Tokens.NL); q--) {
      if (tk.is(q, Tokens.WORD) && CUES.contains(lower(tk.text(q)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether no capital letter stands within 80 chars of token {@code t} on its line: "ik woon sinds kort in x, op
   * týnská 714 apt. 081." (a bounded window, so that a long line costs no more per token).
   */
  private static boolean lowerCaseAround(Tokens tk, int t) {
    String text = tk.text;
    for (int i = tk.start[t] - 1; i >= 0 && i >= tk.start[t] - 80 && text.charAt(i) != '\n'; i--) {
      if (Character.isUpperCase(text.charAt(i))) {
        return false;
      }
    }
    for (int i = tk.start[t]; i < text.length() && i < tk.start[t] + 80 && text.charAt(i) != '\n'; i++) {
      if (Character.isUpperCase(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Prepositions before a street: "in", "at", "on", "op", "en", "au", "a", "auf", "in der". */
  private static final Set<String> STREET_PREPOSITIONS = Set.of("in", "at", "on", "op", "en", "au", "a", "auf",
      "der", "aan", "na", "w", "ul", "v");

  /** Whether "to" stands right before {@code t} after a verb of moving on its line ("moved from Nordø to"). */
  private static boolean movedTo(Tokens tk, int t) {
    if (t > 0 && tk.is(t - 1, Tokens.WORD) && lower(tk.text(t - 1)).equals("to")) {
      for (int q = t - 2; q >= 0 && q >= t - 8 && !tk.is(q, Tokens.NL); q--) {
        if (tk.is(q, Tokens.WORD) && MOVES.contains(lower(tk.text(q)))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Verbs of moving house before "to" and an address. */
  private static final Set<String> MOVES = Set.of("moved", "moving", "move", "relocated", "relocating");

  /** Whether the Spanish "s/n" (sin número) stands at {@code q}, in any case, with or without a final '.'. */
  private static boolean sinNumero(Tokens tk, int q) {
    return tk.is(q, Tokens.WORD) && tk.text(q).equalsIgnoreCase("s") && tk.punct(q + 1, '/')
        && tk.is(q + 2, Tokens.WORD) && (tk.text(q + 2).equalsIgnoreCase("n") || tk.text(q + 2).equalsIgnoreCase("n."))
        && tk.end[q] == tk.start[q + 1] && tk.end[q + 1] == tk.start[q + 2];
  }

  /** A short abbreviation: at most four letters and a final '.'. */
  private static boolean abbreviation(Tokens tk, int q) {
    return tk.end[q] - tk.start[q] <= 5 && tk.text.charAt(tk.end[q] - 1) == '.';
  }

  /** Unit parts from {@code q}, as many as follow one another (at most three): their end, or {@code q}. */
  private static int unitsAfter(Tokens tk, int q) {
    int e = q;
    for (int k = 0; k < 3; k++) {
      int u = unit(tk, e);
      if (u == e) {
        break;
      }
      e = u;
    }
    return e;
  }

  /**
   * Whether a comma at {@code q} is followed by a place, a comma, maybe a region code, and a postcode that is no year:
   * "Hollého 237, Snina, TT 79644", "Badeniho 9, Nový Jičín, KVK 215 99" (the street has no type we know).
   */
  private static boolean placeThenPostcode(Tokens tk, int q) {
    int c = afterPlace(tk, q);
    if (c < 0) {
      return false;
    }
    boolean region = tk.is(c, Tokens.WORD) && tk.end[c] - tk.start[c] <= 3
        && tk.text(c).chars().allMatch(Character::isLetter);
    int p = region ? c + 1 : c;
    int pc = Postcodes.at(tk, p, !region);
    return pc > 0 && !Postcodes.mayBeYear(tk.text.substring(tk.start[p], tk.end[pc - 1]));
  }

  /** After a comma at {@code q}, a place and a comma: the token after that comma, or -1. */
  private static int afterPlace(Tokens tk, int q) {
    if (!tk.punct(q, ',')) {
      return -1;
    }
    int r = placeWords(tk, q + 1, true);
    return r > q + 1 && tk.punct(r, ',') ? r + 1 : -1;
  }

  /**
   * Whether a comma at {@code q} is followed by a place, a comma and a country that ends the line or text: "Rákosová
   * 629 Apt. 654, LEVOČA, Gabon", "74 106 Kate Edger Place, BINSTED, Vatican City" (a signature's block).
   */
  private static boolean placeThenCountry(Tokens tk, int q) {
    int after = afterPlace(tk, q);
    int c = after < 0 ? -1 : country(tk, after);
    return c > 0 && (c >= tk.size || tk.is(c, Tokens.NL) || tk.punct(c, ',') || tk.punct(c, '.'));
  }

  /** Whether a comma or line break at {@code q} is followed by a postcode. */
  private static boolean postcodeFollows(Tokens tk, int q) {
    return postcodeFollows(tk, q, false);
  }

  /** {@link #postcodeFollows(Tokens, int)}, where {@code afterUnit} says that a unit part ends at {@code q}. */
  private static boolean postcodeFollows(Tokens tk, int q, boolean afterUnit) {
    int p = q;
    boolean separated = false;
    boolean units = afterUnit;
    for (int k = 0; k < 3; k++) {
      // Unit parts between the street and the postcode: "Stekplantsoen 83, 3 hoog, 6674 RF", "Hütten 92c, Apt. 090,
      // 1766 Ratten".
      int r = p;
      while (r < tk.size && (tk.punct(r, ',') || tk.is(r, Tokens.NL))) {
        r++;
      }
      separated |= r > p;
      int u = r > p ? unit(tk, r) : r;
      p = r;
      if (u == r) {
        break;
      }
      units = true;
      p = u;
    }
    int pc = separated ? Postcodes.at(tk, p, false) : -1;
    if (pc < 0) {
      return false;
    }
    String code = tk.text.substring(tk.start[p], tk.end[pc - 1]);
    // Years and 3-digit groups ("1 episode, 1991", "2,372,949") are no postcodes here, unless a unit part came first.
    return (units || !Postcodes.mayBeYear(code)) && !code.matches("\\d{3}");
  }

  /** Whether {@code q} ends a segment: a comma, a line break or the text's end. */
  private static boolean segmentEnd(Tokens tk, int q) {
    return q >= tk.size || tk.is(q, Tokens.NL) || tk.punct(q, ',');
  }

  private static String textOr(Tokens tk, int q) {
    return q < tk.size ? tk.text(q) : "";
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** Whether the text holds "on" as a word, in any case. */
  private static boolean hasOn(String text) {
    for (int i = text.indexOf('n'); i > 0; i = text.indexOf('n', i + 1)) {
      char o = text.charAt(i - 1);
      if ((o == 'o' || o == 'O') && (i < 2 || !Character.isLetter(text.charAt(i - 2)))
          && (i + 1 >= text.length() || !Character.isLetter(text.charAt(i + 1)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasDigit(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        return true;
      }
    }
    return false;
  }
}
