package dev.confidant.jlama.internal;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.EngineConfigException;
import dev.confidant.api.spi.EngineContext;
import dev.confidant.jlama.JlamaOptions;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The backend's configuration, read once from the engine's options. Immutable.
 *
 * @param modelDir the model directory, or {@code null} for the generated tiny model
 * @param tinyModelCacheDir where the tiny model is generated and cached
 * @param defaultTemperature the temperature of requests that set none
 */
record JlamaSettings(@Nullable Path modelDir, Path tinyModelCacheDir, double defaultTemperature) {

  JlamaSettings {
    requireNonNull(tinyModelCacheDir, "tinyModelCacheDir");
    if (!(defaultTemperature >= 0 && defaultTemperature <= 2)) {
      throw new EngineConfigException(JlamaOptions.DEFAULT_TEMPERATURE.name() + " must be in [0, 2], got "
          + defaultTemperature);
    }
  }

  /** The settings in the engine's options, with their defaults. */
  static JlamaSettings from(EngineContext context) {
    return new JlamaSettings(
        context.option(JlamaOptions.MODEL_DIR).orElse(null),
        context.option(JlamaOptions.TINY_MODEL_CACHE_DIR).orElseGet(JlamaSettings::defaultCacheDir),
        context.option(JlamaOptions.DEFAULT_TEMPERATURE).orElse(0.7));
  }

  /** {@code confidant-models} in the JDK's temporary-file directory. */
  static Path defaultCacheDir() {
    // java.io.tmpdir is the JDK's own definition of the temporary directory (Files.createTempFile uses it too),
    // not a Confidant setting: configuration goes through JlamaOptions.TINY_MODEL_CACHE_DIR.
    return Path.of(System.getProperty("java.io.tmpdir"), "confidant-models");
  }
}
