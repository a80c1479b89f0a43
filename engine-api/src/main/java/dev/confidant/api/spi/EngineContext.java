package dev.confidant.api.spi;

/** What a provider may read when it creates its stage or backend. Thread-safe. */
public interface EngineContext {

  /** The configured value of an option, or its default. */
  <T> T option(EngineOption<T> option);
}
