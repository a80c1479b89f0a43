package dev.confidant.jlama.internal.tiny;

/**
 * The shape of the generated tiny model (immutable). The defaults steer clear of Jlama 0.8.4's traps: head size 16 (its SIMD
 * kernels misbehave below), hidden and intermediate sizes multiples of 128, and {@link #ropeHeadroom()} extra
 * positions because its RoPE lookup reads up to {@code 2 × heads} positions past the current one.
 *
 * @param hiddenSize {@code hidden_size}
 * @param intermediateSize {@code intermediate_size}
 * @param layers {@code num_hidden_layers}
 * @param heads {@code num_attention_heads}
 * @param kvHeads {@code num_key_value_heads}
 * @param vocabSize tokens of the trained tokenizer (3 special + 256 bytes + characters + merges)
 * @param contextLength usable positions (prompt plus completion)
 * @param seed seed of the weights' {@link java.util.Random}
 */
record TinyModelSpec(
    int hiddenSize, int intermediateSize, int layers, int heads, int kvHeads, int vocabSize, int contextLength,
    long seed) {

  /**
   * Hidden 128, 2 layers, 8 heads (4 for keys and values), vocabulary 512, 4,096 positions: enough for a question
   * with retrieved passages and tool schemas in development mode (512 positions were not). The positions cost
   * nothing in the weights (RoPE has no parameters); a session's key/value cache holds
   * {@code layers × 2 × kvHeads × headSize × 4 bytes} = 1 KiB per position, 4 MiB when full.
   */
  static final TinyModelSpec DEFAULT = new TinyModelSpec(128, 256, 2, 8, 4, 512, TinyModelGenerator.CONTEXT_WINDOW, 20240917L);

  TinyModelSpec {
    if (hiddenSize % heads != 0 || hiddenSize / heads < 16) {
      throw new IllegalArgumentException("head size must be a whole number >= 16: " + hiddenSize + "/" + heads);
    }
    if (hiddenSize % 128 != 0 || intermediateSize % 128 != 0) {
      throw new IllegalArgumentException("hidden and intermediate sizes must be multiples of 128");
    }
    if (heads % kvHeads != 0) {
      throw new IllegalArgumentException("heads must be a multiple of kvHeads");
    }
  }

  int headSize() {
    return hiddenSize / heads;
  }

  /** Extra RoPE positions beyond {@link #contextLength()} (see the class comment). */
  int ropeHeadroom() {
    return 2 * heads;
  }
}
