package dev.confidant.tools.pii.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.internal.ner.WordClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordClustererTest {
  /** Unit vectors near one axis per group, with a little noise. */
  private static float[][] vectors(int perGroup, int groups, Random random) {
    float[][] out = new float[perGroup * groups][];
    for (int g = 0; g < groups; g++) {
      for (int k = 0; k < perGroup; k++) {
        float[] v = new float[Math.max(16, groups)];
        v[g] = 1;
        for (int d = 0; d < v.length; d++) {
          v[d] += (float) (random.nextGaussian() * 0.05);
        }
        double n = 0;
        for (float x : v) {
          n += x * x;
        }
        for (int d = 0; d < v.length; d++) {
          v[d] /= (float) Math.sqrt(n);
        }
        out[g * perGroup + k] = v;
      }
    }
    return out;
  }

  @Test
  void kmeansSeparatesDistinctGroups() {
    float[][] v = vectors(50, 3, new Random(1));
    int[] members = java.util.stream.IntStream.range(0, v.length).toArray();
    int[] assign = WordClusterer.kmeans(v, members, 3, new Random(2));
    for (int g = 0; g < 3; g++) {
      for (int k = 1; k < 50; k++) {
        assertThat(assign[g * 50 + k]).isEqualTo(assign[g * 50]);
      }
    }
    assertThat(assign[0]).isNotEqualTo(assign[50]).isNotEqualTo(assign[100]);
    assertThat(assign[50]).isNotEqualTo(assign[100]);
  }

  @Test
  void idsAreNestedAndInRange() {
    int groups = WordClusters.TOP;
    float[][] v = vectors(8, groups, new Random(3));
    short[] ids = WordClusterer.cluster(v);
    for (short id : ids) {
      assertThat((int) id).isBetween(0, WordClusters.TOP * 16 - 1);
    }
    // words of one group share their top-level cluster, whatever their fine ids
    for (int g = 0; g < groups; g++) {
      for (int k = 1; k < 8; k++) {
        assertThat(ids[g * 8 + k] >> 4).isEqualTo(ids[g * 8] >> 4);
      }
    }
    assertThat(java.util.stream.IntStream.range(0, ids.length).map(i -> ids[i] >> 4).distinct().count())
        .isEqualTo(groups);
    // inside a group the finer levels split the words
    assertThat(java.util.stream.IntStream.range(0, 8).map(k -> ids[k]).distinct().count()).isGreaterThan(1);
  }

  @Test
  void statesSurviveTheCache(@TempDir Path dir) throws Exception {
    float[][] v = vectors(2, 2, new Random(4));
    WordClusterer.States states = new WordClusterer.States(List.of("okafor", "müller", "table", "stuhl"), v);
    Path file = dir.resolve("s.states");
    states.write(file);
    WordClusterer.States read = WordClusterer.States.read(file);
    assertThat(read.words()).isEqualTo(states.words());
    assertThat(read.vectors()).isDeepEqualTo(v);
    assertThat(Files.size(file)).isPositive();
  }
}
