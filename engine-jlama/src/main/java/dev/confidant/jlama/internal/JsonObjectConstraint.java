package dev.confidant.jlama.internal;

import java.util.Arrays;

/**
 * Constrained decoding for {@code response_format: json_object}: before each token is sampled, the logits of every
 * token whose text would make the reply something other than the prefix of one JSON object are set to
 * {@code -Infinity}, and so are those that would leave too little of the token budget to close the object
 * ({@link JsonPrefix#distance()}); generation ends as soon as the object is complete. So even a random model's
 * reply is a parseable JSON object, unless the budget is too small for {@code {}} or the vocabulary lacks the
 * single-character tokens needed to close it (then the budget rule is dropped and the reply may be cut off,
 * which the response-format stage reports).
 *
 * <p>Cost: one pass over the vocabulary per token, feeding each token's bytes (precomputed once per model by
 * {@link TokenTexts}) to a copy of the automaton. Not thread-safe: one per generation.
 */
final class JsonObjectConstraint {
  private static final int INVALID = -1;

  private final TokenTexts texts;
  private final JsonPrefix state;
  private final JsonPrefix trial;
  private int[] distances = new int[0];

  JsonObjectConstraint(TokenTexts texts) {
    this.texts = texts;
    this.state = new JsonPrefix(texts.leadingSpacesToStrip());
    this.trial = new JsonPrefix(0);
  }

  /**
   * Masks the logits of the tokens that may not come next.
   *
   * @param tokensLeft how many tokens may still be sampled, this one included
   * @return false if no token may come next (the logits are then unchanged)
   */
  boolean mask(float[] logits, int tokensLeft) {
    if (distances.length != logits.length) {
      distances = new int[logits.length];
    }
    int budget = tokensLeft - 1; // bytes of closing text that must fit after this token, one per token
    boolean withinBudget = false;
    boolean valid = false;
    for (int id = 0; id < logits.length; id++) {
      distances[id] = INVALID;
      byte[] bytes = texts.bytes(id);
      if (bytes.length == 0) {
        continue; // special tokens (EOS too: generation ends when the object is complete) and padding
      }
      trial.copyFrom(state);
      if (trial.accept(bytes)) {
        int d = trial.distance();
        distances[id] = d;
        valid = true;
        withinBudget |= d <= budget;
      }
    }
    if (!valid) {
      return false;
    }
    for (int id = 0; id < logits.length; id++) {
      if (distances[id] == INVALID || (withinBudget && distances[id] > budget)) {
        logits[id] = Float.NEGATIVE_INFINITY;
      }
    }
    return true;
  }

  /** Advances past the sampled token. */
  void accept(int token) {
    if (!state.accept(texts.bytes(token))) {
      // mask() allowed only tokens that continue the object; a logit bias of +inf is the only way here.
      throw new IllegalStateException("token " + token + " does not continue the JSON object: "
          + Arrays.toString(texts.bytes(token)));
    }
  }

  /** Whether the object is complete. */
  boolean complete() {
    return state.complete();
  }
}
