package dev.confidant.tools.pii.train;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.internal.ner.NameSpan;
import dev.confidant.pii.internal.ner.Tagger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A cascade of name detection, measured and not shipped (engine-pii README, "A contextual cascade"): the {@link Tagger} proposes candidates at a higher recall bias than it ships
 * with ({@link Tagger#candidates}); spans of its shipped decoding that it is sure of ({@value #SURE} or more) are
 * kept as they are, and the others are decided by a {@link VerifierHead} over the {@link ContextEncoder}'s states
 * of the span and its neighbours plus the tagger's margins and case bits ({@link #features}). The encoder runs
 * only on windows around the uncertain candidates of a sentence, and not at all where there are none. Thread-safe.
 */
final class ContextualNames {
  /** Extra recall bias of the candidate decoding, in units of the tagger's scale. */
  static final float EXTRA_BIAS = 1.0f;
  /** A span of the shipped decoding with this score or more skips the verifier. */
  static final double SURE = 0.7;
  /** Inputs of the head: span, previous and next word states, then {@value #SHAPE} tagger and shape values. */
  static final int INPUTS = 3 * ContextEncoder.DIM + ContextualNames.SHAPE;
  /** Tagger and shape inputs. */
  static final int SHAPE = 18;
  private static final EntityType[] TYPES = {EntityType.PERSON, EntityType.ORGANIZATION, EntityType.LOCATION};

  private final Tagger tagger;
  private final VerifierHead head;
  private final Supplier<ContextEncoder> encoder;

  /**
   * @param tagger proposes the candidates
   * @param head decides the uncertain ones
   * @param encoder gives the head its word states (asked on first use)
   */
  ContextualNames(Tagger tagger, VerifierHead head, Supplier<ContextEncoder> encoder) {
    if (head.inputs() != INPUTS) {
      throw new IllegalArgumentException("the verifier head expects " + head.inputs() + " inputs, not " + INPUTS);
    }
    this.tagger = tagger;
    this.head = head;
    this.encoder = encoder;
  }

  /** Whether a candidate skips the verifier. */
  static boolean sure(Tagger.Candidate c) {
    return c.shipped() && c.span().score() >= SURE;
  }

  /** The names of one tokenized sentence; see {@link Tagger#find(String[], boolean)}. */
  List<NameSpan> find(String[] words, boolean capitalsSayNames) {
    List<Tagger.Candidate> candidates = tagger.candidates(words, capitalsSayNames, EXTRA_BIAS);
    boolean[] verify = new boolean[candidates.size()];
    boolean any = false;
    for (int c = 0; c < verify.length; c++) {
      verify[c] = !sure(candidates.get(c));
      any |= verify[c];
    }
    List<NameSpan> out = new ArrayList<>();
    float[][] x = any ? features(words, candidates, verify, !capitalsSayNames, encoder.get()) : new float[0][];
    for (int c = 0; c < verify.length; c++) {
      NameSpan s = candidates.get(c).span();
      if (!verify[c]) {
        out.add(s);
        continue;
      }
      float[] p = head.probabilities(x[c]);
      if (head.keep(p, candidates.get(c).shipped())) {
        int best = 1;
        for (int y = 2; y < VerifierHead.OUT; y++) {
          best = p[y] > p[best] ? y : best;
        }
        out.add(new NameSpan(s.start(), s.end(), TYPES[best - 1], 1 - p[0]));
      }
    }
    return out;
  }

  /**
   * The head's inputs for the candidates {@code which} marks ({@code null} rows for the others): the mean state
   * of the span's words, the states of the word before and after (zeros at the sentence's edges), then the
   * tagger's margins per type, its type, whether its shipped decoding took the span and its score, the span's
   * length and position, and case and digit bits.
   *
   * @param german whether the text is German (its capitals say little)
   */
  static float[][] features(String[] words, List<Tagger.Candidate> candidates, boolean[] which,
      boolean german, ContextEncoder encoder) {
    int n = words.length;
    boolean[] wanted = new boolean[n];
    for (int c = 0; c < candidates.size(); c++) {
      if (which[c]) {
        NameSpan s = candidates.get(c).span();
        for (int i = Math.max(0, s.start() - 1); i < Math.min(n, s.end() + 1); i++) {
          wanted[i] = true;
        }
      }
    }
    float[][] states = encoder.states(words, wanted);
    float[][] out = new float[candidates.size()][];
    int dim = ContextEncoder.DIM;
    for (int c = 0; c < candidates.size(); c++) {
      if (!which[c]) {
        continue;
      }
      Tagger.Candidate cand = candidates.get(c);
      NameSpan s = cand.span();
      float[] x = new float[INPUTS];
      int count = 0;
      for (int i = s.start(); i < s.end(); i++) {
        if (states[i] != null) {
          for (int d = 0; d < dim; d++) {
            x[d] += states[i][d];
          }
          count++;
        }
      }
      for (int d = 0; count > 1 && d < dim; d++) {
        x[d] /= count;
      }
      if (s.start() > 0 && states[s.start() - 1] != null) {
        System.arraycopy(states[s.start() - 1], 0, x, dim, dim);
      }
      if (s.end() < n && states[s.end()] != null) {
        System.arraycopy(states[s.end()], 0, x, 2 * dim, dim);
      }
      shape(words, cand, german, x, 3 * dim);
      out[c] = x;
    }
    return out;
  }

  private static void shape(String[] words, Tagger.Candidate cand, boolean german, float[] x, int k) {
    NameSpan s = cand.span();
    for (float m : cand.margins()) {
      x[k++] = m;
    }
    for (EntityType t : TYPES) {
      x[k++] = s.type() == t ? 1 : 0;
    }
    x[k++] = cand.shipped() ? 1 : 0;
    x[k++] = (float) s.score();
    x[k++] = 1f / (s.end() - s.start());
    x[k++] = s.start() == 0 ? 1 : 0;
    boolean allCapital = true;
    boolean allCaps = false;
    boolean lower = false;
    boolean digit = false;
    for (int i = s.start(); i < s.end(); i++) {
      String w = words[i];
      allCapital &= Character.isUpperCase(w.charAt(0));
      lower |= Character.isLowerCase(w.charAt(0));
      allCaps |= w.length() > 1 && w.chars().allMatch(ch -> !Character.isLowerCase(ch));
      digit |= w.chars().anyMatch(Character::isDigit);
    }
    x[k++] = allCapital ? 1 : 0;
    x[k++] = allCaps ? 1 : 0;
    x[k++] = lower ? 1 : 0;
    x[k++] = digit ? 1 : 0;
    x[k++] = german ? 1 : 0;
    x[k++] = s.start() > 0 && Character.isLowerCase(words[s.start() - 1].charAt(0)) ? 1 : 0;
    x[k++] = s.end() < words.length && Character.isUpperCase(words[s.end()].charAt(0)) ? 1 : 0;
    x[k] = s.start() == 0 || !Character.isLetterOrDigit(words[s.start() - 1].charAt(0)) ? 1 : 0;
  }
}
