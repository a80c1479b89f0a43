package dev.confidant.rag.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.lucene.search.ScoreDoc;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class FusionTest {
  private static List<ScoreDoc> ranking(float... docAndScore) {
    List<ScoreDoc> list = new java.util.ArrayList<>();
    for (int i = 0; i < docAndScore.length; i += 2) {
      list.add(new ScoreDoc((int) docAndScore[i], docAndScore[i + 1]));
    }
    return list;
  }

  @Test
  void convexFusionAveragesMinMaxNormalisedScores() {
    // BM25: doc 1 = 10 (max), doc 2 = 6, doc 3 = 2 (min). Dense: doc 3 = 0.9 (max), doc 2 = 0.8, doc 4 = 0.4 (min).
    List<ScoreDoc> fused = new Fusion.Convex(0.5).fuse(ranking(1, 10, 2, 6, 3, 2), ranking(3, 0.9f, 2, 0.8f, 4, 0.4f));

    assertThat(fused).extracting(sd -> sd.doc).containsExactly(2, 1, 3, 4);
    assertThat(fused.get(0).score).isCloseTo(0.5f * 0.5f + 0.5f * 0.8f, Offset.offset(1e-6f));
    assertThat(fused.get(1).score).isCloseTo(0.5f, Offset.offset(1e-6f));
    assertThat(fused.get(2).score).isCloseTo(0.5f, Offset.offset(1e-6f));
    assertThat(fused.get(3).score).isZero();
  }

  @Test
  void tiesKeepTheLexicalOrderAndOneSidedListsStillRank() {
    assertThat(new Fusion.Convex(0.5).fuse(ranking(7, 3, 8, 3), List.of())).extracting(sd -> sd.doc)
        .containsExactly(7, 8);
    assertThat(new Fusion.Convex(0.5).fuse(List.of(), ranking(5, 0.7f, 6, 0.2f))).extracting(sd -> sd.doc)
        .containsExactly(5, 6);
  }

  @Test
  void reciprocalRankFusionSumsWeightedReciprocalRanks() {
    List<ScoreDoc> fused = new Fusion.Rrf(60, 1).fuse(ranking(1, 9, 2, 8), ranking(2, 0.9f, 3, 0.5f));

    assertThat(fused).extracting(sd -> sd.doc).containsExactly(2, 1, 3);
    assertThat(fused.getFirst().score).isCloseTo(1f / 62 + 1f / 61, Offset.offset(1e-6f));
  }

  @Test
  void alphaOutsideTheUnitIntervalIsRejected() {
    assertThatThrownBy(() -> new Fusion.Convex(1.5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.5");
  }
}
