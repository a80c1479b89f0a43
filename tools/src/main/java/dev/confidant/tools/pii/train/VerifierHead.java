package dev.confidant.tools.pii.train;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A small multilayer perceptron that decides a candidate name span: inputs standardised by the training data's
 * mean and deviation, one hidden layer of rectified units, a softmax over {@code O, PER, ORG, LOC}. Trained by
 * {@code dev.confidant.tools.pii.train.VerifierTrainer}. Decisions are asymmetric, because a name left unmasked
 * costs more than a word masked in vain: a span the tagger's shipped decoding took is dropped only from
 * {@link #dropAt()} probability of "outside", one only a higher recall bias proposed is added from
 * {@link #addAt()} probability of a name. Immutable and thread-safe.
 */
final class VerifierHead {
  /** "CVH2". */
  private static final int MAGIC = 0x43564832;
  /** Outputs: outside, person, organisation, location. */
  static final int OUT = 4;

  private final int in;
  private final int hidden;
  private final float[] mean;
  private final float[] scale;
  private final float[] w1;
  private final float[] b1;
  private final float[] w2;
  private final float[] b2;
  private final float dropAt;
  private final float addAt;

  /**
   * @param mean per input, subtracted first
   * @param scale per input, multiplied after (1 / deviation)
   * @param w1 {@code hidden x in}, row-major
   * @param b1 {@code hidden}
   * @param w2 {@code OUT x hidden}, row-major
   * @param b2 {@code OUT}
   * @param dropAt the probability of "outside" from which a span of the tagger's shipped decoding is dropped
   * @param addAt the probability of a name from which another candidate is added
   */
  VerifierHead(float[] mean, float[] scale, float[] w1, float[] b1, float[] w2, float[] b2, float dropAt,
      float addAt) {
    this.in = mean.length;
    this.hidden = b1.length;
    if (scale.length != in || w1.length != in * hidden || w2.length != OUT * hidden || b2.length != OUT) {
      throw new IllegalArgumentException("inconsistent layer sizes");
    }
    this.mean = mean;
    this.scale = scale;
    this.w1 = w1;
    this.b1 = b1;
    this.w2 = w2;
    this.b2 = b2;
    this.dropAt = dropAt;
    this.addAt = addAt;
  }

  /** Inputs per candidate. */
  int inputs() {
    return in;
  }

  /** The probability of "outside" from which a span of the tagger's shipped decoding is dropped. */
  float dropAt() {
    return dropAt;
  }

  /** The probability of a name from which a candidate the shipped decoding left out is added. */
  float addAt() {
    return addAt;
  }

  /** The same head with other thresholds (sweeps). */
  VerifierHead withThresholds(float dropAt, float addAt) {
    return new VerifierHead(mean, scale, w1, b1, w2, b2, dropAt, addAt);
  }

  /** Whether a candidate with these {@link #probabilities} is a name; {@code shipped}: the tagger took it. */
  boolean keep(float[] p, boolean shipped) {
    return shipped ? p[0] < dropAt : 1 - p[0] >= addAt;
  }

  /** Probabilities of {@code O, PER, ORG, LOC} for one input vector of {@link #inputs()} floats. */
  float[] probabilities(float[] x) {
    float[] h = new float[hidden];
    float[] z = new float[in];
    for (int d = 0; d < in; d++) {
      z[d] = (x[d] - mean[d]) * scale[d];
    }
    for (int j = 0; j < hidden; j++) {
      float s = b1[j];
      for (int d = 0, o = j * in; d < in; d++) {
        s += w1[o + d] * z[d];
      }
      h[j] = Math.max(0, s);
    }
    float[] p = new float[OUT];
    for (int y = 0; y < OUT; y++) {
      float s = b2[y];
      for (int j = 0; j < hidden; j++) {
        s += w2[y * hidden + j] * h[j];
      }
      p[y] = s;
    }
    return softmax(p);
  }

  /** Turns scores into probabilities, in place; returns {@code z}. */
  static float[] softmax(float[] z) {
    float max = Float.NEGATIVE_INFINITY;
    for (float v : z) {
      max = Math.max(max, v);
    }
    float sum = 0;
    for (int y = 0; y < z.length; y++) {
      z[y] = (float) Math.exp(z[y] - max);
      sum += z[y];
    }
    for (int y = 0; y < z.length; y++) {
      z[y] /= sum;
    }
    return z;
  }

  /** Writes the head (gzip, floats). */
  void write(OutputStream os) throws IOException {
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(os)));
    out.writeInt(MAGIC);
    out.writeInt(in);
    out.writeInt(hidden);
    out.writeFloat(dropAt);
    out.writeFloat(addAt);
    for (float[] a : new float[][] {mean, scale, w1, b1, w2, b2}) {
      for (float v : a) {
        out.writeFloat(v);
      }
    }
    out.close();
  }

  /** Reads a head written by {@link #write}. */
  static VerifierHead read(InputStream is) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(new GZIPInputStream(is, 1 << 16).readAllBytes());
    try {
      if (buf.getInt() != MAGIC) {
        throw new IOException("not a Confidant verifier head");
      }
      int in = buf.getInt();
      int hidden = buf.getInt();
      if (in <= 0 || hidden <= 0 || (long) in * hidden > 1 << 24) {
        throw new IOException("corrupt verifier head");
      }
      float dropAt = buf.getFloat();
      float addAt = buf.getFloat();
      float[][] a = {new float[in], new float[in], new float[in * hidden], new float[hidden],
          new float[OUT * hidden], new float[OUT]};
      for (float[] v : a) {
        buf.asFloatBuffer().get(v);
        buf.position(buf.position() + 4 * v.length);
      }
      return new VerifierHead(a[0], a[1], a[2], a[3], a[4], a[5], dropAt, addAt);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new IOException("truncated or corrupt verifier head", e);
    }
  }
}
