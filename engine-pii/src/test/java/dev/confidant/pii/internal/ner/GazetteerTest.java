package dev.confidant.pii.internal.ner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GazetteerTest {
  @Test
  void lexiconBitsAreKeptApartFromTheTrainingDataCode() {
    long ana = Features.hash("ana");
    long okafor = Features.hash("okafor");
    long monday = Features.hash("monday");
    Gazetteer g = new Gazetteer(new long[] {ana, okafor, monday}, new byte[] {
        (byte) (1 * 4 + 3 + Gazetteer.LEX_FIRST), (byte) Gazetteer.LEX_LAST, (byte) (Gazetteer.PLAIN + 2)});
    assertThat(g.code(ana)).isEqualTo(7);
    assertThat(g.lexicon(ana)).isEqualTo(1);
    assertThat(g.code(okafor)).isZero();
    assertThat(g.lexicon(okafor)).isEqualTo(2);
    assertThat(g.plain(okafor)).isFalse();
    assertThat(g.plain(monday)).isTrue();
    assertThat(g.lexicon(monday)).isZero();
    assertThat(g.lexicon(Features.hash("unknown"))).isZero();
  }

  @Test
  void lexiconHitsChangeTheFeatures() {
    String[] tokens = {"ask", "Okafor", "today"};
    long okafor = Features.hash("okafor");
    long[] without = Features.of(tokens, Gazetteer.EMPTY);
    long[] with = Features.of(tokens, new Gazetteer(new long[] {okafor}, new byte[] {(byte) Gazetteer.LEX_LAST}));
    assertThat(with).hasSize(3 * Features.PER_TOKEN);
    // the training-data features are the same; the lexicon ones differ for the word and its neighbours
    for (int i = 0; i < 3; i++) {
      for (int f = 0; f < 32; f++) {
        assertThat(with[i * Features.PER_TOKEN + f]).isEqualTo(without[i * Features.PER_TOKEN + f]);
      }
    }
    assertThat(with[Features.PER_TOKEN + 32]).isNotEqualTo(without[Features.PER_TOKEN + 32]);
    assertThat(with[33]).isNotEqualTo(without[33]);
  }
}
