package dev.confidant.jlama.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JlamaTokenSamplerTest {
  private static final float[] LOGITS = {1.0f, 3.0f, 2.9f, -1.0f, 3.0f};

  @Test
  void temperatureZeroTakesTheFirstMostLikelyToken() {
    TokenSampler sampler = new TokenSampler(plan(0.0, 1.0, null), LOGITS.length);
    assertThat(sampler.sample(LOGITS.clone())).isEqualTo(1);
  }

  @Test
  void sameSeedDrawsTheSameTokens() {
    assertThat(draws(plan(1.0, 1.0, 42L), 50)).isEqualTo(draws(plan(1.0, 1.0, 42L), 50));
    assertThat(draws(plan(1.0, 1.0, 42L), 50)).isNotEqualTo(draws(plan(1.0, 1.0, 43L), 50));
  }

  @Test
  void topPKeepsTheSmallestSetHoldingThatMass() {
    // Tokens 1 and 4 tie for first; with top_p 0.5 only they (about 2 × 0.35 of the mass) can be drawn.
    assertThat(draws(plan(1.0, 0.5, 7L), 200)).containsOnly(1, 4).contains(1, 4);
    assertThat(draws(plan(1.0, 0.3, 7L), 50)).containsOnly(1);
  }

  @Test
  void frequencyAndPresencePenaltiesDiscourageRepetition() {
    SamplingPlan penalized = new SamplingPlan(0.0, 1.0, null, 0.5, 0.5, Map.of());
    TokenSampler sampler = new TokenSampler(penalized, LOGITS.length);
    // 1 (3.0), then 4 (3.0 beats 1's 3.0 - 1.0), then 2 (2.9 beats both penalized ones).
    assertThat(IntStream.range(0, 3).map(i -> sampler.sample(LOGITS.clone())).toArray()).containsExactly(1, 4, 2);
  }

  @Test
  void logitBiasShiftsTheChoice() {
    TokenSampler sampler = new TokenSampler(new SamplingPlan(0.0, 1.0, null, 0, 0, Map.of(3, 10f)), LOGITS.length);
    assertThat(sampler.sample(LOGITS.clone())).isEqualTo(3);
  }

  private static int[] draws(SamplingPlan plan, int n) {
    TokenSampler sampler = new TokenSampler(plan, LOGITS.length);
    return IntStream.range(0, n).map(i -> sampler.sample(LOGITS.clone())).toArray();
  }

  private static SamplingPlan plan(double temperature, double topP, Long seed) {
    return new SamplingPlan(temperature, topP, seed, 0, 0, Map.of());
  }
}
