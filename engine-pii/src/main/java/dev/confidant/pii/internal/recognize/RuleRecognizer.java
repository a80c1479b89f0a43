package dev.confidant.pii.internal.recognize;

import static java.util.Objects.requireNonNull;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Runs a list of {@link Rule}s: pattern, then check, then cue words. Each rule tries its pattern only in texts
 * and at positions its {@link Prefilter} admits, which finds what {@link Matcher#find()} over the whole text
 * finds. Thread-safe (patterns are immutable and matchers are made per call).
 */
public final class RuleRecognizer implements ScanRecognizer {
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
  public List<PiiEntity> recognize(Scan scan) {
    String text = scan.text();
    List<PiiEntity> out = new ArrayList<>();
    for (Rule rule : rules) {
      Prefilter filter = rule.prefilter();
      if (!filter.admits(scan) || rule.needsCue() && !scan.hasAnyWord(rule.cues())) {
        continue;
      }
      Matcher m = null;
      boolean boundaries = filter.afterNonWord();
      int[] starts = scan.boundaries();
      int count = boundaries ? scan.boundaryCount() : text.length();
      int from = 0; // where Matcher.find() would resume: the end of the last match
      for (int k = 0; k < count; k++) {
        int p = boundaries ? starts[k] : k;
        if (p < from || !filter.canStart(text, p)) {
          continue;
        }
        if (m == null) {
          // Transparent, non-anchoring bounds: the lookbehinds see the text before p, as find() would.
          m = rule.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        }
        m.region(p, text.length());
        if (!m.lookingAt()) {
          continue;
        }
        from = m.end();
        add(rule, scan, m.start(), m.end(), out);
      }
    }
    return out;
  }

  private void add(Rule rule, Scan scan, int start, int matchEnd, List<PiiEntity> out) {
    String text = scan.text();
    int end = matchEnd;
    if (rule.type() == EntityType.URL) {
      // A URL pattern cannot know whether a final '.' or ')' belongs to the sentence; it usually does.
      while (end > start + 1 && ".,;:!?)]}'\"".indexOf(text.charAt(end - 1)) >= 0) {
        end--;
      }
    }
    String value = text.substring(start, end);
    if (!rule.check().test(value)) {
      return;
    }
    String cue = scan.cue(start, end, rule.cues());
    if (cue == null && rule.needsCue()) {
      return;
    }
    String negative = cue == null ? scan.cue(start, end, rule.negativeCues()) : null;
    double score = cue != null ? Math.min(1.0, rule.score() + Rule.CUE_BOOST)
        : negative != null ? Math.max(0, rule.score() - Rule.NEGATIVE_CUE_PENALTY) : rule.score();
    String why = name + "/" + rule.name() + (cue == null ? "" : " cue=" + cue)
        + (negative == null ? "" : " negative-cue=" + negative);
    out.add(new PiiEntity(rule.type(), value, start, end, score, why));
  }
}
