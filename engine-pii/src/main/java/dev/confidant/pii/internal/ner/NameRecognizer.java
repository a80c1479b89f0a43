package dev.confidant.pii.internal.ner;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.spi.Recognizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import opennlp.tools.util.Span;
import org.jspecify.annotations.Nullable;

/**
 * Persons, organisations and locations: the statistical {@link NameModel} plus {@link NameRules}. Thread-safe.
 */
public final class NameRecognizer implements Recognizer {
  static final double MODEL_CAP = 0.9;
  private final @Nullable NameModel model;

  /**
   * @param model the statistical model, or {@code null} for rules only
   */
  public NameRecognizer(@Nullable NameModel model) {
    this.model = model;
  }

  @Override
  public String name() {
    return "names";
  }

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.PERSON, EntityType.ORGANIZATION, EntityType.LOCATION);
  }

  @Override
  public List<PiiEntity> recognize(String text) {
    List<PiiEntity> out = new ArrayList<>(NameRules.find(text));
    if (model == null || !hasLetter(text)) {
      return out;
    }
    Tokens tokens = Tokens.of(text);
    for (int[] sentence : tokens.sentences(text)) {
      String[] words = tokens.tokens().subList(sentence[0], sentence[1]).toArray(String[]::new);
      for (Span span : model.find(words)) {
        EntityType type = switch (span.getType()) {
          case "PER" -> EntityType.PERSON;
          case "ORG" -> EntityType.ORGANIZATION;
          case "LOC" -> EntityType.LOCATION;
          default -> null;
        };
        if (type == null) {
          continue;
        }
        int rawStart = tokens.starts()[sentence[0] + span.getStart()];
        int end = NameRules.trimEnd(text, rawStart, tokens.ends()[sentence[0] + span.getEnd() - 1]);
        int start = NameRules.trimStart(text, rawStart, end);
        if (end - start < 2) {
          continue;
        }
        String value = text.substring(start, end);
        if (!hasLetter(value) || NameRules.isReference(value)) {
          continue;
        }
        // Capped below the rules' strong evidence (legal forms, titles), which win merged overlaps.
        double p = Math.max(0, Math.min(MODEL_CAP, span.getProb()));
        out.add(new PiiEntity(type, value, start, end, p, "names/model p=" + Math.round(p * 100) / 100.0));
      }
    }
    return out;
  }

  private static boolean hasLetter(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isLetter(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
