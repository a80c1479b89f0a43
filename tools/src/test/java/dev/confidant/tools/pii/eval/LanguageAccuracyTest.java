package dev.confidant.tools.pii.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.internal.lang.Language;
import org.junit.jupiter.api.Test;

class LanguageAccuracyTest {

  @Test
  void aTallyCountsRightAndWrongAnswersAndShortMessagesApart() {
    LanguageAccuracy.Tally t = new LanguageAccuracy.Tally();
    t.add("Guten Tag, ich bin Jürgen Müller und habe eine Frage zu meiner Rechnung.", Language.DE);
    t.add("Wie kann ich meine Adresse ändern?", Language.DE);
    t.add("Hello, I would like to change the address on my account, please.", Language.DE);
    assertThat(t.row("test", Language.DE)).isEqualTo("| test | de | 3 | 0.667 | 1 | 1.000 | en (1) |");
  }
}
