package dev.confidant.api.spi;

import static java.util.Objects.requireNonNull;

/**
 * A typed configuration key, set with the engine builder and read by stages and backends.
 *
 * @param name a unique dotted name, e.g. {@code jlama.model-dir}
 * @param type the value type
 * @param defaultValue the value when not set
 * @param <T> the value type
 */
public record EngineOption<T>(String name, Class<T> type, T defaultValue) {
  public EngineOption {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    requireNonNull(defaultValue, "defaultValue");
  }

  /** A key. */
  public static <T> EngineOption<T> of(String name, Class<T> type, T defaultValue) {
    return new EngineOption<>(name, type, defaultValue);
  }
}
