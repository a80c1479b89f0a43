package dev.confidant.pii.internal.ner;

import static dev.confidant.pii.internal.ner.Tagger.L;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class WordClustersTest {
  private static final long OKAFOR = Features.hash("okafor");
  private static final long NAKASHIMA = Features.hash("nakashima");
  private static final long TABLE = Features.hash("table");

  /** Two surnames in one fine cluster (id 0b000101_01_10), a noun in another top cluster. */
  private static WordClusters clusters() {
    return WordClusters.of(new long[] {OKAFOR, NAKASHIMA, TABLE}, new short[] {0b0001010110, 0b0001010110, 0b1000000001});
  }

  @Test
  void wordsOfOneClusterGetTheSameClusterFeatures() {
    Gazetteer g = new Gazetteer(new long[0], new byte[0], clusters());
    int per = Features.perToken(g);
    assertThat(per).isEqualTo(Features.PER_TOKEN + Features.CLUSTER_FEATURES);
    long[] a = Features.of(new String[] {"ask", "Okafor", "today"}, g);
    long[] b = Features.of(new String[] {"ask", "Nakashima", "today"}, g);
    long[] c = Features.of(new String[] {"ask", "Table", "today"}, g);
    long[] plain = Features.of(new String[] {"ask", "Okafor", "today"}, Gazetteer.EMPTY);
    assertThat(a).hasSize(3 * per);
    // the base features do not change with clusters
    for (int i = 0; i < 3; i++) {
      for (int f = 0; f < Features.PER_TOKEN; f++) {
        assertThat(a[i * per + f]).isEqualTo(plain[i * Features.PER_TOKEN + f]);
      }
    }
    for (int f = Features.PER_TOKEN; f < per; f++) {
      // the middle word's cluster features are the same for both surnames, and differ for the noun where they
      // read the word's own cluster
      assertThat(a[per + f]).isEqualTo(b[per + f]);
    }
    assertThat(a[per + Features.PER_TOKEN]).isNotEqualTo(c[per + Features.PER_TOKEN]);
    // the neighbours see the middle word's cluster
    assertThat(a[Features.PER_TOKEN + 4]).isEqualTo(b[Features.PER_TOKEN + 4]).isNotEqualTo(c[Features.PER_TOKEN + 4]);
  }

  @Test
  void unknownWordsHaveNoCluster() {
    assertThat(clusters().id(Features.hash("unseen"))).isEqualTo(WordClusters.UNKNOWN);
    assertThat(clusters().id(OKAFOR)).isEqualTo(0b0001010110);
    assertThat(WordClusters.none().isEmpty()).isTrue();
    assertThat(Features.perToken(Gazetteer.EMPTY)).isEqualTo(Features.PER_TOKEN);
  }

  @Test
  void idsOutOfRangeAreRejected() {
    assertThatThrownBy(() -> WordClusters.of(new long[] {1}, new short[] {1024}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WordClusters.of(new long[] {1, 2}, new short[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aModelWithClustersSurvivesWritingAndReading() throws IOException {
    Gazetteer g = new Gazetteer(new long[] {7}, new byte[] {5}, clusters());
    // weights only on the word's own cluster features (three granularities) of the surnames' cluster: an unseen
    // word of that cluster becomes a name
    long[] features = Features.of(new String[] {"Okafor"}, g);
    long[] keys = java.util.Arrays.stream(features, Features.PER_TOKEN, Features.PER_TOKEN + 3).sorted().toArray();
    float[] weights = new float[keys.length * L];
    for (int r = 0; r < keys.length; r++) {
      weights[r * L + 1] = 1;
    }
    Tagger tagger = new Tagger(keys, weights, new float[(L + 1) * L], 1, g);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    tagger.write(bytes, keys);
    Tagger read = Tagger.read(new ByteArrayInputStream(bytes.toByteArray()));
    String[] sentence = "yesterday nakashima called".split(" "); // lower case: no recall bias
    assertThat(read.find(sentence)).isEqualTo(tagger.find(sentence)).hasSize(1);
    assertThat(read.find("yesterday table called".split(" "))).isEmpty();
  }
}
