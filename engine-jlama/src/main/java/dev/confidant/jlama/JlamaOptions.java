package dev.confidant.jlama;

import dev.confidant.api.spi.EngineOption;
import java.nio.file.Path;

/**
 * Options of the in-process {@code jlama} model backend, set on the engine builder. The keys are immutable
 * constants.
 *
 * {@snippet class=dev.confidant.jlama.JlamaSnippets region=model-dir}
 *
 * <p>Without {@link #MODEL_DIR} the backend serves a tiny random Llama model that Confidant generates itself
 * (deterministically, once per {@link #TINY_MODEL_CACHE_DIR}): it answers gibberish, but quickly, which is what
 * tests, examples and a first start need. The library reads no environment variables: a command line that
 * honours {@code CONFIDANT_MODEL_DIR} passes it through {@link #MODEL_DIR}.
 *
 * <p>Jlama needs the incubating Vector API: start the JVM with {@code --add-modules jdk.incubator.vector}.
 */
public final class JlamaOptions {

  /**
   * A model directory in Hugging Face layout: {@code config.json}, {@code tokenizer.json}, optionally
   * {@code tokenizer_config.json} (with the chat template), and {@code model.safetensors} (or
   * {@code model.safetensors.index.json} with its shards). F32 and BF16 weights load as they are. Default
   * {@code null}: the generated tiny model (see {@link TinyModels}).
   */
  public static final EngineOption<Path> MODEL_DIR = EngineOption.of("jlama.model-dir", Path.class, null);

  /**
   * Where the generated tiny model is cached, one sub-directory per content version ({@code tiny-v2}). Default
   * {@code null}: {@code confidant-models} in the JDK's temporary-file directory. Several JVMs may share it:
   * the model is written to a temporary directory and moved into place atomically.
   */
  public static final EngineOption<Path> TINY_MODEL_CACHE_DIR =
      EngineOption.of("jlama.tiny-model-cache-dir", Path.class, null);

  /**
   * The sampling temperature when a request sets none; the platform's default is {@code 0.7}. Must be in
   * {@code [0, 2]}; 0 is greedy decoding.
   */
  public static final EngineOption<Double> DEFAULT_TEMPERATURE =
      EngineOption.of("jlama.default-temperature", Double.class, 0.7);

  private JlamaOptions() {}
}
