package dev.confidant.pii.internal.ner;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.internal.lang.Language;
import dev.confidant.pii.internal.lang.LanguageDetector;
import dev.confidant.pii.spi.Recognizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Persons, organisations and locations: the statistical {@link Tagger} plus {@link NameRules}. Thread-safe.
 */
public final class NameRecognizer implements Recognizer {
  static final double MODEL_CAP = 0.9;
  static final double MODEL_FLOOR = 0.41;
  private final @Nullable Tagger model;
  private final NameRules rules;

  /**
   * @param models the trained models, or {@code null} for rules only (then also without the given-name list)
   */
  public NameRecognizer(@Nullable NameModels models) {
    this.model = models == null ? null : models.tagger();
    this.rules = new NameRules(models == null ? java.util.Set.of() : models.firstNames());
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
    List<PiiEntity> out = new ArrayList<>(rules.find(text));
    if (model == null || !hasLetter(text)) {
      return out;
    }
    Tokens tokens = Tokens.of(text);
    // German capitalises every noun: there a capital is no evidence of a name, and the recall bias would mask
    // ordinary nouns ("Haus", "Polizei"); 7% of GermEval's plain tokens with it, see the module README.
    boolean capitalsSayNames = LanguageDetector.detect(text) != Language.DE;
    for (int[] sentence : tokens.sentences(text)) {
      String[] words = tokens.tokens().subList(sentence[0], sentence[1]).toArray(String[]::new);
      for (NameSpan span : model.find(words, capitalsSayNames)) {
        // Nationality words, offices and German abstract nouns: the model's most frequent false positives.
        if (NameWords.get().noName(words, span.start(), span.end(), !capitalsSayNames)) {
          continue;
        }
        int rawStart = tokens.starts()[sentence[0] + span.start()];
        int end = NameRules.trimEnd(text, rawStart, tokens.ends()[sentence[0] + span.end() - 1]);
        int start = NameRules.trimStart(text, rawStart, end);
        if (end - start < 2) {
          continue;
        }
        String value = text.substring(start, end);
        // "Order 0": the number after a reference noun belongs to it, even where the tagger stopped before it.
        int next = sentence[0] + span.end();
        String withNext = next < sentence[1] ? text.substring(start, tokens.ends()[next]) : value;
        if (!hasLetter(value) || NameRules.isReference(value) || NameRules.isReference(withNext) || isCode(value)) {
          continue;
        }
        // Between the default minScore and the rules' strong evidence (legal forms, titles), which wins merged
        // overlaps: a name the tagger took only for recall scores MODEL_FLOOR + half the range.
        double p = MODEL_FLOOR + (MODEL_CAP - MODEL_FLOOR) * span.score();
        out.add(new PiiEntity(span.type(), value, start, end, p, "names/model p=" + Math.round(p * 100) / 100.0));
      }
    }
    return out;
  }

  /**
   * Whether a span is a code rather than a name: a word mixes capital letters and digits without a lower-case
   * letter ("A305", "BE71", "SW1A"; not "1990s"), or no word has two letters. Names almost never do; account, IBAN and reference fragments always do (the tagger took
   * 61 such fragments of Presidio's invalid-IBAN vectors for organisations).
   */
  static boolean isCode(String value) {
    boolean word = false;
    for (String w : value.split("\\s+")) {
      int letters = 0;
      int digits = 0;
      int lower = 0;
      for (int i = 0; i < w.length(); i++) {
        char c = w.charAt(i);
        letters += Character.isLetter(c) ? 1 : 0;
        digits += Character.isDigit(c) ? 1 : 0;
        lower += Character.isLowerCase(c) ? 1 : 0;
      }
      if (letters > 0 && digits > 0 && lower == 0) {
        return true;
      }
      word |= letters >= 2;
    }
    return !word;
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
