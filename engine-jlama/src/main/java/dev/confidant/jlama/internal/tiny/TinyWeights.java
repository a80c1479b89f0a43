package dev.confidant.jlama.internal.tiny;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Random weights for the tiny model. {@link Random} is used on purpose: its algorithm is specified by the JDK, so
 * the same seed gives the same floats on every JVM, which is what lets the generated model be cached by version.
 * Stateless.
 */
final class TinyWeights {

  private static final float EMBEDDING_SCALE = 0.5f;
  private static final float ATTENTION_SCALE = 0.15f;
  private static final float MLP_SCALE = 0.1f;
  /** Output rows this large give logits with a standard deviation near 3: greedy text is varied, not uniform. */
  private static final float OUTPUT_SCALE = 0.5f;
  private static final float BIAS_FEATURE = 1f;
  private static final float WORD_START_BONUS = 2f;

  private TinyWeights() {}

  /** The model's tensors in Hugging Face Llama naming, in the order they are written. */
  static List<Safetensors.Tensor> generate(TinyModelSpec spec, List<String> pieces) {
    Random random = new Random(spec.seed());
    int d = spec.hiddenSize();
    int kv = spec.kvHeads() * spec.headSize();
    int ff = spec.intermediateSize();
    int vocab = spec.vocabSize();
    List<Safetensors.Tensor> tensors = new ArrayList<>();
    Safetensors.Tensor embeddings = uniform("model.embed_tokens.weight", random, EMBEDDING_SCALE, vocab, d);
    // Dimension 0 of every embedding is a constant "bias" feature; no layer writes to it (their output projections'
    // first rows are zero), so it reaches the output head unchanged (see lm_head).
    for (int id = 0; id < vocab; id++) {
      embeddings.data()[id * d] = BIAS_FEATURE;
    }
    tensors.add(embeddings);
    for (int layer = 0; layer < spec.layers(); layer++) {
      String p = "model.layers." + layer + ".";
      tensors.add(uniform(p + "self_attn.q_proj.weight", random, ATTENTION_SCALE, d, d));
      tensors.add(uniform(p + "self_attn.k_proj.weight", random, ATTENTION_SCALE, kv, d));
      tensors.add(uniform(p + "self_attn.v_proj.weight", random, ATTENTION_SCALE, kv, d));
      tensors.add(zeroFirstRow(uniform(p + "self_attn.o_proj.weight", random, ATTENTION_SCALE, d, d), d));
      tensors.add(uniform(p + "mlp.gate_proj.weight", random, MLP_SCALE, ff, d));
      tensors.add(zeroFirstRow(uniform(p + "mlp.down_proj.weight", random, MLP_SCALE, d, ff), ff));
      tensors.add(uniform(p + "mlp.up_proj.weight", random, MLP_SCALE, ff, d));
      tensors.add(ones(p + "input_layernorm.weight", d));
      tensors.add(ones(p + "post_attention_layernorm.weight", d));
    }
    tensors.add(ones("model.norm.weight", d));
    Safetensors.Tensor head = uniform("lm_head.weight", random, OUTPUT_SCALE, vocab, d);
    // Zero rows give logit 0, far below the typical maximum: the model rarely emits <unk>, <s> or a raw byte,
    // so its text is made of words and pieces. </s> (id 2) keeps a random row so that replies can end.
    for (int id = 0; id < 3 + 256; id++) {
      if (id != 2) {
        Arrays.fill(head.data(), id * d, (id + 1) * d, 0f);
      }
    }
    // Reading the bias feature, word-initial pieces ("\u2581the") get a higher logit than word-inner ones, so the
    // random text comes out as a run of words rather than one long glued word.
    for (int id = 0; id < Math.min(vocab, pieces.size()); id++) {
      head.data()[id * d] = pieces.get(id).startsWith(BpeTrainer.SPACE) ? WORD_START_BONUS : 0f;
    }
    tensors.add(head);
    return tensors;
  }

  private static Safetensors.Tensor uniform(String name, Random random, float scale, int rows, int cols) {
    float[] data = new float[rows * cols];
    for (int i = 0; i < data.length; i++) {
      data[i] = (random.nextFloat() * 2f - 1f) * scale;
    }
    return new Safetensors.Tensor(name, new int[] {rows, cols}, data);
  }

  private static Safetensors.Tensor zeroFirstRow(Safetensors.Tensor t, int cols) {
    Arrays.fill(t.data(), 0, cols, 0f);
    return t;
  }

  private static Safetensors.Tensor ones(String name, int size) {
    float[] data = new float[size];
    Arrays.fill(data, 1f);
    return new Safetensors.Tensor(name, new int[] {size}, data);
  }
}
