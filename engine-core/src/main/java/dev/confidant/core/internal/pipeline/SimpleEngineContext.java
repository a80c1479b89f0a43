package dev.confidant.core.internal.pipeline;

import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.EngineOption;
import java.util.Map;
import java.util.Optional;

/** Options snapshot handed to providers. Immutable. */
public final class SimpleEngineContext implements EngineContext {
  private final Map<EngineOption<?>, Object> options;

  public SimpleEngineContext(Map<EngineOption<?>, Object> options) {
    this.options = Map.copyOf(options);
  }

  @Override
  public <T> Optional<T> option(EngineOption<T> option) {
    Object value = options.get(option);
    return value != null ? Optional.of(option.type().cast(value)) : Optional.ofNullable(option.defaultValue());
  }
}
