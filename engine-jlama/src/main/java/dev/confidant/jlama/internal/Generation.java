package dev.confidant.jlama.internal;

import com.github.tjake.jlama.tensor.KvBufferCache;
import dev.confidant.api.ChatEngineException;
import dev.confidant.api.FinishReason;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.Usage;
import dev.confidant.api.spi.ChunkFactory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One completion: the producer that runs on its own virtual thread and feeds a {@link GenerationStream}. It runs
 * the prompt through the model, then samples, decodes and emits one token at a time in OpenAI's chunk order (role,
 * content, finish, usage). Generation ends at an end-of-sequence token ({@code stop}), at a stop sequence
 * ({@code stop}; the stop text is not emitted), when a constrained JSON object is complete ({@code stop}), at the
 * token limit ({@code length}) or when the reader closes the stream; the KV cache is freed in every case.
 *
 * <p>Usage counts the rendered prompt's tokens (BOS included) and every token the model sampled, the final
 * end-of-sequence token included, as vLLM and llama.cpp count them. Not thread-safe: runs once, on one thread.
 */
final class Generation implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Generation.class);

  /**
   * What to generate.
   *
   * @param promptTokens the rendered prompt's token ids, BOS first
   * @param tokenLimit the most tokens to sample (already within the model's context)
   * @param sampling sampling settings
   * @param stops stop sequences
   * @param chunks makes the chunks, with the reported model name
   * @param jsonObject whether to constrain the reply to one JSON object ({@link JsonObjectConstraint})
   */
  record Plan(int[] promptTokens, int tokenLimit, SamplingPlan sampling, List<String> stops, ChunkFactory chunks,
      boolean jsonObject) {
    Plan {
      promptTokens = promptTokens.clone();
      stops = List.copyOf(stops);
    }
  }

  private final LoadedModel model;
  private final Plan plan;
  private final GenerationStream out;
  private final Runnable onExit;

  /**
   * @param onExit runs when the generation has ended and freed its KV cache, however it ended
   */
  Generation(LoadedModel model, Plan plan, GenerationStream out, Runnable onExit) {
    this.model = model;
    this.plan = plan;
    this.out = out;
    this.onExit = onExit;
  }

  @Override
  public void run() {
    try (KvBufferCache.KvBuffer kv = model.newKvCache()) {
      generate(kv);
    } catch (ChatEngineException e) {
      out.fail(e);
    } catch (RuntimeException | Error e) {
      LOG.warn("Jlama generation failed", e);
      out.fail(new ModelInvocationException("Jlama generation failed in model '" + model.name() + "': " + e, e));
    } finally {
      onExit.run();
    }
  }

  private void generate(KvBufferCache.KvBuffer kv) {
    ChunkFactory chunks = plan.chunks();
    if (!out.emit(chunks.role())) {
      return;
    }
    long started = System.nanoTime();
    int[] prompt = plan.promptTokens();
    float[] logits = model.prefill(prompt, kv, out::cancelled);
    if (logits == null) {
      return;
    }
    long prefilled = System.nanoTime();
    TokenSampler sampler = new TokenSampler(plan.sampling(), model.vocabSize());
    ReplyDecoder decoder = new ReplyDecoder(model.texts());
    StopSequenceFilter stops = new StopSequenceFilter(plan.stops());
    JsonObjectConstraint json = plan.jsonObject() ? new JsonObjectConstraint(model.texts()) : null;
    int generated = 0;
    FinishReason reason;
    boolean stopSequence = false;
    while (true) {
      if (out.cancelled()) {
        return;
      }
      if (json != null && !json.mask(logits, plan.tokenLimit() - generated)) {
        reason = FinishReason.STOP; // no token continues the object: the response-format stage reports it
        break;
      }
      int token = sampler.sample(logits);
      generated++;
      if (model.isEos(token)) {
        reason = FinishReason.STOP;
        break;
      }
      if (json != null) {
        json.accept(token);
      }
      StopSequenceFilter.Result text = stops.accept(decoder.accept(token));
      if (!text.text().isEmpty() && !out.emit(chunks.content(text.text()))) {
        return;
      }
      if (text.stopped()) {
        reason = FinishReason.STOP;
        stopSequence = true;
        break;
      }
      if (json != null && json.complete()) {
        reason = FinishReason.STOP; // the object is closed: nothing may follow it, so end without sampling EOS
        break;
      }
      if (generated >= plan.tokenLimit()) {
        reason = FinishReason.LENGTH;
        break;
      }
      logits = model.step(token, prompt.length + generated - 1, kv);
    }
    if (!stopSequence) {
      // Text held back as a possible stop sequence, or an unfinished character, belongs to the reply after all.
      StopSequenceFilter.Result rest = stops.accept(decoder.finish());
      String tail = rest.stopped() ? rest.text() : rest.text() + stops.finish();
      if (rest.stopped()) {
        reason = FinishReason.STOP;
      }
      if (!tail.isEmpty() && !out.emit(chunks.content(tail))) {
        return;
      }
    }
    logSpeed(prompt.length, generated, started, prefilled);
    if (out.emit(chunks.finish(reason)) && out.emit(chunks.usage(Usage.of(prompt.length, generated)))) {
      out.end();
    }
  }

  private void logSpeed(int promptTokens, int generated, long started, long prefilled) {
    if (LOG.isDebugEnabled()) {
      long now = System.nanoTime();
      LOG.debug("'{}': {} prompt tokens in {} ms, {} tokens in {} ms ({} tokens/s)", model.name(), promptTokens,
          (prefilled - started) / 1_000_000, generated, (now - prefilled) / 1_000_000,
          String.format("%.1f", generated * 1e9 / Math.max(1, now - prefilled)));
    }
  }
}
