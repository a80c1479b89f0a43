package dev.confidant.api.spi;

import java.util.Optional;

/** What a provider may read when it creates its stage or backend. Thread-safe. */
public interface EngineContext {

  /** The configured value of an option, else its default, else empty. */
  <T> Optional<T> option(EngineOption<T> option);
}
