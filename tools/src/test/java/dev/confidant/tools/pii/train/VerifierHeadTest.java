package dev.confidant.tools.pii.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VerifierHeadTest {
  private static VerifierHead random(int in, int hidden, long seed) {
    Random r = new Random(seed);
    float[][] a = {new float[in], new float[in], new float[in * hidden], new float[hidden],
        new float[VerifierHead.OUT * hidden], new float[VerifierHead.OUT]};
    for (float[] v : a) {
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) r.nextGaussian();
      }
    }
    Arrays.fill(a[1], 0.5f);
    return new VerifierHead(a[0], a[1], a[2], a[3], a[4], a[5], 0.9f, 0.4f);
  }

  @Test
  void probabilitiesAreADistributionThatTheInputsMove() {
    VerifierHead head = random(10, 6, 1);
    float[] x = new float[10];
    float[] p = head.probabilities(x);
    assertThat(p[0] + p[1] + p[2] + p[3]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
    x[3] = 5;
    assertThat(head.probabilities(x)).isNotEqualTo(p);
  }

  @Test
  void aWrittenHeadReadsBackWithTheSameOutputsAndThreshold() throws IOException {
    VerifierHead head = random(12, 5, 2);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    head.write(out);
    VerifierHead back = VerifierHead.read(new ByteArrayInputStream(out.toByteArray()));
    float[] x = new float[12];
    x[0] = 1.5f;
    x[11] = -2;
    assertThat(back.probabilities(x)).containsExactly(head.probabilities(x));
    assertThat(back.dropAt()).isEqualTo(0.9f);
    assertThat(back.addAt()).isEqualTo(0.4f);
    assertThat(back.inputs()).isEqualTo(12);
  }

  @Test
  void aTruncatedOrForeignFileIsAnIoException() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    random(12, 5, 3).write(out);
    byte[] whole = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(out.toByteArray())).readAllBytes();
    ByteArrayOutputStream cut = new ByteArrayOutputStream();
    try (var gz = new java.util.zip.GZIPOutputStream(cut)) {
      gz.write(whole, 0, whole.length / 2);
    }
    assertThatThrownBy(() -> VerifierHead.read(new ByteArrayInputStream(cut.toByteArray())))
        .isInstanceOf(IOException.class);
    ByteArrayOutputStream foreign = new ByteArrayOutputStream();
    try (var gz = new java.util.zip.GZIPOutputStream(foreign)) {
      gz.write(new byte[64]);
    }
    assertThatThrownBy(() -> VerifierHead.read(new ByteArrayInputStream(foreign.toByteArray())))
        .isInstanceOf(IOException.class);
  }
}
