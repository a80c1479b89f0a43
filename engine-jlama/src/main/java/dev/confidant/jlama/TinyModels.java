package dev.confidant.jlama;

import dev.confidant.jlama.internal.tiny.TinyModelGenerator;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The tiny Llama model that Confidant generates itself: what the {@code jlama} backend serves when
 * {@link JlamaOptions#MODEL_DIR} is not set. Its weights are random (it answers gibberish), but it is a real
 * model with a real byte-fallback BPE tokenizer and a chat template, small enough to load in well under a second,
 * and byte-for-byte the same on every run, which makes it a fixture for tests and examples.
 *
 * {@snippet class=dev.confidant.jlama.JlamaSnippets region=tiny-model}
 *
 * <p>Thread-safe: concurrent callers, also in other JVMs, share one cached copy and never see a half-written one.
 */
public final class TinyModels {

  /** The version of the generated content; a new version is generated into a new directory. */
  public static final String CONTENT_VERSION = TinyModelGenerator.CONTENT_VERSION;

  /**
   * Tokens a request may use on the tiny model, prompt plus completion: {@value}. Enough for a question with
   * retrieved passages and tool schemas, so that development mode serves everything the engine does.
   */
  public static final int CONTEXT_WINDOW = TinyModelGenerator.CONTEXT_WINDOW;

  private TinyModels() {}

  /**
   * The tiny model's directory ({@code tiny-<version>}) under {@code cacheDir}, generated first if absent.
   *
   * @throws dev.confidant.api.EngineConfigException if the directory cannot be written
   */
  public static Path ensure(Path cacheDir) {
    return TinyModelGenerator.ensure(cacheDir);
  }

  /**
   * Writes the tiny model's files into an existing empty directory, without caching.
   *
   * @throws IOException if a file cannot be written
   */
  public static void writeTo(Path dir) throws IOException {
    TinyModelGenerator.write(dir);
  }
}
