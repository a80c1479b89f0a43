package dev.confidant.api.spi;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A typed configuration key, set with the engine builder and read by stages and backends.
 *
 * @param name a unique dotted name, e.g. {@code jlama.model-dir}
 * @param type the value type
 * @param defaultValue the value when not set, or {@code null} for "no value"
 * @param <T> the value type
 */
public record EngineOption<T>(String name, Class<T> type, @Nullable T defaultValue) {
  public EngineOption {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
  }

  /** A key with a default. */
  public static <T> EngineOption<T> of(String name, Class<T> type, @Nullable T defaultValue) {
    return new EngineOption<>(name, type, defaultValue);
  }
}
