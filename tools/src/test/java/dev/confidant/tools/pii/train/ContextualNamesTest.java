package dev.confidant.tools.pii.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.internal.ner.NameModels;
import dev.confidant.pii.internal.ner.NameSpan;
import dev.confidant.pii.internal.ner.Tagger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cascade's logic with the real tagger and encoder, and heads whose answer is fixed. */
class ContextualNamesTest {
  private static final Tagger TAGGER = NameModels.load().tagger();
  /** Sure spans (Barack Obama, Angela Merkel, Berlin), unsure ones, and one only the higher bias takes (Easter). */
  private static final String[] SENTENCE = ("President Barack Obama met Angela Merkel in Berlin ; please forward the "
      + "Quarterly Report to Zanzibar Logistics before Easter .").split(" ");

  /** A head that answers {@code answer} (0 outside, 1 person, 2 organisation, 3 location) whatever it sees. */
  private static VerifierHead always(int answer) {
    int in = ContextualNames.INPUTS;
    float[] b2 = new float[VerifierHead.OUT];
    b2[answer] = 10;
    float[] one = new float[in];
    java.util.Arrays.fill(one, 1);
    return new VerifierHead(new float[in], one, new float[in], new float[1], new float[VerifierHead.OUT], b2, 0.5f,
        0.5f);
  }

  private static ContextualNames cascade(int answer) {
    return new ContextualNames(TAGGER, always(answer), () -> ContextEncoder.shared().orElseThrow());
  }

  @Test
  void everySpanOfTheShippedDecodingIsACandidateAndTheHigherBiasAddsOthers() {
    List<NameSpan> shipped = TAGGER.find(SENTENCE, true);
    List<Tagger.Candidate> candidates = TAGGER.candidates(SENTENCE, true, ContextualNames.EXTRA_BIAS);
    assertThat(candidates.stream().filter(Tagger.Candidate::shipped).map(Tagger.Candidate::span).toList())
        .isEqualTo(shipped);
    assertThat(candidates.size()).isGreaterThan(shipped.size());
    assertThat(TAGGER.candidates(SENTENCE, true, 0).stream().filter(c -> !c.shipped())).isEmpty();
  }

  @Test
  void aHeadThatSaysOutsideKeepsOnlyTheSureSpans() {
    List<NameSpan> kept = cascade(0).find(SENTENCE, true);
    List<NameSpan> sure = TAGGER.candidates(SENTENCE, true, ContextualNames.EXTRA_BIAS).stream()
        .filter(ContextualNames::sure).map(Tagger.Candidate::span).toList();
    assertThat(sure).isNotEmpty();
    assertThat(kept).isEqualTo(sure);
    assertThat(kept.size()).isLessThan(TAGGER.find(SENTENCE, true).size());
  }

  @Test
  void aHeadThatSaysPersonKeepsEveryCandidateAndTypesTheUncertainOnesAsPersons() {
    List<Tagger.Candidate> candidates = TAGGER.candidates(SENTENCE, true, ContextualNames.EXTRA_BIAS);
    List<NameSpan> kept = cascade(1).find(SENTENCE, true);
    assertThat(kept).hasSize(candidates.size());
    for (int c = 0; c < candidates.size(); c++) {
      Tagger.Candidate cand = candidates.get(c);
      assertThat(kept.get(c).start()).isEqualTo(cand.span().start());
      assertThat(kept.get(c).type()).isEqualTo(ContextualNames.sure(cand) ? cand.span().type() : EntityType.PERSON);
    }
  }

  @Test
  void theHeadsInputsCarryTheTaggersViewAndTheEncodersStates() {
    List<Tagger.Candidate> candidates = TAGGER.candidates(SENTENCE, true, ContextualNames.EXTRA_BIAS);
    boolean[] all = new boolean[candidates.size()];
    java.util.Arrays.fill(all, true);
    float[][] x = ContextualNames.features(SENTENCE, candidates, all, false, ContextEncoder.shared().orElseThrow());
    for (int c = 0; c < x.length; c++) {
      assertThat(x[c]).hasSize(ContextualNames.INPUTS);
      int shape = 3 * ContextEncoder.DIM;
      assertThat(x[c][shape + 6]).isEqualTo(candidates.get(c).shipped() ? 1f : 0f);
      assertThat(x[c][shape + 7]).isEqualTo((float) candidates.get(c).span().score());
      assertThat(java.util.Arrays.copyOfRange(x[c], 0, ContextEncoder.DIM)).isNotEqualTo(new float[ContextEncoder.DIM]);
    }
  }
}
