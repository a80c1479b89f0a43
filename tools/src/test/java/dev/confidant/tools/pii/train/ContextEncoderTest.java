package dev.confidant.tools.pii.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Runs the real int8 MiniLM (an optional dependency, on engine-pii's test class path). */
class ContextEncoderTest {
  private static final ContextEncoder ENCODER = ContextEncoder.shared().orElseThrow();

  private static boolean[] only(int n, int... words) {
    boolean[] wanted = new boolean[n];
    for (int w : words) {
      wanted[w] = true;
    }
    return wanted;
  }

  @Test
  void statesOnlyForTheWordsAskedFor() {
    String[] words = "Yesterday Jordan flew to Jordan .".split(" ");
    float[][] states = ENCODER.states(words, only(words.length, 1, 4));
    assertThat(states[0]).isNull();
    assertThat(states[2]).isNull();
    assertThat(states[1]).hasSize(ContextEncoder.DIM);
    // The same word in two contexts: contextual states differ.
    assertThat(states[1]).isNotEqualTo(states[4]);
    // Deterministic.
    assertThat(ENCODER.states(words, only(words.length, 1, 4))[1]).containsExactly(states[1]);
  }

  @Test
  void aLongSentenceIsEncodedInWindowsAroundTheWordsAskedFor() {
    String[] words = new String[300];
    Arrays.fill(words, "word");
    words[5] = "Anna";
    words[290] = "Berlin";
    float[][] states = ENCODER.states(words, only(words.length, 5, 290));
    assertThat(states[5]).hasSize(ContextEncoder.DIM);
    assertThat(states[290]).hasSize(ContextEncoder.DIM);
    assertThat(states[150]).isNull();
  }

  @Test
  void theDependenciesAreFound() {
    assertThat(ContextEncoder.available()).isTrue();
  }
}
