package dev.confidant.pii.internal.address;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Country names in English, German, French, Spanish, Italian and Dutch, from the JDK's own locale data (CLDR), plus
 * common short forms ("USA", "UK", "Holland"). Compared lower-cased and without diacritics. Immutable and
 * thread-safe; built once (about 1,500 names).
 */
public final class Countries {
  /** Short and former names people write that the locale data lacks. */
  private static final List<String> EXTRA = List.of("usa", "u.s.a.", "us", "u.s.", "uk", "u.k.", "great britain",
      "britain", "england", "scotland", "wales", "northern ireland", "holland", "czech republic", "czechia",
      "vatican city", "vatican", "russia", "south korea", "north korea", "ivory coast", "swaziland", "burma",
      "macedonia", "the netherlands", "the united states", "the united kingdom", "america", "united states of america",
      "deutschland", "österreich", "schweiz", "suisse", "svizzera", "españa", "italia", "nederland", "belgië",
      "danmark", "sverige", "norge", "suomi", "polska", "česko", "magyarország", "ελλάδα", "hellas", "éire",
      "sao tome and principe", "east timor", "cape verde",
      // The English names that the JDK's locale data spells otherwise and that Faker's country lists write.
      "turkey", "libyan arab jamahiriya", "syrian arab republic", "korea", "macao", "reunion", "cote d'ivoire",
      "palestinian territory", "lao people's democratic republic", "kyrgyz republic", "brunei darussalam",
      "holy see", "moldova", "micronesia", "saint barthelemy", "saint helena", "pitcairn islands",
      "svalbard & jan mayen islands", "svalbard and jan mayen", "netherlands antilles", "wallis and futuna",
      "virgin islands, british", "virgin islands, u.s.", "united states virgin islands", "falkland islands",
      "united states minor outlying islands", "south georgia and the south sandwich islands",
      "heard island and mcdonald islands", "bouvet island", "saint vincent and the grenadines", "swaziland",
      "slovak republic", "republic of ireland", "the bahamas", "the gambia");
  /** Names that are ordinary words, first names or foods in lower case: matched only when capitalised. */
  private static final Set<String> AMBIGUOUS_LOWER = Set.of("chad", "jordan", "turkey", "china", "georgia", "guinea",
      "jersey", "man", "niger", "mali", "chile", "cuba", "wales", "us", "togo", "peru", "panama", "malta", "oman",
      "india", "israel", "kenya", "benin", "gabon", "laos", "iran", "iraq", "monaco", "samoa", "tonga", "nauru");

  private static final Countries INSTANCE = build();

  private final Set<String> names;
  /** The folded first word of every name: a word that is none of these starts no country. */
  private final Set<String> firstWords;
  private final int maxWords;

  private Countries(Set<String> names) {
    this.names = Set.copyOf(names);
    this.firstWords = Set.copyOf(names.stream().map(n -> n.split(" ")[0]).toList());
    this.maxWords = names.stream().mapToInt(n -> n.split(" ").length).max().orElse(1);
  }

  public static Countries get() {
    return INSTANCE;
  }

  /** Whether a word (any case, with diacritics) can start a country's name: one set look-up. */
  public boolean startsName(String word) {
    return firstWords.contains(fold(word));
  }

  /** The most words a country name has. */
  public int maxWords() {
    return maxWords;
  }

  /**
   * Whether {@code phrase} names a country. A lower-case phrase counts unless the name is also an ordinary word or a
   * first name ("chad", "jordan", "turkey").
   */
  public boolean isCountry(String phrase) {
    String key = fold(phrase);
    if (phrase.isEmpty() || !names.contains(key)) {
      return false;
    }
    if (key.equals("us")) {
      return phrase.equals("US");
    }
    return !(Character.isLowerCase(phrase.charAt(0)) && AMBIGUOUS_LOWER.contains(key));
  }

  /** Lower case without diacritics, whitespace collapsed. */
  public static String fold(String s) {
    String lower = s.toLowerCase(Locale.ROOT).strip();
    boolean ascii = true;
    for (int i = 0; i < lower.length() && ascii; i++) {
      ascii = lower.charAt(i) < 128;
    }
    if (!ascii) {
      lower = Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }
    return lower.indexOf("  ") >= 0 || lower.indexOf('\n') >= 0 ? lower.replaceAll("\\s+", " ") : lower;
  }

  private static Countries build() {
    Set<String> names = new HashSet<>();
    List<Locale> languages = List.of(Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH, Locale.of("es"), Locale.ITALIAN,
        Locale.of("nl"));
    for (String code : Locale.getISOCountries()) {
      Locale country = Locale.of("", code);
      for (Locale language : languages) {
        String name = country.getDisplayCountry(language);
        if (!name.isEmpty() && !name.equals(code)) {
          names.add(fold(name));
          int paren = name.indexOf(" (");
          if (paren > 0) {
            names.add(fold(name.substring(0, paren)));
          }
        }
      }
    }
    EXTRA.forEach(e -> names.add(fold(e)));
    return new Countries(names);
  }
}
