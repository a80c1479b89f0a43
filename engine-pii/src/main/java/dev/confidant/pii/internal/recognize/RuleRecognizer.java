package dev.confidant.pii.internal.recognize;

import static java.util.Objects.requireNonNull;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.spi.Recognizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Runs a list of {@link Rule}s: pattern, then check, then cue words. Thread-safe (patterns are immutable and
 * matchers are made per call).
 */
public final class RuleRecognizer implements Recognizer {
  private final String name;
  private final List<Rule> rules;
  private final Set<EntityType> types;

  public RuleRecognizer(String name, List<Rule> rules) {
    this.name = requireNonNull(name, "name");
    this.rules = List.copyOf(rules);
    EnumSet<EntityType> t = EnumSet.noneOf(EntityType.class);
    rules.forEach(r -> t.add(r.type()));
    this.types = Set.copyOf(t);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<EntityType> types() {
    return types;
  }

  @Override
  public List<PiiEntity> recognize(String text) {
    List<PiiEntity> out = new ArrayList<>();
    for (Rule rule : rules) {
      Matcher m = rule.pattern().matcher(text);
      while (m.find()) {
        int end = m.end();
        if (rule.type() == EntityType.URL) {
          // A URL pattern cannot know whether a final '.' or ')' belongs to the sentence; it usually does.
          while (end > m.start() + 1 && ".,;:!?)]}'\"".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
          }
        }
        String value = text.substring(m.start(), end);
        if (!rule.check().test(value)) {
          continue;
        }
        String cue = ContextWords.find(text, m.start(), end, rule.cues());
        if (cue == null && rule.needsCue()) {
          continue;
        }
        String negative = cue == null ? ContextWords.find(text, m.start(), end, rule.negativeCues()) : null;
        double score = cue != null ? Math.min(1.0, rule.score() + Rule.CUE_BOOST)
            : negative != null ? Math.max(0, rule.score() - Rule.NEGATIVE_CUE_PENALTY) : rule.score();
        String why = name + "/" + rule.name() + (cue == null ? "" : " cue=" + cue)
            + (negative == null ? "" : " negative-cue=" + negative);
        out.add(new PiiEntity(rule.type(), value, m.start(), end, score, why));
      }
    }
    return out;
  }
}
