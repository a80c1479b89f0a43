package dev.confidant.pii.internal.recognize;

import static java.util.Objects.requireNonNull;

import dev.confidant.pii.EntityType;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One pattern-plus-check rule of a {@link RuleRecognizer}. Patterns use only bounded or possessive repetition
 * so that matching stays linear on hostile input.
 *
 * @param name the rule's name, used in explanations
 * @param type the entity type it reports
 * @param pattern the candidate pattern (the whole match is the entity)
 * @param check a checksum or plausibility check on the matched text
 * @param score the score of a checked match without context
 * @param cues context words that raise the score by {@link #CUE_BOOST}
 * @param needsCue whether a match without a cue word is dropped (weak formats such as bare digit runs)
 * @param negativeCues context words that lower the score by {@link #NEGATIVE_CUE_PENALTY} when no cue word is near
 * @param prefilter what the pattern needs before it can match: lets a text or position skip the regex
 */
public record Rule(String name, EntityType type, Pattern pattern, Predicate<String> check, double score,
    Set<String> cues, boolean needsCue, Set<String> negativeCues, Prefilter prefilter) {
  /** How much a cue word adds. */
  public static final double CUE_BOOST = 0.25;
  /** How much a negative cue word takes away. */
  public static final double NEGATIVE_CUE_PENALTY = 0.45;
  /** Words next to which a digit run is usually a product, order or document number, not personal data. */
  public static final Set<String> NOT_PERSONAL = Set.of("isbn", "issn", "order", "tracking", "invoice", "serial",
      "sku", "version", "build", "ticket", "bestellnummer", "sendungsnummer", "rechnungsnummer", "artikelnummer",
      "seriennummer", "auftragsnummer");

  public Rule {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    requireNonNull(pattern, "pattern");
    requireNonNull(check, "check");
    cues = Set.copyOf(cues);
    negativeCues = Set.copyOf(negativeCues);
    requireNonNull(prefilter, "prefilter");
  }

  /** A rule that needs no cue word. */
  public static Rule of(String name, EntityType type, String regex, Predicate<String> check, double score,
      Set<String> cues) {
    return new Rule(name, type, Pattern.compile(regex), check, score, cues, false, NOT_PERSONAL, Prefilter.NONE);
  }

  /** A rule whose matches count only next to a cue word. */
  public static Rule cued(String name, EntityType type, String regex, Predicate<String> check, double score,
      Set<String> cues) {
    return new Rule(name, type, Pattern.compile(regex), check, score, cues, true, NOT_PERSONAL, Prefilter.NONE);
  }

  /**
   * This rule, trying its pattern only where a match can start and only in texts that can hold one: see
   * {@link Prefilter#of}. The conditions must follow from the pattern, so that nothing it would find is skipped.
   */
  Rule startingWith(String first, String notAfter, int minDigits) {
    return withPrefilter(Prefilter.of(first, notAfter, minDigits));
  }

  /** This rule with another prefilter. */
  Rule withPrefilter(Prefilter p) {
    return new Rule(name, type, pattern, check, score, cues, needsCue, negativeCues, p);
  }
}
