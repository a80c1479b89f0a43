package dev.confidant.jlama.internal;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.safetensors.Config;
import com.github.tjake.jlama.safetensors.prompt.PromptContext;
import com.github.tjake.jlama.safetensors.prompt.PromptSupport;
import com.github.tjake.jlama.tensor.AbstractTensor;
import com.github.tjake.jlama.tensor.KvBufferCache;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A model loaded with Jlama, with what generation needs: tokenization, the forward pass to the next-token logits,
 * the decoding table, the end-of-sequence ids and the usable context.
 *
 * <p>Thread-safe. Jlama 0.8.4's forward pass is not safe to run concurrently on one model, even with separate KV
 * caches: {@code MLPBlock} and (for multi-head attention) {@code CausalSelfAttention} keep per-layer scratch arrays
 * in instance fields, and tensors cache their slices in unsynchronized arrays. Every forward pass therefore runs
 * under one fair lock, held for a single decoding step or a slice of {@value #PREFILL_SLICE} prompt tokens, so
 * concurrent requests interleave step by step and none waits for another to finish. (Jlama parallelises each
 * step across cores itself, so running steps concurrently would gain little anyway.)
 */
final class LoadedModel implements AutoCloseable {
  /** Prompt tokens per locked forward pass: long prompts do not stall other requests' decoding for long. */
  static final int PREFILL_SLICE = 64;

  private final AbstractModel model;
  private final String name;
  private final Tokens tokens;
  private final int maxPositions;
  private final boolean addsBos;
  private final KvBufferCache kvCaches;
  private final ReentrantLock forwardLock = new ReentrantLock(true);

  /**
   * What the model's tokenizer files say beyond what Jlama exposes.
   *
   * @param texts the bytes of each token, for decoding
   * @param fastEncoder an exact, faster replacement for Jlama's encoder, or {@code null} to use Jlama's
   * @param eosTokens the ids that end generation
   */
  record Tokens(TokenTexts texts, @Nullable SentencePieceBpe fastEncoder, int[] eosTokens) {
    Tokens {
      eosTokens = eosTokens.clone();
    }
  }

  /**
   * @param maxPositions positions a request may use (prompt plus completion); below the context by the margin
   *     Jlama's RoPE lookup needs
   */
  LoadedModel(AbstractModel model, String name, Tokens tokens, int maxPositions) {
    this.model = model;
    this.name = name;
    this.tokens = tokens;
    this.maxPositions = maxPositions;
    this.kvCaches = new KvBufferCache(model);
    // Whether the architecture starts prompts with BOS is a protected method of Jlama's model; encoding the empty
    // prompt reveals it.
    this.addsBos = model.encodePrompt(PromptContext.of("")).length > 0;
  }

  /** The model's name: its directory's name. */
  String name() {
    return name;
  }

  /** The decoding table. */
  TokenTexts texts() {
    return tokens.texts();
  }

  /** The size of the logits vector. */
  int vocabSize() {
    return model.getConfig().vocabularySize;
  }

  /** Prompt plus completion tokens a request may use. */
  int maxPositions() {
    return maxPositions;
  }

  /** Whether the token ends generation. */
  boolean isEos(int token) {
    for (int eos : tokens.eosTokens()) {
      if (eos == token) {
        return true;
      }
    }
    return false;
  }

  /** The chat template support, when the tokenizer has a template. */
  Optional<PromptSupport> promptSupport() {
    return model.promptSupport();
  }

  /**
   * The token ids of a rendered prompt, with the BOS token first where the model uses one (and only there), as
   * Jlama's {@code encodePrompt} gives them. Thread-safe.
   */
  int[] encode(String prompt) {
    SentencePieceBpe fast = tokens.fastEncoder();
    long[] ids = fast != null ? fast.encode(prompt) : model.getTokenizer().encode(prompt);
    int bos = model.getConfig().bosToken;
    int skip = addsBos && ids.length > 0 && ids[0] == bos ? 1 : 0;
    int offset = addsBos ? 1 : 0;
    int[] result = new int[ids.length - skip + offset];
    if (addsBos) {
      result[0] = bos;
    }
    for (int i = skip; i < ids.length; i++) {
      result[i - skip + offset] = Math.toIntExact(ids[i]);
    }
    return result;
  }

  /** A fresh KV cache for one generation; the caller closes it. */
  KvBufferCache.KvBuffer newKvCache() {
    // Ephemeral: heap pages, never files in the working directory, and not registered in any session map.
    return kvCaches.getEphemeralKvBuffer();
  }

  /**
   * Runs the prompt through the model from position 0 and returns the logits for the token after it, or
   * {@code null} if {@code cancelled} turned true between slices.
   */
  float @Nullable [] prefill(int[] tokens, KvBufferCache.KvBuffer kv, BooleanSupplier cancelled) {
    float @Nullable [] logits = null;
    for (int start = 0; start < tokens.length; start += PREFILL_SLICE) {
      if (cancelled.getAsBoolean()) {
        return null;
      }
      int[] slice = Arrays.copyOfRange(tokens, start, Math.min(tokens.length, start + PREFILL_SLICE));
      logits = forward(slice, start, kv);
    }
    if (logits == null) {
      throw new IllegalArgumentException("empty prompt");
    }
    return logits;
  }

  /** Runs one generated token at {@code position} and returns the logits for the token after it. */
  float[] step(int token, int position, KvBufferCache.KvBuffer kv) {
    return forward(new int[] {token}, position, kv);
  }

  // Raw AbstractTensor on purpose: naming its type arguments (bounded by jdk.incubator.vector.Vector) would make
  // this module need the incubator module at compile time.
  @SuppressWarnings("rawtypes")
  private float[] forward(int[] tokens, int position, KvBufferCache.KvBuffer kv) {
    Config c = model.getConfig();
    forwardLock.lock();
    try (AbstractTensor logits = model.makeDenseTensor(c.vocabularySize)) {
      AbstractTensor output = tokens.length == 1
          ? model.forward(tokens[0], position, kv, Optional.empty())
          : model.batchForward(tokens, position, kv);
      try {
        // With temperature 0, Jlama's sample() computes the raw logits into our tensor (final norm, output
        // projection, the model's logit scaling/soft-capping) and returns the argmax: the only public way to get
        // unnormalised logits. Our own sampler takes it from there.
        AbstractTensor last = tokens.length == 1 ? output : output.slice(output.shape().first() - 1);
        model.sample(last, 0f, 0f, logits);
      } finally {
        output.close();
      }
      float[] values = new float[c.vocabularySize];
      for (int i = 0; i < values.length; i++) {
        values[i] = logits.get(0, i);
      }
      return values;
    } finally {
      forwardLock.unlock();
    }
  }

  @Override
  public void close() {
    kvCaches.close();
    model.close();
  }
}
